#!/usr/bin/env bash
# Installs the pinned npm test and lint tools (tools/npm/package-lock.json)
# into tools/npm/node_modules when they are missing or out of date, then
# runs the named one: scripts/npm-tools.sh redocly lint api/openapi.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
dir=tools/npm
if ! command -v npm >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if ! command -v npm >/dev/null; then
  echo "npm is needed for the API document's linter: install Node.js (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi
stamp=$dir/node_modules/.lock-hash
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
fi
tool=$1
shift
exec "$dir/node_modules/.bin/$tool" "$@"
