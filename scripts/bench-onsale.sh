#!/usr/bin/env bash
# The on-sale load test, end to end and on its own: builds the server, starts
# it on a free port with a fresh private PostgreSQL (created and seeded with
# the demo data under a temporary DATA_DIR), runs bench/onsale against it
# (64 buyers on the London IMAX's next show, then the same hold work straight
# on PostgreSQL), and stops and removes everything again, also on failure or
# Ctrl-C. Extra arguments go to bench/onsale, e.g.
#   scripts/bench-onsale.sh -buyers 128 -duration 30s
set -euo pipefail

BENCH=onsale
# shellcheck source=scripts/bench-server.sh
source "$(dirname "$0")/bench-server.sh"

"$tmp/$BENCH" -base "http://127.0.0.1:$port" -database-url "$db_url" "$@"
