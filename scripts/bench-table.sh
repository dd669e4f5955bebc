#!/usr/bin/env bash
# make bench: one table of Marquee's figures, each beside a baseline measured
# in the same run. First the on-sale and rush benches run on their own fresh
# servers (scripts/bench-onsale.sh, scripts/bench-rush.sh; their summary
# lines become rows). Then a fresh server with the demo data plus the
# generated scale data (TABLE_MOVIES movies, TABLE_SHOWS shows; default
# 10,000 and 200,000, as bench-search.sh) and the search index rebuilt, and
# a second web-only server on the same database with CACHE_SIZE=0, and
# bench/table measures both: browsing against a minimal echo handler of the
# same page size, search and suggestions, a mixed profile at a fixed
# arrival rate, and prints the table and whether issue 16's targets are met.
# Everything is stopped and removed afterwards, also on failure or Ctrl-C.
# Extra arguments go to bench/table, e.g.
#   scripts/bench-table.sh -clients 16 -duration 10s -rate 500
# TABLE_SKIP_OTHERS=1 skips the on-sale and rush benches (no rows for them).
set -euo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d "${TMPDIR:-/tmp}/marquee-table-logs.XXXXXX")
movies=${TABLE_MOVIES:-10000}
shows=${TABLE_SHOWS:-200000}
others=()
if [ -z "${TABLE_SKIP_OTHERS:-}" ]; then
  echo "== on-sale bench (its own server), output in $logs/onsale.log"
  scripts/bench-onsale.sh -duration "${TABLE_ONSALE_DURATION:-10s}" >"$logs/onsale.log" 2>&1 || { tail -20 "$logs/onsale.log"; exit 1; }
  tail -1 "$logs/onsale.log"
  echo "== rush bench (its own server), output in $logs/rush.log"
  scripts/bench-rush.sh -buyers "${TABLE_RUSH_BUYERS:-256}" -duration "${TABLE_RUSH_DURATION:-20s}" >"$logs/rush.log" 2>&1 ||
    { tail -20 "$logs/rush.log"; exit 1; }
  grep '^rush ' "$logs/rush.log" | tail -1
  others=(-onsale-log "$logs/onsale.log" -rush-log "$logs/rush.log")
fi

# The table measures capacity, not the abuse limits: every client comes
# from 127.0.0.1, so the per-address and per-account limits are off.
export RATE_SIGNIN_PER_IP=0 RATE_SEARCH_PER_IP=0 RATE_API_PER_IP=0 RATE_PAY_PER_ACCOUNT=0 HOLD_RATE_PER_IP=0 HOLD_RATE_PER_ACCOUNT=0 MAX_UNPAID_HOLDS=0
BENCH=table
# shellcheck source=scripts/bench-server.sh
source scripts/bench-server.sh

nocache_pid=""
cleanup_table() {
  local status=$?
  set +e # the status below must reach cleanup, not end this trap
  if [ -n "$nocache_pid" ]; then
    kill -TERM "$nocache_pid" 2>/dev/null || true
    wait "$nocache_pid" 2>/dev/null || true
  fi
  rm -rf "$logs"
  (exit "$status")
  cleanup
}
trap cleanup_table EXIT

echo "generating scale data ($movies movies, $shows shows) and rebuilding the search index"
started=$SECONDS
env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" DATABASE_URL="$db_url" LOG_LEVEL=warn \
  "$BIN" seed -movies "$movies" -shows "$shows"
env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" DATABASE_URL="$db_url" LOG_LEVEL=warn \
  "$BIN" reindex
echo "scale data and index: $((SECONDS - started)) s"

# The same site with its cache off: a web instance on the same database.
port2=$((port + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$port2") 2>/dev/null; do port2=$((port2 + 1)); done
echo "starting a second instance with CACHE_SIZE=0 on port $port2"
env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" DATABASE_URL="$db_url" PORT="$port2" ROLE=web \
  BASE_URL="http://127.0.0.1:$port2" LOG_LEVEL=warn CACHE_SIZE=0 "$BIN" >"$tmp/server-nocache.log" 2>&1 &
nocache_pid=$!
ready2() {
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$port2" || return 1
  printf 'GET /readyz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r line <&3 || true
  [[ "$line" == "HTTP/1."?" 200"* ]]
}
for _ in $(seq 1 600); do
  kill -0 "$nocache_pid" 2>/dev/null || { echo "the cache-off server stopped:" >&2; tail -20 "$tmp/server-nocache.log" >&2; exit 1; }
  (ready2) 2>/dev/null && break
  sleep 0.1
done

"$tmp/$BENCH" -base "http://127.0.0.1:$port" -base-nocache "http://127.0.0.1:$port2" -database-url "$db_url" \
  "${others[@]}" "$@"
