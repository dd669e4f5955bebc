package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// tally is what one player (or, merged, all of them) saw. Each buyer
// keeps its own, so counting never contends.
type tally struct {
	holds    int               // seats held (201)
	taken    int               // a chosen seat went first (409 seat_taken): expected, not an error
	released int               // holds given back
	maps     int               // seat maps loaded
	lat      []time.Duration   // every answered hold call (held or taken)
	errs     map[string]int    // by kind
	sample   map[string]string // the first error of each kind
	elapsed  time.Duration
}

func (t *tally) fail(kind string, err error) {
	if t.errs == nil {
		t.errs, t.sample = map[string]int{}, map[string]string{}
	}
	if t.errs[kind] == 0 {
		t.sample[kind] = err.Error()
	}
	t.errs[kind]++
}

func (t *tally) add(o *tally) {
	t.holds += o.holds
	t.taken += o.taken
	t.released += o.released
	t.maps += o.maps
	t.lat = append(t.lat, o.lat...)
	for k, n := range o.errs {
		if t.errs == nil {
			t.errs, t.sample = map[string]int{}, map[string]string{}
		}
		if t.errs[k] == 0 {
			t.sample[k] = o.sample[k]
		}
		t.errs[k] += n
	}
}

// rate is held bookings per second of the run.
func (t *tally) rate() float64 {
	if t.elapsed <= 0 {
		return 0
	}
	return float64(t.holds) / t.elapsed.Seconds()
}

// pct is the p-th percentile hold latency (lat must be sorted: see done).
func (t *tally) pct(p int) time.Duration {
	if len(t.lat) == 0 {
		return 0
	}
	return t.lat[(len(t.lat)-1)*p/100]
}

func (t *tally) errorCount() int {
	n := 0
	for _, v := range t.errs {
		n += v
	}
	return n
}

// done sorts the latencies and records how long the run took.
func (t *tally) done(elapsed time.Duration) {
	slices.Sort(t.lat)
	t.elapsed = elapsed
}

func (t *tally) print(out io.Writer, name string) {
	attempts := t.holds + t.taken
	fmt.Fprintf(out, "%s: %d holds in %s = %.0f holds/s (%d hold calls, %d seat_taken = %.0f%%; %d released, %d seat maps)\n",
		name, t.holds, t.elapsed.Round(time.Millisecond), t.rate(), attempts, t.taken, percent(t.taken, attempts), t.released, t.maps)
	fmt.Fprintf(out, "  hold latency: p50 %s  p95 %s  p99 %s  max %s\n", round(t.pct(50)), round(t.pct(95)), round(t.pct(99)), round(t.pct(100)))
	if len(t.errs) == 0 {
		fmt.Fprintln(out, "  errors: none")
		return
	}
	fmt.Fprintf(out, "  errors: %d\n", t.errorCount())
	for _, k := range slices.Sorted(maps.Keys(t.errs)) {
		fmt.Fprintf(out, "    %-28s %6d  first: %s\n", k, t.errs[k], t.sample[k])
	}
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
