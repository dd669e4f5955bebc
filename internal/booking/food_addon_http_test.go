package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// paidBooking is a booking of C5 the browser's user has paid for.
func (br *testBrowser) paidBooking(t *testing.T) int64 {
	t.Helper()
	bk := br.hold(t, "C5")
	_, err := br.b.svc.Checkout(context.Background(), br.id, bk.ID)
	require.NoError(t, err)
	require.NoError(t, br.b.confirm(t, bk.ID))
	return bk.ID
}

// addFood orders food for booking id from its page's form, pays it with
// the test card and waits for the payment's outcome; it returns the food
// order's id.
func (br *testBrowser) addFood(t *testing.T, id int64, form url.Values) int64 {
	t.Helper()
	res, page := br.Post(t, fmt.Sprintf("/bookings/%d/food-orders", id), form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	var order int64
	require.NoError(t, br.b.pool.QueryRow(context.Background(),
		"SELECT max(booking_id) FROM booking.food_addons WHERE parent_id = $1", id).Scan(&order))
	res, page = br.Post(t, res.Header.Get("Location")+"/card", url.Values{"number": {"4242 4242 4242 4242"},
		"expiry": {"12/40"}, "cvc": {"123"}, "name": {"Ann Buyer"}})
	require.Less(t, res.StatusCode, 400, page)
	deadline := time.Now().Add(10 * time.Second)
	for br.b.statusOf(t, order) == "pending_payment" {
		require.True(t, time.Now().Before(deadline), "the food order's payment has an outcome")
		time.Sleep(20 * time.Millisecond)
	}
	return order
}

// refundedOf sums the refunds asked of booking id's payments.
func (b *testBundle) refundedOf(t *testing.T, id int64) int64 {
	t.Helper()
	var sum int64
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT coalesce(sum(r.amount_minor), 0)::bigint
		FROM payments.refunds r JOIN payments.payments p ON p.id = r.payment_id WHERE p.booking_id = $1`, id).Scan(&sum))
	return sum
}

func TestABuyerAddsFoodToAPaidBookingPaysItApartAndCollectsItWithTheBookingCode(t *testing.T) {
	t.Parallel()
	b := checkoutSetup(t)
	b.Work(t)
	popcorn, _, nachos := b.menu(t, intp(5))
	ann := b.browser(t, "Ann", account.Customer)
	id := ann.paidBooking(t)

	res, page := ann.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Pay for food and drink")
	require.Contains(t, page, fmt.Sprintf(`action="/bookings/%d/food-orders"`, id))

	order := ann.addFood(t, id, url.Values{fmt.Sprintf("food_%d_2", popcorn.ID): {"1"}, fmt.Sprintf("food_%d", nachos.ID): {"2"}})
	require.Equal(t, "confirmed", b.statusOf(t, order))
	require.Equal(t, 3, b.stockOf(t, nachos.ID), "the stock is taken when the order is paid")
	res, _ = ann.Get(t, fmt.Sprintf("/bookings/%d", order))
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the food order's own page is its booking's")
	require.Equal(t, fmt.Sprintf("/bookings/%d", id), res.Header.Get("Location"))

	// Ticket 10.00 + fee 0.75; popcorn 6.00 and two nachos 10.00, + 20% tax = 19.20.
	_, page = ann.Get(t, fmt.Sprintf("/bookings/%d", id))
	page = html.UnescapeString(page)
	for _, want := range []string{"Food and drink added", "1 × Popcorn (Large)", "2 × Nachos", "£19.20", "Total with food and drink: £29.95"} {
		require.Contains(t, page, want)
	}
	code := b.codeOf(t, id)
	_, page = ann.Get(t, fmt.Sprintf("/bookings/%d/ticket", id))
	page = html.UnescapeString(page)
	for _, want := range []string{"Pickup code", code, "1 × Popcorn (Large)", "2 × Nachos", "Collect at the counter"} {
		require.Contains(t, page, want)
	}

	b.clock.advance(20 * time.Hour) // the show is 26 hours away: the kitchen lists the next day's
	clerk := b.staffAt(t, "Cleo", string(authz.BoxOffice), b.chainOf(t, b.show.TheaterID), b.show.TheaterID)
	_, page = clerk.Get(t, "/admin/kitchen")
	page = html.UnescapeString(page)
	require.Contains(t, page, code)
	require.Contains(t, page, "Nachos", "the added order is listed under the booking's code")
	_, door := clerk.scan(t, code, 0)
	require.Contains(t, html.UnescapeString(door), "Food to collect at the counter: 1 × Popcorn (Large), 2 × Nachos")

	// Cancelling the booking refunds the tickets from their payment and
	// the food order in full from its own; the nachos go back on sale.
	res, _ = ann.Post(t, fmt.Sprintf("/bookings/%d/cancel", id), url.Values{})
	require.Less(t, res.StatusCode, 400)
	require.Equal(t, "cancelled", b.statusOf(t, id))
	require.Equal(t, "cancelled", b.statusOf(t, order))
	require.Equal(t, int64(1920), b.refundedOf(t, order))
	require.Equal(t, 5, b.stockOf(t, nachos.ID))
	_, page = clerk.Get(t, "/admin/kitchen")
	require.NotContains(t, page, code)
}

func TestFoodIsRefusedPastTheCutOffForAnotherBuyerAndForBadChoices(t *testing.T) {
	t.Parallel()
	b := checkoutSetup(t)
	popcorn, drink, _ := b.menu(t, nil)
	ann := b.browser(t, "Ann", account.Customer)
	id := ann.paidBooking(t)
	add := fmt.Sprintf("/bookings/%d/food-orders", id)
	one := url.Values{fmt.Sprintf("food_%d", drink.ID): {"1"}}

	bob := b.browser(t, "Bob", account.Customer)
	res, _ := bob.Post(t, add, one)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another buyer's booking is not found")

	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{fmt.Sprintf("food_%d", drink.ID): {"21"}}, "Choose from 0 to 20 of each item."},
		{url.Values{fmt.Sprintf("food_%d", drink.ID): {"-1"}}, "Choose from 0 to 20 of each item."},
		{url.Values{fmt.Sprintf("food_%d", drink.ID): {"two"}}, "Choose from 0 to 20 of each item."},
		{url.Values{fmt.Sprintf("food_%d_0", popcorn.ID): {"0"}}, "Choose at least one item."},
	} {
		res, page := ann.Post(t, add, c.form)
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, c.want)
		require.Contains(t, html.UnescapeString(page), c.want)
	}
	held := ann.hold(t, "D5")
	res, page := ann.Post(t, fmt.Sprintf("/bookings/%d/food-orders", held.ID), one)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Food can be added to a paid booking only.")

	// 30 minutes before the show the menu closes.
	b.clock.set(b.show.StartsAt.Add(-29 * time.Minute))
	res, page = ann.Post(t, add, one)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Food can no longer be added: the show starts too soon.")
	_, page = ann.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.NotContains(t, page, "Pay for food and drink")
	var orders int
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT count(*) FROM booking.food_addons").Scan(&orders))
	require.Zero(t, orders, "nothing refused was ordered")
}

func TestFoodThatSellsOutBeforeItsPaymentIsRefundedInFullAndTheBuyerIsTold(t *testing.T) {
	t.Parallel()
	b := checkoutSetup(t)
	b.Work(t)
	_, _, nachos := b.menu(t, intp(2))
	ann := b.browser(t, "Ann", account.Customer)
	id := ann.paidBooking(t)
	add := fmt.Sprintf("/bookings/%d/food-orders", id)
	res, page := ann.Post(t, add, url.Values{fmt.Sprintf("food_%d", nachos.ID): {"2"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	payPath := res.Header.Get("Location")
	// Someone else buys the last nachos while Ann types her card number.
	_, err := b.pool.Exec(context.Background(), "UPDATE catalog.menu_items SET stock = 1 WHERE id = $1", nachos.ID)
	require.NoError(t, err)
	var order int64
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT booking_id FROM booking.food_addons WHERE parent_id = $1", id).Scan(&order))
	res, page = ann.Post(t, payPath+"/card", url.Values{"number": {"4242 4242 4242 4242"}, "expiry": {"12/40"}, "cvc": {"123"}, "name": {"Ann"}})
	require.Less(t, res.StatusCode, 400, page)
	deadline := time.Now().Add(10 * time.Second)
	for b.statusOf(t, order) == "pending_payment" {
		require.True(t, time.Now().Before(deadline), "the payment has an outcome")
		time.Sleep(20 * time.Millisecond)
	}
	require.Equal(t, "refunded", b.statusOf(t, order))
	require.Equal(t, int64(1200), b.refundedOf(t, order), "two nachos 10.00 + 20% tax, in full")
	require.Equal(t, 1, b.stockOf(t, nachos.ID), "no stock was taken")
	require.Equal(t, "confirmed", b.statusOf(t, id), "the booking itself is untouched")
	_, page = ann.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Contains(t, html.UnescapeString(page), "Some of it sold out before your payment arrived, so your payment is refunded in full.")
}

// codeOf is booking id's code.
func (b *testBundle) codeOf(t *testing.T, id int64) string {
	t.Helper()
	var code string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT code FROM booking.bookings WHERE id = $1", id).Scan(&code))
	return code
}

func TestTheAPIAddsFoodToAPaidBookingAndStartsItsOwnPayment(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	popcorn, drink, _ := ab.menu(t, nil)
	ann := ab.buyer(t, "Ann")
	bk := ann.hold(t, "C5")
	orders := fmt.Sprintf("/api/v1/bookings/%d/food-orders", bk.ID)
	items := map[string]any{"items": []map[string]any{{"menu_item_id": popcorn.ID, "variant": "Small", "qty": 2}}}

	p := ann.problem(t, http.MethodPost, orders, items)
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["food"], "paid booking only")
	ab.paid(t, bk.ID)

	status, raw := ann.call(t, http.MethodGet, orders, nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var list struct {
		Open   bool `json:"open"`
		Orders []struct {
			Status string `json:"status"`
			Total  int64  `json:"total"`
		} `json:"orders"`
		Menu []struct {
			ID int64 `json:"id"`
		} `json:"menu"`
	}
	require.NoError(t, json.Unmarshal(raw, &list))
	require.True(t, list.Open)
	require.Len(t, list.Menu, 3)
	require.Empty(t, list.Orders)

	status, raw = ann.call(t, http.MethodPost, orders, items)
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	var made struct {
		Order struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
			Total  int64  `json:"total"`
		} `json:"order"`
		Payment struct {
			BookingID int64 `json:"booking_id"`
			Amount    int64 `json:"amount"`
		} `json:"payment"`
	}
	require.NoError(t, json.Unmarshal(raw, &made))
	// Two small popcorns 7.00 + 20% tax.
	require.Equal(t, int64(840), made.Order.Total)
	require.Equal(t, "pending_payment", made.Order.Status)
	require.Equal(t, made.Order.ID, made.Payment.BookingID, "the order is paid by a payment of its own")
	require.Equal(t, int64(840), made.Payment.Amount)

	for _, c := range []struct {
		body any
		want int
	}{
		{map[string]any{"items": []map[string]any{{"menu_item_id": popcorn.ID, "variant": "Huge", "qty": 1}}}, http.StatusUnprocessableEntity},
		{map[string]any{"items": []map[string]any{{"menu_item_id": drink.ID, "qty": 21}}}, http.StatusUnprocessableEntity},
		{map[string]any{"items": []map[string]any{{"menu_item_id": 987654, "qty": 1}}}, http.StatusUnprocessableEntity},
		{map[string]any{"items": []map[string]any{}}, http.StatusUnprocessableEntity},
		{"not an object", http.StatusBadRequest},
	} {
		p := ann.problem(t, http.MethodPost, orders, c.body)
		require.Equal(t, c.want, p.Status, "%v", c.body)
	}
	bob := ab.buyer(t, "Bob")
	p = bob.problem(t, http.MethodPost, orders, items)
	require.Equal(t, http.StatusNotFound, p.Status)
	status, _ = bob.call(t, http.MethodGet, orders, nil)
	require.Equal(t, http.StatusNotFound, status)
}

func TestAGuestAddsFoodToTheirPaidBookingAndAnotherBrowserGets404(t *testing.T) {
	t.Parallel()
	b := checkoutSetup(t)
	b.Work(t)
	_, drink, _ := b.menu(t, nil)
	guest := b.Browser(t)
	id := b.guestHold(t, guest, "guest@example.com", "C5")
	b.guestPay(t, guest, id)
	one := url.Values{fmt.Sprintf("food_%d", drink.ID): {"2"}}

	other := b.Browser(t)
	b.guestHold(t, other, "other@example.com", "J1")
	res, _ := other.Post(t, fmt.Sprintf("/bookings/%d/food-orders", id), one)
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	order := (&testBrowser{b: b, Browser: guest}).addFood(t, id, one)
	require.Equal(t, "confirmed", b.statusOf(t, order), "the guest paid the order on its own pay page")
	_, page := guest.Get(t, fmt.Sprintf("/bookings/%d/ticket", id))
	require.Contains(t, html.UnescapeString(page), "2 × Cola")
}
