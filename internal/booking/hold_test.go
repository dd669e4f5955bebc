package booking_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

func TestHoldIsAllOrNothingAndNamesTheSeatThatWent(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	first, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"C5", "C6", "J1"})
	require.NoError(t, err)
	require.Regexp(t, `^[34679ACDEFGHJKMNPQRTUVWXY]{3}-[34679ACDEFGHJKMNPQRTUVWXY]{3}$`, first.Code)
	require.Equal(t, booking.Held, first.Status)
	require.Equal(t, int64(1000+1000+1500), first.Subtotal, "standard, standard, premium")
	require.Equal(t, "GBP", first.Currency)

	_, err = b.svc.Hold(ctx, 2, b.show.ID, []string{"C4", "C5"})
	var taken *booking.SeatsTakenError
	require.True(t, errors.As(err, &taken), "got %v", err)
	require.Equal(t, []string{"C5"}, taken.Seats)
	owners := b.seatOwners(t)
	require.NotContains(t, owners, "C4", "nothing is held when one seat is taken")
	require.Len(t, owners, 3)
	require.Zero(t, b.invariantViolations(t))

	show, err := b.catalog.Show(ctx, b.show.ID)
	require.NoError(t, err)
	require.Equal(t, 199-3, show.SeatsAvailable, "the catalogue hears how many seats are left (A1 is blocked)")
}

func TestBadSelectionsAreRefusedClearly(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for name, tc := range map[string]struct {
		seats []string
		want  string
	}{
		"none":      {nil, "Choose at least one seat: tap a seat on the map, or use Best available."},
		"duplicate": {[]string{"B2", "B2"}, "Seat B2 is chosen twice."},
		"too many":  {[]string{"B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11"}, "up to 10 seats"},
		"garbage":   {[]string{"B2", "'; DROP"}, "is not a seat"},
		"not here":  {[]string{"B2", "Z9"}, "not in this screen: [Z9]"},
	} {
		_, err := b.svc.Hold(ctx, 1, b.show.ID, tc.seats)
		fields, ok := validate.Fields(err)
		require.True(t, ok, "%s: got %v", name, err)
		require.Contains(t, fields["seats"], tc.want, name)
	}
	_, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"A1"})
	fields, _ := validate.Fields(err)
	require.Equal(t, "Not for sale: A1.", fields["seats"], "a blocked seat cannot be held")
	_, err = b.svc.Hold(ctx, 1, 999999, []string{"B2"})
	require.ErrorIs(t, err, booking.ErrNotFound)
	require.Empty(t, b.seatOwners(t), "nothing changed")
}

func TestCancelledShowIsNotOnSale(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.catalog.CancelShow(context.Background(), b.show.ID)
	require.NoError(t, err)
	_, err = b.svc.Hold(context.Background(), 1, b.show.ID, []string{"B2"})
	require.ErrorIs(t, err, booking.ErrNotOnSale)
}

func TestAnExpiredHoldCountsAsFree(t *testing.T) {
	t.Parallel()
	b := setup(t, booking.Options{HoldTTL: 50 * time.Millisecond})
	ctx := context.Background()
	old, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"D1", "D2"})
	require.NoError(t, err)
	time.Sleep(120 * time.Millisecond)

	// No sweeper has run: the next buyer still gets D2.
	next, err := b.svc.Hold(ctx, 2, b.show.ID, []string{"D2", "D3"})
	require.NoError(t, err)
	owners := b.seatOwners(t)
	require.Equal(t, next.ID, owners["D2"])
	require.Equal(t, old.ID, owners["D1"], "D1 is still marked with the old hold (ran out, so free to anybody)")
	var status string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT status FROM booking.bookings WHERE id = $1", old.ID).Scan(&status))
	require.Equal(t, "expired", status, "the old booking lost its seats, so it expired")
	require.Zero(t, b.invariantViolations(t))
}

func TestChangeSeatsReleasesTheHoldAtOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"E5", "E6"})
	require.NoError(t, err)
	require.ErrorIs(t, b.svc.Release(ctx, 8, h.ID), booking.ErrNotFound, "someone else's hold")
	require.NoError(t, b.svc.Release(ctx, 7, h.ID))
	require.Empty(t, b.seatOwners(t))
	_, err = b.svc.Hold(ctx, 8, b.show.ID, []string{"E5"})
	require.NoError(t, err)
}

// TestManyBuyersNeverShareASeat: 240 buyers race for overlapping blocks of
// seats on one show. Every buyer gets all its seats or none, no seat goes
// to two bookings, and the database's invariant checks find nothing.
func TestManyBuyersNeverShareASeat(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	const buyers = 240
	rows := "BCDEFGHIJ"
	type result struct {
		seats []string
		id    int64
		err   error
	}
	results := make([]result, buyers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range buyers {
		rng := rand.New(rand.NewPCG(uint64(i), 7))
		row := rows[rng.IntN(len(rows))]
		first := 1 + rng.IntN(17)
		n := 1 + rng.IntN(4)
		var seats []string
		for k := 0; k < n; k++ {
			seats = append(seats, fmt.Sprintf("%c%d", row, first+k))
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			h, err := b.svc.Hold(ctx, int64(i+1), b.show.ID, seats)
			results[i] = result{seats: seats, id: h.ID, err: err}
		}()
	}
	close(start)
	wg.Wait()

	owners := b.seatOwners(t)
	won := 0
	for _, r := range results {
		if r.err != nil {
			require.ErrorIs(t, r.err, booking.ErrSeatTaken)
			continue
		}
		won++
		for _, s := range r.seats {
			require.Equal(t, r.id, owners[s], "buyer got every seat it asked for")
		}
	}
	held := 0
	for _, r := range results {
		if r.err == nil {
			held += len(r.seats)
		}
	}
	require.Equal(t, held, len(owners), "no seat is held without a winning buyer")
	require.Greater(t, won, 10)
	require.Zero(t, b.invariantViolations(t))
	t.Logf("%d of %d buyers won, %d seats held", won, buyers, held)
}

// TestTwoTabsOfOneBuyer holds seats for the same buyer from two tabs at
// once, again and again: whichever lands last is the buyer's one hold on
// the show, the other is released, and no seat is left held for nothing.
func TestTwoTabsOfOneBuyer(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for i := range 10 {
		tabs := [][]string{{"D1", "D2"}, {"D2", "D3", "D4"}}
		if i%2 == 1 {
			tabs[1] = []string{"D7", "D8"} // a different part of the row
		}
		var wg sync.WaitGroup
		got := make([]booking.Booking, 2)
		errs := make([]error, 2)
		for tab := range tabs {
			wg.Go(func() { got[tab], errs[tab] = b.svc.Hold(ctx, 42, b.show.ID, tabs[tab]) })
		}
		wg.Wait()
		require.NoError(t, errs[0])
		require.NoError(t, errs[1])
		var live []int64
		rows, err := b.pool.Query(ctx, "SELECT id FROM booking.bookings WHERE user_id = 42 AND status = 'held'")
		require.NoError(t, err)
		for rows.Next() {
			var id int64
			require.NoError(t, rows.Scan(&id))
			live = append(live, id)
		}
		require.NoError(t, rows.Err())
		require.Len(t, live, 1, "one hold per buyer per show")
		winner := got[0]
		if got[1].ID == live[0] {
			winner = got[1]
		}
		owners := b.seatOwners(t)
		require.Len(t, owners, len(winner.Seats), "only the winning tab's seats are held")
		for _, st := range winner.Seats {
			require.Equal(t, winner.ID, owners[st.Seat])
		}
		require.Zero(t, b.invariantViolations(t))
	}
}
