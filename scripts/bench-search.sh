#!/usr/bin/env bash
# The search benchmark, end to end and on its own: builds the server, starts
# it on a free port with a fresh private PostgreSQL (created and seeded with
# the demo data under a temporary DATA_DIR), adds the generated scale data
# (10,000 movies, 200,000 shows), rebuilds the search index (the server
# reloads its in-memory part on the reindex's notification), runs
# bench/search against it (8 clients over HTTP after a 3 s unmeasured
# warm-up, then the text queries uncached at the database), and stops and
# removes everything again, also on failure or Ctrl-C. Extra arguments go
# to bench/search, e.g.
#   scripts/bench-search.sh -clients 16 -duration 30s
#   scripts/bench-search.sh -warmup 0     # every query's first time counted
# The last line is the summary:
#   search clients=8 qps=N p50_ms=N p99_ms=N suggest_p99_ms=N
set -euo pipefail

BENCH=search
# Thousands of searches a second from 127.0.0.1.
export RATE_SEARCH_PER_IP=0 RATE_API_PER_IP=0
# shellcheck source=scripts/bench-server.sh
source "$(dirname "$0")/bench-server.sh"

echo "generating scale data (10,000 movies, 200,000 shows) and rebuilding the search index"
env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" DATABASE_URL="$db_url" LOG_LEVEL=warn \
  "$BIN" seed -movies 10000 -shows 200000
env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" DATABASE_URL="$db_url" LOG_LEVEL=warn \
  "$BIN" reindex

"$tmp/$BENCH" -base "http://127.0.0.1:$port" -database-url "$db_url" "$@"
