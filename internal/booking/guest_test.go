package booking_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

func TestAGuestEmailHoldsUnpaidSeatsForAsFewShowsAsAnAccount(t *testing.T) {
	t.Parallel()
	b := setup(t, booking.Options{MaxUnpaidHolds: 1})
	ctx := context.Background()
	other := catalogtest.Show(t, b.catalog, catalogtest.ShowOptions{Rows: 5, Seats: 10, Title: "Second Feature"})
	eve := booking.GuestContact{Email: "eve@example.com"}

	first, err := b.svc.HoldGuest(ctx, eve, b.show.ID, []string{"C5"})
	require.NoError(t, err)
	require.Zero(t, first.UserID, "a guest booking has no account")

	_, err = b.svc.HoldGuest(ctx, booking.GuestContact{Email: "EVE@example.com"}, other.ID, []string{"A1"})
	var limit *booking.LimitError
	require.True(t, errors.As(err, &limit), "the same email, any case, is at its cap: %v", err)
	require.Equal(t, "too_many_holds", limit.Code)

	_, err = b.svc.HoldGuest(ctx, booking.GuestContact{Email: "fay@example.com"}, other.ID, []string{"A1"})
	require.NoError(t, err, "another email holds")
	_, err = b.svc.Hold(ctx, 42, other.ID, []string{"A2"})
	require.NoError(t, err, "an account's cap is its own")
}
