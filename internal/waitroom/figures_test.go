package waitroom_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestAdmissionFiguresForAQueueOf5000 lets 5,000 buyers join one room at
// once (32 at a time, as concurrent requests would) and then walks the
// clock a second at a time: it checks that nobody shares or skips a slot,
// that a buyer who arrived later is never let in earlier, and that each
// second lets in exactly the rate, and prints the figures. Time on the
// wall is only reported, never asserted.
func TestAdmissionFiguresForAQueueOf5000(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("5,000 joins")
	}
	const buyers, clients, rate = 5000, 32, 6000 // 100 a second
	b := setup(t)
	ctx := context.Background()
	r := b.room(t, time.Minute, rate)
	slot := time.Minute / rate

	admitAt := make([]time.Time, buyers+1) // by user id
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			var last time.Time
			for u := int64(c + 1); u <= buyers; u += clients {
				p, err := b.svc.Join(ctx, r.ID, u)
				if err != nil {
					t.Error(err)
					return
				}
				if !p.AdmitAt.After(last) {
					t.Errorf("buyer %d arrived after %s but is let in at %s", u, last, p.AdmitAt)
				}
				last, admitAt[u] = p.AdmitAt, p.AdmitAt
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	require.False(t, t.Failed())

	sorted := slices.Clone(admitAt[1:])
	slices.SortFunc(sorted, func(a, b time.Time) int { return a.Compare(b) })
	require.True(t, sorted[0].Equal(r.OnSaleAt), "the first buyer goes in at the on-sale")
	for i := 1; i < len(sorted); i++ {
		require.Equal(t, slot, sorted[i].Sub(sorted[i-1]), "slot %d: one buyer per slot, none shared or skipped", i)
	}

	// Walk the clock: count who is in after each second.
	b.clock.Advance(time.Minute) // the on-sale
	perSecond := map[int64]bool{}
	in := 0
	for sec := 1; sec <= buyers*int(slot)/int(time.Second); sec++ {
		b.clock.Advance(time.Second)
		var n int // let in during the seconds so far
		require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM waitroom.entries WHERE room_id = $1 AND admit_at < $2",
			r.ID, b.clock.Now()).Scan(&n))
		perSecond[int64(n-in)] = true
		in = n
	}
	require.Equal(t, buyers, in)
	// Spot checks through Admit itself: the last buyer waits to the end.
	last := int64(slices.IndexFunc(admitAt, func(t time.Time) bool { return t.Equal(sorted[len(sorted)-1]) }))
	d, err := b.svc.Admit(ctx, 100, 7, last)
	require.NoError(t, err)
	require.True(t, d.Admitted)

	t.Logf("waiting room: %d buyers joined with %d concurrent requests in %s (%.0f joins/s); rate %d/min; "+
		"admitted per second: %v (want %d); queue drains in %s", buyers, clients, took.Round(time.Millisecond),
		float64(buyers)/took.Seconds(), rate, keys(perSecond), rate/60, sorted[len(sorted)-1].Sub(sorted[0])+slot)
	require.Equal(t, []int64{rate / 60}, keys(perSecond), "every second lets in the rate")
}

func keys(m map[int64]bool) []int64 {
	var out []int64
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// BenchmarkAdmitShowWithoutARoom is the gate's cost on every hold of a
// show with no room: a look-up in memory.
func BenchmarkAdmitShowWithoutARoom(b *testing.B) {
	tb := setup(b)
	tb.room(b, time.Minute, 60)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := tb.svc.Admit(ctx, 555, 8, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdmitAdmittedBuyer is the gate's cost on the holds of a buyer
// already let in (their pass, remembered by the instance).
func BenchmarkAdmitAdmittedBuyer(b *testing.B) {
	tb := setup(b)
	tb.room(b, 0, 600)
	ctx := context.Background()
	d, err := tb.svc.Admit(ctx, 100, 7, 1)
	if err != nil || !d.Admitted {
		b.Fatal(d, err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := tb.svc.Admit(ctx, 100, 7, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJoin is a newcomer taking a place: one statement on the room's
// row, which orders every arrival.
func BenchmarkJoin(b *testing.B) {
	tb := setup(b)
	r := tb.room(b, time.Hour, 60_000)
	ctx := context.Background()
	var u int64
	b.ResetTimer()
	for b.Loop() {
		u++
		if _, err := tb.svc.Join(ctx, r.ID, u); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "joins/s")
}
