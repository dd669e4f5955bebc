# Marquee. `make run` to start it, `make test` to test it; see README.md.
GO      ?= go
BIN     ?= bin/marquee
GOFLAGS ?=

# The tests run again with every pool capped at 2 connections (the pool rule).
POOL2_TESTS = Journey|Concurrent|Races|Racing|ManyBuyers|MoreBuyers|Burst|LastUseGoesToExactlyOne|TwiceSendsOnce

.DEFAULT_GOAL := help
.PHONY: help run build test test-deps check-generated generate openapi routes authz lint lighthouse migrate seed bench bench-onsale bench-rush bench-search docker vendor clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: build ## start Marquee at http://localhost:8080 (its own PostgreSQL under .data/ unless DATABASE_URL is set)
	./$(BIN)

build: ## build the server binary into bin/
	$(GO) build -trimpath -o $(BIN) ./cmd/server

test: test-deps check-generated ## gofmt and vet, then run every test with the race detector (needs PostgreSQL: see README)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 25m ./...
	@echo "once more on a pool of 2 connections: the concurrency and journey tests"
	PGTEST_MAX_CONNS=2 $(GO) test -race -count=1 -timeout 10m -run '$(POOL2_TESTS)' ./...

test-deps: ## install what the tests need when it is missing (PostgreSQL, Chromium) or say what to install
	@scripts/test-deps.sh

check-generated: ## fail when committed templ/sqlc output or api/openapi.yaml differs from what the generators produce
	@scripts/check-generated.sh

routes: ## rewrite docs/routes.txt, the committed list of every route (a test checks it)
	UPDATE_ROUTES=1 $(GO) test -count=1 -run TestRouteListIsCommitted ./cmd/server

authz: ## rewrite docs/authz.txt, who gets what from every route as each role (a test checks it)
	UPDATE_AUTHZ=1 $(GO) test -count=1 -run TestAuthorisationMatrix ./cmd/server

generate: openapi ## regenerate templ views, sqlc queries and the API document
	$(GO) tool templ generate -log-level error
	$(GO) tool sqlc generate

openapi: ## rebuild api/openapi.yaml from api/base.yaml and the fragments in api/paths/
	$(GO) run ./api/bundle

lint: ## go vet, staticcheck, gosec (exclusions and reasons in scripts/gosec.sh), govulncheck (a notice when its database is unreachable), deploy files (compose, kubeconform, promtool), the API document (Redocly CLI from npm, pinned in tools/npm)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	GO=$(GO) scripts/gosec.sh
	GO=$(GO) scripts/govulncheck.sh
	GO=$(GO) scripts/lint-deploy.sh
	scripts/npm-tools.sh redocly lint --format=stylish api/openapi.yaml

lighthouse: ## Lighthouse on a slow phone (npm, pinned in tools/npm; the system Chromium or CHROME_PATH) on home, movie, seat map, checkout and search, against a fresh server: fails under 95 for accessibility, best practices, SEO (performance too with LIGHTHOUSE_STRICT=1) or at CLS >= 0.05
	GO=$(GO) BIN=$(BIN) scripts/lighthouse.sh

migrate: build ## apply database migrations (DATABASE_URL or the development database)
	./$(BIN) migrate up

seed: build ## load the demo data (idempotent)
	./$(BIN) seed

bench: ## one table: browse (cache on and off) against a minimal handler, search, a mixed profile, rush and on-sale, on the scale data (scripts/bench-table.sh)
	GO=$(GO) BIN=$(BIN) scripts/bench-table.sh

bench-onsale: ## on-sale load test: a fresh server and database, 64 buyers rushing one show through the API (bench/onsale)
	GO=$(GO) BIN=$(BIN) scripts/bench-onsale.sh

bench-rush: ## whole-purchase rush: a fresh server and database, 512 signed-in buyers holding, checking out and paying on one show, plus a webhook burst (bench/rush)
	GO=$(GO) BIN=$(BIN) scripts/bench-rush.sh

bench-search: ## search load test: a fresh server and database with 10,000 movies and 200,000 shows, 8 clients over HTTP (bench/search)
	GO=$(GO) BIN=$(BIN) scripts/bench-search.sh

docker: ## build and start the whole stack with Docker Compose
	docker compose up --build

vendor: ## refresh the vendored front-end packages from npm (versions in web/static/package.json)
	scripts/vendor-static.sh

clean: ## remove build output (not the development database)
	rm -rf bin

# Each fuzz target runs for FUZZTIME; a failing input is written to the
# package's testdata/fuzz/<Target>/, where go test runs it from then on.
FUZZTIME ?= 30s

.PHONY: fuzz
fuzz: ## run every Go fuzz target (func FuzzXxx in *_fuzz_test.go) for FUZZTIME each (default 30s)
	@set -e; for f in $$(git ls-files '*_fuzz_test.go'); do \
		for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			echo "== $$t ./$$(dirname $$f)"; \
			$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f)/; \
		done; \
	done

.PHONY: a11y
a11y: ## every page type in English, Hindi and Spanish on a phone and a desktop with axe-core (make test checks each page in a rotating language)
	A11Y_ALL=1 $(GO) test -count=1 -timeout 30m -v -run 'TestPagesA11y' ./cmd/server

.PHONY: chaos
CHAOS_ROUNDS ?= 100
chaos: ## crash tests: kill -9 the server at every checkout step CHAOS_ROUNDS times (default 100), stop PostgreSQL abruptly; invariants checked after each (chaos/)
	CHAOS_ROUNDS=$(CHAOS_ROUNDS) $(GO) test -count=1 -timeout 60m -v -run . ./chaos
