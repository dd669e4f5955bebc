#!/usr/bin/env bash
# Downloads the front-end packages pinned in web/static/package.json from npm
# and copies the files Marquee serves into web/static/js/vendor. Only needed
# to upgrade them; building Marquee never needs Node.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp web/static/package.json "$tmp/"
(cd "$tmp" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
cp "$tmp/node_modules/htmx.org/dist/htmx.min.js" web/static/js/vendor/htmx.min.js
cp "$tmp/node_modules/htmx-ext-sse/sse.js" web/static/js/vendor/htmx-ext-sse.js
echo "vendored: $(cd "$tmp" && npm ls --depth=0 | tail -n +2 | tr -d '├└─ ' | tr '\n' ' ')"
