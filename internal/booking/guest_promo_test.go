package booking_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// TestAGuestEmailUsesAOncePerPersonCodeOnce: the per-person limit counts
// a guest's uses by their email in any case, as it counts an account's;
// another email is another person.
func TestAGuestEmailUsesAOncePerPersonCodeOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	promoCreate(t, b, booking.PromoInput{Code: "ONCE", MaxUsesPerUser: 1})
	other := catalogtest.Show(t, b.catalog, catalogtest.ShowOptions{Rows: 5, Seats: 10, Title: "Second Feature"})

	first, err := b.svc.HoldGuest(ctx, booking.GuestContact{Email: "Ivy@Example.com"}, b.show.ID, []string{"C1"})
	require.NoError(t, err)
	_, err = b.svc.ApplyPromo(ctx, web.GuestBuyer, first.ID, "ONCE")
	require.NoError(t, err)

	second, err := b.svc.HoldGuest(ctx, booking.GuestContact{Email: "ivy@example.COM"}, other.ID, []string{"B1"})
	require.NoError(t, err)
	require.Equal(t, "You've already used this code.", promoRefusal(t, b, web.GuestBuyer, second.ID, "ONCE"),
		"the same email, another case, has used it")

	third, err := b.svc.HoldGuest(ctx, booking.GuestContact{Email: "jo@example.com"}, other.ID, []string{"B2"})
	require.NoError(t, err)
	_, err = b.svc.ApplyPromo(ctx, web.GuestBuyer, third.ID, "ONCE")
	require.NoError(t, err, "another email is another person")

	_, err = b.svc.RemovePromo(ctx, web.GuestBuyer, first.ID)
	require.NoError(t, err)
	_, err = b.svc.ApplyPromo(ctx, web.GuestBuyer, second.ID, "ONCE")
	require.NoError(t, err, "taking the code off the first booking gave the use back")
}
