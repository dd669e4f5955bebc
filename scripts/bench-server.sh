# Sourced by the bench-*.sh scripts, with BENCH set to the tool's name under
# bench/: builds the server and the tool, starts the server on a free port
# with a fresh private PostgreSQL seeded with the demo data under a temporary
# DATA_DIR, and waits until it is ready. Afterwards $tmp/$BENCH is the tool,
# $port the server's port and $db_url its database; everything is stopped
# and removed on exit, also on failure or Ctrl-C.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO=${GO:-go}
BIN=${BIN:-bin/marquee}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/marquee-$BENCH.XXXXXX")
# As root, PostgreSQL runs as the postgres user, who must reach DATA_DIR.
chmod 755 "$tmp"
server_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  # The server stops its PostgreSQL on the way out; if it could not, do it here.
  local pidfile="$tmp/data/pg/postmaster.pid"
  if [ -f "$pidfile" ]; then
    local pg_pid
    pg_pid=$(head -1 "$pidfile")
    kill -INT "$pg_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pg_pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  if [ "$status" != 0 ] && [ -f "$tmp/server.log" ]; then
    echo "--- server log (last 30 lines) ---" >&2
    tail -30 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building $BIN and bench/$BENCH"
"$GO" build -trimpath -o "$BIN" ./cmd/server
"$GO" build -trimpath -o "$tmp/$BENCH" "./bench/$BENCH"

# A free loopback port: nothing answers on it.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || { echo "no free port found" >&2; exit 1; }

echo "starting Marquee on port $port with a fresh database under $tmp/data"
env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" PORT="$port" BASE_URL="http://127.0.0.1:$port" \
  LOG_LEVEL=warn SEED_DEMO=true "$BIN" >"$tmp/server.log" 2>&1 &
server_pid=$!

# ready: GET /readyz answers 200 (plain bash, no curl needed).
ready() {
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /readyz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r line <&3 || true
  [[ "$line" == "HTTP/1."?" 200"* ]]
}

db_url=""
for _ in $(seq 1 1800); do
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped during start-up" >&2; exit 1; }
  # The server prints its development database URL once it serves.
  db_url=$(grep -o 'postgres://[^ ]*' "$tmp/server.log" | head -1 || true)
  if [ -n "$db_url" ] && (ready) 2>/dev/null; then
    break
  fi
  db_url=""
  sleep 0.1
done
[ -n "$db_url" ] || { echo "the server was not ready within 3 minutes" >&2; exit 1; }

