package booking_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
)

func TestBuyerPaysTheDifferenceForDearerSeatsAndTheBookingMoves(t *testing.T) {
	t.Parallel()
	b := checkoutSetup(t)
	b.Work(t)
	ctx := context.Background()
	later, err := b.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: b.show.MovieID, ScreenID: b.show.ScreenID,
		StartsAt: b.show.StartsAt.Add(24 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	ann := b.browser(t, "Ann", account.Customer)
	id := ann.paidBooking(t)
	seats := fmt.Sprintf("/bookings/%d/exchange/%d", id, later.ID)

	res, page := ann.Post(t, seats, url.Values{"seats": {"J1"}})
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	page = html.UnescapeString(page)
	require.Contains(t, page, "You pay the difference")
	require.Contains(t, page, "and move my booking")

	res, page = ann.Post(t, seats, url.Values{"seats": {"J1"}, "confirm": {"1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	var order, due int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT o.order_id, b.total_minor FROM booking.exchange_orders o
		JOIN booking.bookings b ON b.id = o.order_id WHERE o.booking_id = $1`, id).Scan(&order, &due))
	res, page = ann.Post(t, res.Header.Get("Location")+"/card", url.Values{"number": {"4242 4242 4242 4242"},
		"expiry": {"12/40"}, "cvc": {"123"}, "name": {"Ann Buyer"}})
	require.Less(t, res.StatusCode, 400, page)
	deadline := time.Now().Add(10 * time.Second)
	for b.statusOf(t, order) == "pending_payment" {
		require.True(t, time.Now().Before(deadline), "the difference's payment has an outcome")
		time.Sleep(20 * time.Millisecond)
	}
	require.Equal(t, "confirmed", b.statusOf(t, order))

	_, page = ann.Get(t, fmt.Sprintf("/bookings/%d", id))
	page = html.UnescapeString(page)
	require.Contains(t, page, "J1", "the booking page names the new seat")
	require.Contains(t, page, later.StartsAt.In(mustLondon(t)).Format("15:04"), "and the new show")
	co, err := b.svc.BookingDetail(ctx, ann.id, id)
	require.NoError(t, err)
	require.Equal(t, later.ID, co.Booking.ShowID)

	// Cancelling gives back the difference from its own payment too (the
	// booking itself was confirmed here without one).
	_, err = b.svc.Cancel(ctx, ann.id, id)
	require.NoError(t, err)
	require.Equal(t, due, b.refundedOf(t, order), "the difference comes back from its own payment")
	require.Zero(t, b.invariantViolations(t))
}
