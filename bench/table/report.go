package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// row is one line of the table. NaN figures print as "-".
type row struct {
	scenario, cache     string
	rate, p50, p95, p99 float64
	errors              int
	baseline            float64 // the baseline's req/s (NaN: none)
	baselineName        string  // what the baseline is, when not the minimal handler
}

func statsRow(scenario, cache string, s *stats, baseline float64) row {
	return row{scenario: scenario, cache: cache, rate: s.rate(), p50: s.pct(50), p95: s.pct(95), p99: s.pct(99),
		errors: s.errors, baseline: baseline}
}

func num(f float64, prec int) string {
	if math.IsNaN(f) {
		return "-"
	}
	return strconv.FormatFloat(f, 'f', prec, 64)
}

// printTable writes the rows as one aligned table.
func printTable(out io.Writer, rows []row) {
	const head = "%-26s %-6s %9s %8s %8s %8s %7s %12s %7s\n"
	fmt.Fprintf(out, head, "scenario", "cache", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "baseline/s", "ratio")
	for _, r := range rows {
		ratio := "-"
		if !math.IsNaN(r.baseline) && r.baseline > 0 {
			ratio = fmt.Sprintf("%.0f%%", 100*r.rate/r.baseline)
		}
		base := num(r.baseline, 0)
		if r.baselineName != "" {
			base += " " + r.baselineName
		}
		fmt.Fprintf(out, "%-26s %-6s %9s %8s %8s %8s %7d %12s %7s\n", r.scenario, r.cache, num(r.rate, 0), num(r.p50, 2),
			num(r.p95, 2), num(r.p99, 2), r.errors, base, ratio)
	}
}

// summaryFields reads the last line of the file at path that starts with
// prefix+" " (a bench's summary line) as its key=value fields.
func summaryFields(path, prefix string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s summary: %w", prefix, err)
	}
	defer f.Close()
	var last string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix+" ") {
			last = sc.Text()
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s summary: read %s: %w", prefix, path, err)
	}
	if last == "" {
		return nil, fmt.Errorf("%s summary: no line starting %q in %s", prefix, prefix, path)
	}
	fields := map[string]string{}
	for _, kv := range strings.Fields(last) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			fields[k] = v
		}
	}
	return fields, nil
}

// field is a summary's number (NaN when missing).
func field(f map[string]string, key string) float64 {
	v, err := strconv.ParseFloat(f[key], 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// rushRows are bench/rush's holds and whole purchases; its errors are 5xx
// answers and timeouts.
func rushRows(path string) ([]row, error) {
	f, err := summaryFields(path, "rush")
	if err != nil {
		return nil, err
	}
	errs := int(field(f, "errors_5xx") + field(f, "timeouts"))
	name := "rush " + f["buyers"] + " buyers: "
	return []row{
		{scenario: name + "hold", cache: "-", rate: field(f, "holds_per_s"), p50: field(f, "hold_p50_ms"),
			p95: field(f, "hold_p95_ms"), p99: field(f, "hold_p99_ms"), errors: errs, baseline: math.NaN()},
		{scenario: name + "purchase", cache: "-", rate: field(f, "purchases_per_s"), p50: field(f, "purchase_p50_ms"),
			p95: field(f, "purchase_p95_ms"), p99: field(f, "purchase_p99_ms"), errors: errs, baseline: math.NaN()},
	}, nil
}

// onsaleRows is bench/onsale's API holds against pgbench's minimal hold +
// release pairs on the same PostgreSQL (its p95 is not measured).
func onsaleRows(path string) ([]row, error) {
	f, err := summaryFields(path, "onsale")
	if err != nil {
		return nil, err
	}
	return []row{{scenario: "on-sale " + f["buyers"] + " buyers: hold", cache: "-", rate: field(f, "holds_per_s"),
		p50: field(f, "p50_ms"), p95: math.NaN(), p99: field(f, "p99_ms"), errors: int(field(f, "errors")),
		baseline: field(f, "pgbench_pairs_per_s"), baselineName: "pgbench"}}, nil
}
