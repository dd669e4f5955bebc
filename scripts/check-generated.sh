#!/usr/bin/env bash
# Regenerates templ and sqlc output and the API document and fails if anything changed: committed
# generated code must be exactly what `make generate` produces.
set -euo pipefail
cd "$(dirname "$0")/.."

snapshot() {
  { git ls-files -co --exclude-standard -- '*_templ.go' 'internal/*/*db/*.go' api/openapi.yaml; } | sort -u | xargs -r sha256sum
}

before=$(snapshot)
go tool templ generate -log-level error
go tool sqlc generate
go run ./api/bundle
after=$(snapshot)

if [ "$before" != "$after" ]; then
  echo "Generated code was stale; 'make generate' changed:" >&2
  diff <(echo "$before") <(echo "$after") | grep '^[<>]' | awk '{print "  " $3}' | sort -u >&2
  echo "Review the regenerated files and commit them." >&2
  exit 1
fi
echo "generated code is up to date"
