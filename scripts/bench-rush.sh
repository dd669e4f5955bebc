#!/usr/bin/env bash
# The whole-purchase rush, end to end and on its own: builds the server,
# starts it on a free port with a fresh private PostgreSQL (created and
# seeded with the demo data under a temporary DATA_DIR) and a Stripe
# webhook signing secret made up for the run, runs bench/rush against it
# (512 signed-in buyers holding, checking out and paying on the London
# IMAX's next show, a watcher on /readyz and the home page, and a burst of
# signed webhooks), and stops and removes everything again, also on
# failure or Ctrl-C. Extra arguments go to bench/rush, e.g.
#   scripts/bench-rush.sh -buyers 120 -duration 30s
set -euo pipefail

BENCH=rush
# The server verifies /webhooks/stripe with this secret (the payment
# provider stays the built-in test one); bench/rush signs its burst with it.
STRIPE_WEBHOOK_SECRET="whsec_rush_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export STRIPE_WEBHOOK_SECRET
# All buyers come from 127.0.0.1, where a real rush comes from many
# addresses: the per-address limits on holds and sign-ins are off (the
# per-account limits stay).
export HOLD_RATE_PER_IP=0 RATE_SIGNIN_PER_IP=0
# shellcheck source=scripts/bench-server.sh
source "$(dirname "$0")/bench-server.sh"

status=0
"$tmp/$BENCH" -base "http://127.0.0.1:$port" -database-url "$db_url" "$@" || status=$?

# What the server complained about meanwhile (RUSH_SERVER_LOG=file keeps
# its whole log).
[ -z "${RUSH_SERVER_LOG:-}" ] || cp "$tmp/server.log" "$RUSH_SERVER_LOG"
echo "server log: $(grep -c 'level=ERROR' "$tmp/server.log" || true) errors, $(grep -c 'level=WARN' "$tmp/server.log" || true) warnings; most common:"
grep -oE 'level=(ERROR|WARN) msg=("[^"]*"|[^ ]*)' "$tmp/server.log" | sort | uniq -c | sort -rn | head -5 || true
exit "$status"
