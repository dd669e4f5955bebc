package main

import (
	"fmt"
	"io"
	"strings"
)

// goal is one of issue 16's targets for a row of the table.
type goal struct {
	scenario, cache string
	minRate         float64 // req/s at least (0: none)
	maxP99          float64 // ms at most (0: none)
	minRatio        float64 // of the minimal handler at least (0: none)
	noErrors        bool
}

func goals(mixedName string) []goal {
	return []goal{
		{scenario: "movie", cache: "on", minRate: 5000, maxP99: 10, minRatio: 0.6},
		{scenario: "showtimes", cache: "on", minRate: 5000, maxP99: 10, minRatio: 0.6},
		{scenario: "home", cache: "on", minRate: 3000},
		{scenario: mixedName, cache: "on", maxP99: 50, noErrors: true},
	}
}

// checkTargets says, for each target, whether the table meets it and if
// not by how much.
func checkTargets(out io.Writer, rows []row, mixedName string) {
	fmt.Fprintln(out, "targets:")
	for _, g := range goals(mixedName) {
		var r *row
		for i := range rows {
			if rows[i].scenario == g.scenario && rows[i].cache == g.cache {
				r = &rows[i]
			}
		}
		if r == nil {
			fmt.Fprintf(out, "  %-12s not measured\n", g.scenario)
			continue
		}
		var want, missed []string
		check := func(ok bool, wanted, got string) {
			want = append(want, wanted)
			if !ok {
				missed = append(missed, got)
			}
		}
		if g.minRate > 0 {
			check(r.rate >= g.minRate, fmt.Sprintf(">= %.0f req/s", g.minRate), fmt.Sprintf("%.0f req/s", r.rate))
		}
		if g.maxP99 > 0 {
			check(r.p99 <= g.maxP99, fmt.Sprintf("p99 <= %.0f ms", g.maxP99), fmt.Sprintf("p99 %.2f ms", r.p99))
		}
		if g.minRatio > 0 {
			ratio := r.rate / r.baseline
			check(ratio >= g.minRatio, fmt.Sprintf(">= %.0f%% of the minimal handler", 100*g.minRatio),
				fmt.Sprintf("%.0f%% of it", 100*ratio))
		}
		if g.noErrors {
			check(r.errors == 0, "0 errors", fmt.Sprintf("%d errors", r.errors))
		}
		verdict := "met"
		if len(missed) > 0 {
			verdict = fmt.Sprintf("MISSED (%s)", strings.Join(missed, ", "))
		}
		fmt.Fprintf(out, "  %-12s %s: %s\n", g.scenario, strings.Join(want, ", "), verdict)
	}
}
