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
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// cancellableLine is the id of the booking's line of food named name.
func (br *testBrowser) cancellableLine(t *testing.T, id int64, name string) booking.CancellableLine {
	t.Helper()
	lines, _, err := br.b.svc.CancellableFood(context.Background(), br.id, id)
	require.NoError(t, err)
	for _, l := range lines {
		if l.Title == name {
			return l
		}
	}
	require.Failf(t, "no such line", "%s in %+v", name, lines)
	return booking.CancellableLine{}
}

func TestBuyerCancelsFoodFromTheCancelPageEachFromItsOwnPayment(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	cb.Work(t)
	ctx := context.Background()
	_, drink, nachos := cb.menu(t, intp(10))
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6")
	_, err := cb.svc.SetFood(ctx, ann.id, bk.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 3}})
	require.NoError(t, err)
	_, err = cb.svc.Checkout(ctx, ann.id, bk.ID)
	require.NoError(t, err)
	require.NoError(t, cb.confirm(t, bk.ID))
	total := cb.bookingTotal(t, bk.ID)
	order := ann.addFood(t, bk.ID, url.Values{fmt.Sprintf("food_%d", drink.ID): {"2"}})
	own, later := ann.cancellableLine(t, bk.ID, "Nachos"), ann.cancellableLine(t, bk.ID, "Cola")
	require.True(t, later.FromOrder)
	form := fmt.Sprintf("/bookings/%d/cancel-seats", bk.ID)

	res, body := ann.Get(t, form)
	require.Equal(t, http.StatusOK, res.StatusCode)
	body = html.UnescapeString(body)
	require.Contains(t, body, "Food and drink")
	require.Contains(t, body, fmt.Sprintf(`name="food-%d"`, own.ID))
	require.Contains(t, body, "ordered after booking")

	for _, bad := range []string{"4", "-1", "two"} {
		res, body = ann.Post(t, form, url.Values{fmt.Sprintf("food-%d", own.ID): {bad}, "confirm": {"1"}})
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, bad)
		require.Contains(t, body, "Choose from 0 to 3.", "the field says what it takes")
		require.Contains(t, body, fmt.Sprintf(`id="food-%d-error"`, own.ID))
		require.Contains(t, body, `value="`+html.EscapeString(bad)+`"`, "the form keeps what was typed")
	}
	res, body = ann.Post(t, form, url.Values{"confirm": {"1"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose at least one seat or item to cancel.")

	fields := url.Values{fmt.Sprintf("food-%d", own.ID): {"1"}, fmt.Sprintf("food-%d", later.ID): {"2"}}
	res, body = ann.Post(t, form, fields)
	require.Equal(t, http.StatusOK, res.StatusCode)
	// One nachos 5.00 + 1.00 tax; two colas 5.00 + 1.00 tax.
	require.Contains(t, html.UnescapeString(body), "Cancelling 1 × Nachos, 2 × Cola gives back £12.00.")

	fields.Set("confirm", "1")
	res, _ = ann.Post(t, form, fields)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, total-600, cb.bookingTotal(t, bk.ID), "the booking's own nachos come off its total")
	require.Equal(t, int64(600), cb.refundedOf(t, order), "the colas from the food order's payment")
	require.Equal(t, 8, cb.stockOf(t, nachos.ID), "one of three nachos back in stock")

	_, body = ann.Get(t, fmt.Sprintf("/bookings/%d", bk.ID))
	body = html.UnescapeString(body)
	require.Contains(t, body, "1 × Nachos, 2 × Cola cancelled.")
	require.Contains(t, body, "you cancelled 1 × Nachos, 2 × Cola.")
	_, body = ann.Get(t, fmt.Sprintf("/bookings/%d/ticket", bk.ID))
	body = html.UnescapeString(body)
	require.Contains(t, body, "2 × Nachos", "the ticket lists the food left")
	require.NotContains(t, body, "Cola")

	cb.clock.advance(20 * time.Hour) // the kitchen lists the next day's shows
	clerk := cb.staffAt(t, "Cleo", string(authz.BoxOffice), cb.chainOf(t, cb.show.TheaterID), cb.show.TheaterID)
	_, body = clerk.Get(t, "/admin/kitchen")
	body = html.UnescapeString(body)
	require.Contains(t, body, "2 × Nachos", "the kitchen prepares what is left")
	require.NotContains(t, body, "3 × Nachos")
	require.NotContains(t, body, "Cola", "the food order cancelled whole is off the kitchen's list")
}
