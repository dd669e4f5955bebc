#!/usr/bin/env bash
# Makes the self-signed certificate nginx serves in compose.yaml:
# .certs/localhost.pem and .certs/localhost-key.pem (git-ignored), valid for
# localhost and 127.0.0.1 for a year. Browsers warn about it once; accept it,
# or trust .certs/localhost.pem on this machine. Uses the generator that ships
# with Go, so it needs nothing else. Run it again to replace the pair.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
mkdir -p .certs
cd .certs
"$GO" run "$("$GO" env GOROOT)/src/crypto/tls/generate_cert.go" \
	--host localhost,127.0.0.1,::1 --ecdsa-curve P256 --duration 8760h
mv cert.pem localhost.pem
mv key.pem localhost-key.pem
echo "wrote .certs/localhost.pem and .certs/localhost-key.pem"
