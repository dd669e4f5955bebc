// Command k8sschemas writes the JSON schemas kubeconform validates
// deploy/k8s against, so `make lint` needs no network: the Kubernetes kinds
// from the OpenAPI document in the k8s.io/kubernetes module, and the
// CloudNativePG and Barman Cloud plugin CRDs from their modules' CRD YAML.
// Each module comes from the Go module proxy at the version pinned below.
//
// Run it from deploy/tools after changing a version or a kind:
//
//	go run ./k8sschemas -out ../k8s/schemas
//
// Schemas are strict (an unknown field is an error, as kubeconform -strict
// expects) and named the way kubeconform's default layout names them,
// <kind>-<group>-<version>.json.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Modules the schemas come from, at the versions the manifests target.
const (
	kubernetesModule = "k8s.io/kubernetes@v1.34.2"
	cnpgModule       = "github.com/cloudnative-pg/cloudnative-pg@v1.30.0"
	barmanModule     = "github.com/cloudnative-pg/plugin-barman-cloud@v0.15.0"
)

// builtinKinds are the Kubernetes kinds deploy/k8s uses, as group/version/kind
// ("" is the core group).
var builtinKinds = []gvk{
	{"", "v1", "ConfigMap"},
	{"", "v1", "Secret"},
	{"", "v1", "Service"},
	{"", "v1", "ServiceAccount"},
	{"apps", "v1", "Deployment"},
	{"apps", "v1", "StatefulSet"},
	{"autoscaling", "v2", "HorizontalPodAutoscaler"},
	{"networking.k8s.io", "v1", "Ingress"},
	{"networking.k8s.io", "v1", "NetworkPolicy"},
	{"policy", "v1", "PodDisruptionBudget"},
}

// crdFiles are the CRDs deploy/k8s uses, by module and path inside it.
var crdFiles = []struct{ module, path string }{
	{cnpgModule, "config/crd/bases/postgresql.cnpg.io_clusters.yaml"},
	{cnpgModule, "config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml"},
	{barmanModule, "config/crd/bases/barmancloud.cnpg.io_objectstores.yaml"},
}

type gvk struct{ group, version, kind string }

// fileName is kubeconform's {{.ResourceKind}}{{.KindSuffix}}.json: the
// kind, the group's first label and the version.
func (g gvk) fileName() string {
	name := strings.ToLower(g.kind)
	if g.group != "" {
		name += "-" + strings.ToLower(strings.Split(g.group, ".")[0])
	}
	return name + "-" + g.version + ".json"
}

func main() {
	out := flag.String("out", "../k8s/schemas", "directory to write the schemas into")
	flag.Parse()
	if err := run(*out); err != nil {
		log.Fatal(err)
	}
}

func run(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	k8s, err := moduleDir(kubernetesModule)
	if err != nil {
		return err
	}
	builtin, err := builtinSchemas(filepath.Join(k8s, "api/openapi-spec/swagger.json"), builtinKinds)
	if err != nil {
		return err
	}
	for name, schema := range builtin {
		if err := writeSchema(filepath.Join(out, name), schema); err != nil {
			return err
		}
	}
	for _, f := range crdFiles {
		dir, err := moduleDir(f.module)
		if err != nil {
			return err
		}
		schemas, err := crdSchemas(filepath.Join(dir, f.path))
		if err != nil {
			return err
		}
		for name, schema := range schemas {
			if err := writeSchema(filepath.Join(out, name), schema); err != nil {
				return err
			}
		}
	}
	return nil
}

// moduleDir downloads mod (path@version) into the module cache and returns
// its directory.
func moduleDir(mod string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", mod)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", mod, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(b, &info); err != nil {
		return "", fmt.Errorf("read go mod download %s: %w", mod, err)
	}
	if info.Error != "" || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", mod, info.Error)
	}
	return info.Dir, nil
}

func writeSchema(path string, schema map[string]any) error {
	b, err := json.MarshalIndent(schema, "", " ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
