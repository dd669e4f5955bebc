package booking_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/payments"
)

// apiGuestPaid holds seat as a guest through the API and pays for it with
// the test card; it returns the booking id and its guest token.
func (b *testBundle) apiGuestPaid(t *testing.T, app *apptest.APIClient, email, seat string) (int64, string) {
	t.Helper()
	id, token := b.apiGuestHold(t, app, email, seat)
	r := app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/payment", id), nil, "X-Guest-Token", token)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var p payments.AppPayment
	r.JSON(t, &p)
	r = app.Do(t, http.MethodPost, p.Test.PayURL, map[string]any{"number": "4242424242424242", "exp_month": 12,
		"exp_year": 2040, "cvc": "123", "name": "Mia Guest"}, "X-Guest-Token", token)
	require.Less(t, r.Status, 300, "%s", r.Body)
	deadline := time.Now().Add(10 * time.Second)
	for b.statusOf(t, id) != "confirmed" {
		require.True(t, time.Now().Before(deadline), "the guest's booking is confirmed")
		time.Sleep(20 * time.Millisecond)
	}
	return id, token
}

func TestAGuestInTheAppAddsFoodToItsPaidBookingButNotToAnothers(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	_, drink, _ := b.menu(t, nil)
	app := b.API(t)
	id, token := b.apiGuestPaid(t, app, "mia@example.com", "E5")
	otherID, otherToken := b.apiGuestPaid(t, app, "ned@example.com", "J9")
	orders := func(id int64) string { return fmt.Sprintf("/api/v1/bookings/%d/food-orders", id) }
	one := map[string]any{"items": []map[string]any{{"menu_item_id": drink.ID, "qty": 1}}}

	r := app.Do(t, http.MethodGet, orders(id), nil, "X-Guest-Token", token)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Contains(t, string(r.Body), `"open":true`)
	r = app.Do(t, http.MethodPost, orders(id), one, "X-Guest-Token", token)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var added struct {
		Order struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		} `json:"order"`
		Payment payments.AppPayment `json:"payment"`
	}
	r.JSON(t, &added)
	require.Equal(t, "pending_payment", added.Order.Status)
	card := map[string]any{"number": "4242424242424242", "exp_month": 12, "exp_year": 2040, "cvc": "123", "name": "Mia Guest"}
	r = app.Do(t, http.MethodPost, added.Payment.Test.PayURL, card, "X-Guest-Token", otherToken)
	require.Equal(t, http.StatusNotFound, r.Status, "another guest cannot pay for it: %s", r.Body)
	r = app.Do(t, http.MethodPost, added.Payment.Test.PayURL, card, "X-Guest-Token", token)
	require.Less(t, r.Status, 300, "the guest pays for its food with its booking's token: %s", r.Body)
	deadline := time.Now().Add(10 * time.Second)
	for b.statusOf(t, added.Order.ID) != "confirmed" {
		require.True(t, time.Now().Before(deadline), "the food order is paid")
		time.Sleep(20 * time.Millisecond)
	}
	r = app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", added.Payment.ID), nil, "X-Guest-Token", token)
	require.Equal(t, http.StatusOK, r.Status, "the guest polls the food order's payment: %s", r.Body)
	r = app.Do(t, http.MethodGet, orders(id), nil, "X-Guest-Token", token)
	require.Contains(t, string(r.Body), fmt.Sprintf(`"id":%d`, added.Order.ID), "the order is listed")

	for _, method := range []string{http.MethodGet, http.MethodPost} {
		r = app.Do(t, method, orders(otherID), one, "X-Guest-Token", token)
		require.Equal(t, http.StatusNotFound, r.Status, "%s another guest's booking: %s", method, r.Body)
		r = app.Do(t, method, orders(id), one, "X-Guest-Token", otherToken)
		require.Equal(t, http.StatusNotFound, r.Status, "%s with another guest's token: %s", method, r.Body)
	}
	var n int
	require.NoError(t, b.pool.QueryRow(t.Context(), "SELECT count(*) FROM booking.food_addons WHERE parent_id = $1",
		otherID).Scan(&n))
	require.Zero(t, n, "nothing was added to the other booking")
}
