package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/jobs"
)

func TestSeatMapShowsHeldSoldAndBlockedSeats(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 3, b.show.ID, []string{"F10"})
	require.NoError(t, err)

	m, err := b.svc.SeatMap(ctx, b.show.ID)
	require.NoError(t, err)
	require.Len(t, m.Seats, 200)
	state := map[string]booking.MapSeat{}
	for _, s := range m.Seats {
		state[s.Seat] = s
	}
	require.Equal(t, booking.Blocked, state["A1"].State)
	require.Equal(t, booking.HeldBy, state["F10"].State)
	require.Equal(t, h.ID, state["F10"].BookingID)
	require.Equal(t, booking.Free, state["F11"].State)
	require.Equal(t, int64(1500), state["J1"].Price, "back rows are premium")

	mine, err := b.svc.MyBookings(ctx, 3)
	require.NoError(t, err)
	require.Len(t, mine, 1)
	found, history, err := b.svc.BookingByCode(ctx, h.Code)
	require.NoError(t, err)
	require.Equal(t, []booking.BookedSeat{{Seat: "F10", Category: "standard", Price: 1000}}, found.Seats)
	require.Len(t, history, 1)
	_, _, err = b.svc.BookingByCode(ctx, "NOT-REAL")
	require.ErrorIs(t, err, booking.ErrNotFound)
}

// TestTheHoldSweeperRunsAsAPeriodicJob runs the real River client with
// booking's workers and periodic jobs: the first sweep (on start) frees
// the seats of a hold that ran out and marks the booking expired.
func TestTheHoldSweeperRunsAsAPeriodicJob(t *testing.T) {
	t.Parallel()
	c := &clock{}
	c.setBehind(time.Hour)
	b := setup(t, booking.Options{Now: c.now})
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 4, b.show.ID, []string{"G1", "G2"})
	require.NoError(t, err)

	workers := river.NewWorkers()
	booking.Workers(workers, b.svc)
	client, err := jobs.New(b.pool, jobs.Options{Workers: workers, Periodic: booking.PeriodicJobs(), RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	done, cancel := client.Subscribe(river.EventKindJobCompleted)
	defer cancel()
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() { client.Stop(context.Background()) })
	select {
	case ev := <-done:
		require.Equal(t, "booking.sweep_holds", ev.Job.Kind)
	case <-time.After(2 * time.Minute):
		t.Fatal("the sweep never ran")
	}
	require.Empty(t, b.seatOwners(t), "the seats are free again")
	require.Equal(t, "expired", b.status(t, h.ID))
	require.Zero(t, b.invariantViolations(t))
}
