package booking_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

// TestRacingReleasesNeverOfferASeatTwiceAndKeepTheLineInOrder cancels a
// dozen bookings of a sold-out show at once, each followed by its own run
// of the matching (as each queued job would), with more runs racing them,
// while 20 buyers wait for one seat each.
func TestRacingReleasesNeverOfferASeatTwiceAndKeepTheLineInOrder(t *testing.T) {
	t.Parallel()
	b, box, _ := waitlistSetup(t)
	ctx := context.Background()
	var keep []string
	for i := 1; i <= 12; i++ {
		keep = append(keep, fmt.Sprintf("F%d", i))
	}
	sold := b.sellOut(t, keep...)
	const waiting = 20
	for u := int64(1); u <= waiting; u++ {
		b.join(t, u, booking.WaitlistJoin{Seats: 1})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 3*len(keep))
	for _, seat := range keep {
		bk := sold[seat]
		wg.Go(func() {
			if _, err := b.svc.Cancel(ctx, bk.UserID, bk.ID); err != nil {
				errs <- err
				return
			}
			if _, err := b.svc.MatchWaitlist(ctx, b.show.ID); err != nil {
				errs <- err
			}
		})
		wg.Go(func() {
			if _, err := b.svc.MatchWaitlist(ctx, b.show.ID); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	held := map[string]int64{} // seat -> user
	for u := int64(1); u <= waiting; u++ {
		e := b.entry(t, u)
		seats := b.heldFor(t, u)
		if u <= int64(len(keep)) {
			require.Equal(t, booking.WaitlistOffered, e.State, "entry %d is among the first 12 in line", u)
			require.Len(t, seats, 1)
		} else {
			require.Equal(t, booking.WaitlistWaiting, e.State, "entry %d is behind the 12 served", u)
			require.Equal(t, int(u), e.Position)
		}
		for _, s := range seats {
			_, twice := held[s]
			require.False(t, twice, "seat %s offered twice", s)
			held[s] = u
		}
	}
	require.Len(t, held, len(keep), "every freed seat offered")
	owners := b.seatOwners(t)
	for seat, u := range held {
		bk, err := b.svc.Booking(ctx, u, owners[seat])
		require.NoError(t, err, "seat %s is held by the booking offered to %d", seat, u)
		require.Equal(t, booking.Held, bk.Status)
	}
	var maxOffers int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT max(offers) FROM booking.waitlist_entries WHERE show_id = $1", b.show.ID).Scan(&maxOffers))
	require.Equal(t, 1, maxOffers, "no entry got two offers")
	require.Len(t, box.offers, len(keep), "one message per offer")
	require.Zero(t, b.invariantViolations(t))
}
