#!/usr/bin/env bash
# Makes sure what `make test` needs is on this machine, installing it from
# Debian's packages when it is missing and we may (root with apt-get):
#   - a PostgreSQL: a server on 127.0.0.1:5432, or the server binaries
#     (initdb, pg_ctl) so the tests can start a throwaway cluster;
#   - a Redis: a server on 127.0.0.1:6379, or redis-server so the tests can
#     start a throwaway one;
#   - Chromium, which the browser journey tests drive headless (chromedp);
# Go modules and the generators come from go.mod.
set -euo pipefail

have_pg_binaries() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null
}

pg_answers() {
  (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
}

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: $* (install it, then run make test again)" >&2
    return 1
  fi
  echo "installing $* from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ -z "${TEST_DATABASE_URL:-}" ] && ! pg_answers && ! have_pg_binaries; then
  apt_install postgresql
fi

redis_answers() {
  (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null
}

if ! redis_answers && ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server
fi

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
  && ! command -v google-chrome >/dev/null 2>&1; then
  apt_install chromium
fi
