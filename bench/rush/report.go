package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// steps are the timed parts of a purchase, in the order of the summary.
var steps = []string{"seatmap", "hold", "checkout", "pay", "purchase"}

func (r *results) elapsed() time.Duration { return r.end.Sub(r.start) }

func (r *results) perSecond(n int) float64 {
	if s := r.elapsed().Seconds(); s > 0 {
		return float64(n) / s
	}
	return 0
}

// print writes the run's details: outcomes, steps, statuses by request.
func (r *results) print(out io.Writer) {
	fmt.Fprintf(out, "rush: %d buyers in %s; %d holds; outcomes %s\n", r.buyers, r.elapsed().Round(time.Millisecond), r.holds,
		counts(r.outcomes))
	for _, s := range steps {
		fmt.Fprintf(out, "  %-9s p50 %s  p95 %s  p99 %s  max %s  (%d)\n", s, round(r.rec.pct(s, 50)), round(r.rec.pct(s, 95)),
			round(r.rec.pct(s, 99)), round(r.rec.pct(s, 100)), len(r.rec.steps[s]))
	}
	r.rec.mu.Lock()
	for _, k := range slices.Sorted(maps.Keys(r.rec.statuses)) {
		fmt.Fprintf(out, "  %-14s %s\n", k, counts(r.rec.statuses[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(r.rec.samples)) {
		fmt.Fprintf(out, "  first %s: %s\n", k, r.rec.samples[k])
	}
	r.rec.mu.Unlock()
	b := r.burst
	switch {
	case b.err != nil:
		fmt.Fprintf(out, "  webhook burst: %v\n", b.err)
	case b.sent > 0:
		when := "during the rush"
		if b.late {
			when = "after the buyers were done (no payment was left on a pay page before)"
		}
		fmt.Fprintf(out, "  webhook burst: %d events for payment %d (%s) at once, %s: %d accepted, %d new\n", b.sent, b.paymentID,
			b.intentID, when, b.accepted, b.fresh)
	}
}

// summary is the one line that sums the run up.
func summary(r *results, inv invariants, burstConfirmed bool) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "rush buyers=%d purchases_per_s=%.1f holds_per_s=%.1f", r.buyers, r.perSecond(r.outcomes[bought]),
		r.perSecond(r.holds))
	for _, s := range steps {
		for _, p := range []int{50, 95, 99} {
			fmt.Fprintf(&sb, " %s_p%d_ms=%.0f", s, p, ms(r.rec.pct(s, p)))
		}
	}
	totals := r.rec.totals()
	fivexx := 0
	for s, n := range totals {
		if code, err := strconv.Atoi(s); err == nil && code >= 500 {
			fivexx += n
		}
	}
	fmt.Fprintf(&sb, " longest_stall_s=%.1f errors_5xx=%d timeouts=%d status_counts={%s}", r.rec.longestGap(r.start, r.end).Seconds(),
		fivexx, totals["timeout"], strings.ReplaceAll(counts(totals), " ", ","))
	burst := "none"
	if r.burst.sent > 0 {
		burst = fmt.Sprintf("%d/%d_accepted,confirmed=%t,late=%t", r.burst.accepted, r.burst.sent, burstConfirmed, r.burst.late)
	}
	fmt.Fprintf(&sb, " webhook_burst=%s oversold=%d confirmed_without_payment=%d paid_without_confirmation=%d", burst,
		inv.oversold, inv.confirmedUnpaid, inv.paidUnconfirmed)
	return sb.String()
}

// counts writes a count map as "k=n k=n", keys sorted.
func counts(m map[string]int) string {
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+strconv.Itoa(m[k]))
	}
	return strings.Join(parts, " ")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func round(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }
