#!/usr/bin/env bash
# Validates the deployment files offline (make lint):
#   - compose.yaml loads with the Compose loader (compose-go, what `docker
#     compose config` uses) and keeps its promises (deploy/tools/*_test.go),
#     and the Grafana dashboard's queries are valid PromQL;
#   - deploy/k8s renders with kustomize and every object passes kubeconform
#     -strict against the schemas vendored in deploy/k8s/schemas;
#   - deploy/prometheus/alerts.yml passes promtool check rules and its unit
#     tests (promtool test rules).
# The tools are pinned in deploy/tools/go.mod, a module of its own so that
# Prometheus's and Kubernetes' dependencies stay out of the app's go.mod.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
root=$PWD
tool() { "$GO" -C deploy/tools tool "$@"; }

echo "== compose.yaml, .dockerignore, nginx, Grafana dashboard (deploy/tools tests)"
"$GO" -C deploy/tools test -count=1 ./...

echo "== kubeconform: kustomize build deploy/k8s"
tool kustomize build "$root/deploy/k8s" | tool kubeconform -strict -summary \
	-schema-location "$root/deploy/k8s/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" -

echo "== promtool: deploy/prometheus"
tool promtool check rules "$root/deploy/prometheus/alerts.yml"
tool promtool test rules "$root/deploy/prometheus/alerts_test.yml"
