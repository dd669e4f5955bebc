package app_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/marqueehq/marquee/api"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

// TestEveryAPIRouteIsDocumentedAndEveryDocumentedRouteExists compares the
// router's /api/v1 routes with api/openapi.yaml both ways: an app developer
// builds from the document alone, so a route missing from it is as wrong as
// a documented one the server does not answer.
func TestEveryAPIRouteIsDocumentedAndEveryDocumentedRouteExists(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	param := regexp.MustCompile(`:([A-Za-z_]+)`)
	var served []string
	for _, r := range s.Echo.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == "echo_route_not_found" {
			continue
		}
		served = append(served, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
	}
	var doc struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(api.YAML(), &doc))
	var documented []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "patch", "head", "options":
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(served)
	served = slices.Compact(served)
	slices.Sort(documented)
	var missing, extra []string
	for _, r := range served {
		if !slices.Contains(documented, r) {
			missing = append(missing, r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(served, d) {
			extra = append(extra, d)
		}
	}
	require.Empty(t, missing, "routes the server answers that api/openapi.yaml does not document")
	require.Empty(t, extra, "operations api/openapi.yaml documents that the server does not answer")
	require.NotEmpty(t, served)
	t.Logf("%d /api/v1 operations, all documented", len(served))
}
