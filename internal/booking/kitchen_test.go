package booking_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

func TestAPaidOrderShowsOnTheTicketAndTheCounterMarksItCollectedOnce(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ctx := context.Background()
	popcorn, drink, _ := cb.menu(t, nil)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5")
	_, err := cb.svc.SetFood(ctx, ann.id, bk.ID, []booking.FoodChoice{{MenuItemID: popcorn.ID, Variant: "Large", Qty: 1},
		{MenuItemID: drink.ID, Qty: 2}})
	require.NoError(t, err)
	_, err = cb.svc.Checkout(ctx, ann.id, bk.ID)
	require.NoError(t, err)
	require.NoError(t, cb.confirm(t, bk.ID))

	res, body := ann.Get(t, fmt.Sprintf("/bookings/%d/ticket", bk.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	body = html.UnescapeString(body)
	for _, want := range []string{"Collect at the counter", "Pickup code", "1 × Popcorn (Large)", "2 × Cola", bk.Code} {
		require.Contains(t, body, want)
	}

	cb.clock.advance(20 * time.Hour) // the show is 26 hours away: the kitchen lists the next day's
	clerk := cb.staffAt(t, "Cleo", string(authz.BoxOffice), cb.chainOf(t, cb.show.TheaterID), cb.show.TheaterID)
	res, body = clerk.Get(t, "/admin/kitchen")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, html.UnescapeString(body), bk.Code)
	_, door := clerk.scan(t, bk.Code, 0)
	require.Contains(t, html.UnescapeString(door), "Food to collect at the counter: 1 × Popcorn (Large), 2 × Cola")
	collect := fmt.Sprintf("/admin/kitchen/%d/collected", bk.ID)
	for range 2 {
		res, _ = clerk.Post(t, collect, nil)
		require.Equal(t, http.StatusSeeOther, res.StatusCode, "pressing Collected twice is harmless")
	}
	var events int
	require.NoError(t, cb.pool.QueryRow(ctx, "SELECT count(*) FROM booking.booking_events WHERE booking_id = $1 AND note = 'food collected at the counter'",
		bk.ID).Scan(&events))
	require.Equal(t, 1, events)
	_, body = ann.Get(t, fmt.Sprintf("/bookings/%d/ticket", bk.ID))
	require.NotContains(t, body, "Collect at the counter")

	res, _ = ann.Post(t, collect, nil)
	require.NotEqual(t, http.StatusSeeOther, res.StatusCode, "a buyer cannot mark orders collected")
}

func TestCancellingRefundsTheFoodAndReturnsItsStock(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ctx := context.Background()
	_, _, nachos := cb.menu(t, intp(5))
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5")
	_, err := cb.svc.SetFood(ctx, ann.id, bk.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 2}})
	require.NoError(t, err)
	require.NoError(t, cb.confirm(t, bk.ID))
	require.Equal(t, 3, cb.stockOf(t, nachos.ID), "paying takes the stock")

	out, err := cb.svc.Cancel(ctx, ann.id, bk.ID)
	require.NoError(t, err)
	// Ticket 10.00 + fee 0.75 + nachos 10.00 + 20% tax 2.00, all refunded (no cancellation fee).
	require.Equal(t, int64(1000+75+1000+200), out.Refund)
	require.Equal(t, 5, cb.stockOf(t, nachos.ID), "uncollected food goes back into stock")
	var refunded bool
	require.NoError(t, cb.pool.QueryRow(ctx, "SELECT bool_and(refunded) FROM booking.booking_items WHERE booking_id = $1", bk.ID).Scan(&refunded))
	require.True(t, refunded)
}
