package tools_test

import (
	"encoding/json"
	"log/slog"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
	"github.com/stretchr/testify/require"
)

type dashboard struct {
	UID    string `json:"uid"`
	Title  string `json:"title"`
	Panels []struct {
		ID      int    `json:"id"`
		Type    string `json:"type"`
		Title   string `json:"title"`
		GridPos struct {
			X, W int
		} `json:"gridPos"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

// grafanaVars stand in for the dashboard's variables so PromQL can parse.
var grafanaVars = strings.NewReplacer("$__rate_interval", "5m", "${datasource}", "prom", "$job", ".*")

// promql parses like Prometheus itself, with its default functions.
var promql = parser.NewParser(parser.Options{})

// metricNames returns the metric names expr selects.
func metricNames(t *testing.T, expr string) []string {
	t.Helper()
	e, err := promql.ParseExpr(expr)
	require.NoError(t, err, expr)
	var names []string
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		if vs, ok := n.(*parser.VectorSelector); ok {
			names = append(names, strings.TrimSuffix(vs.Name, "_bucket"))
		}
		return nil
	})
	return names
}

func loadDashboard(t *testing.T) dashboard {
	t.Helper()
	b, err := os.ReadFile("../grafana/marquee.json")
	require.NoError(t, err)
	var d dashboard
	require.NoError(t, json.Unmarshal(b, &d), "marquee.json is not valid JSON")
	return d
}

func TestGrafanaDashboardQueriesAreValidPromQL(t *testing.T) {
	t.Parallel()
	d := loadDashboard(t)
	require.Equal(t, "marquee", d.UID)
	require.NotEmpty(t, d.Panels)
	ids := map[int]bool{}
	for _, p := range d.Panels {
		require.False(t, ids[p.ID], "panel id %d used twice", p.ID)
		ids[p.ID] = true
		require.LessOrEqual(t, p.GridPos.X+p.GridPos.W, 24, "panel %q is wider than the grid", p.Title)
		if p.Type == "row" {
			continue
		}
		require.NotEmpty(t, p.Targets, "panel %q has no query", p.Title)
		for _, tg := range p.Targets {
			require.NotEmpty(t, metricNames(t, grafanaVars.Replace(tg.Expr)), p.Title)
		}
	}
}

func TestGrafanaDashboardShowsEveryMetricAnAlertWatches(t *testing.T) {
	t.Parallel()
	shown := map[string]bool{}
	for _, p := range loadDashboard(t).Panels {
		for _, tg := range p.Targets {
			for _, n := range metricNames(t, grafanaVars.Replace(tg.Expr)) {
				shown[n] = true
			}
		}
	}
	groups, errs := rulefmt.ParseFile("../prometheus/alerts.yml", false, model.UTF8Validation, promql, slog.Default())
	require.Empty(t, errs)
	var missing []string
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			for _, n := range metricNames(t, r.Expr) {
				if strings.HasPrefix(n, "marquee_") && !shown[n] {
					missing = append(missing, n)
				}
			}
		}
	}
	sort.Strings(missing)
	require.Empty(t, missing, "alerts watch metrics the dashboard does not show")
}
