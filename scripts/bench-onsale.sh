#!/usr/bin/env bash
# The on-sale load test, end to end and on its own: builds the server, starts
# it on a free port with a fresh private PostgreSQL (created and seeded with
# the demo data under a temporary DATA_DIR), runs bench/onsale against it
# (64 buyers on the London IMAX's next show, then the same hold work straight
# on PostgreSQL, then pgbench's minimal hold + release pairs with 64 clients
# in a scratch database on the same PostgreSQL, for the ratio), and stops and
# removes everything again, also on failure or Ctrl-C. pgbench must be on
# PATH (or pass -pgbench /path/to/pgbench; -pgbench '' skips it). Extra
# arguments go to bench/onsale, e.g.
#   scripts/bench-onsale.sh -buyers 128 -duration 30s
set -euo pipefail

BENCH=onsale
# The bench measures holds, not the abuse limits: its buyers hold in a loop,
# all from 127.0.0.1, so the limits on holds a minute are off, and so are
# the gateway's limits on sign-ins and API requests per address and token.
export HOLD_RATE_PER_ACCOUNT=0 HOLD_RATE_PER_IP=0 RATE_SIGNIN_PER_IP=0 RATE_API_PER_IP=0 RATE_API_PER_TOKEN=0
# shellcheck source=scripts/bench-server.sh
source "$(dirname "$0")/bench-server.sh"

"$tmp/$BENCH" -base "http://127.0.0.1:$port" -database-url "$db_url" "$@"
