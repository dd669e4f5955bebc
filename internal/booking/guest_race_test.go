package booking_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// TestTwoRacingHoldsOfOneGuestEmailCannotBothPassTheCap: a guest at the
// cap of one unpaid hold asks for two shows at the same instant (two
// phones, two tabs); each time exactly one hold is made and the other is
// refused too_many_holds, never both held.
func TestTwoRacingHoldsOfOneGuestEmailCannotBothPassTheCap(t *testing.T) {
	t.Parallel()
	b := setup(t, booking.Options{MaxUnpaidHolds: 1})
	ctx := context.Background()
	other := catalogtest.Show(t, b.catalog, catalogtest.ShowOptions{Rows: 5, Seats: 10, Title: "Second Feature"})
	shows := []int64{b.show.ID, other.ID}

	for round := range 20 {
		email := fmt.Sprintf("Racer%d@Example.com", round)
		seat := fmt.Sprintf("%c%d", 'B'+round/10, round%10+1)
		start := make(chan struct{})
		errs := make([]error, len(shows))
		var wg sync.WaitGroup
		for i, show := range shows {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				g := booking.GuestContact{Email: email}
				if i == 1 {
					g.Email = strings.ToLower(email) // the same guest, any case
				}
				_, errs[i] = b.svc.HoldGuest(ctx, g, show, []string{seat})
			}()
		}
		close(start)
		wg.Wait()

		var held, limited int
		for _, err := range errs {
			var limit *booking.LimitError
			switch {
			case err == nil:
				held++
			case errors.As(err, &limit) && limit.Code == "too_many_holds":
				limited++
			default:
				require.NoError(t, err, "round %d", round)
			}
		}
		require.Equal(t, [2]int{1, 1}, [2]int{held, limited}, "round %d: one hold made, one refused", round)
		var n int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM booking.bookings
			WHERE lower(guest_email) = lower($1) AND status = 'held'`, email).Scan(&n))
		require.Equal(t, 1, n, "round %d: the email holds seats for one show", round)
	}
}
