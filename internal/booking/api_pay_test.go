package booking_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/payments"
)

// apiPayHold holds seats through the API for c and returns the booking id.
func apiPayHold(t *testing.T, b *testBundle, c *apptest.APIClient, seats ...string) int64 {
	t.Helper()
	r := c.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", b.show.ID), map[string]any{"seats": seats})
	require.Equal(t, http.StatusCreated, r.Status, "held: %s", r.Body)
	var bk struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &bk)
	return bk.ID
}

func TestPayingTwiceFromTheAppMakesOnePayment(t *testing.T) {
	t.Parallel()
	b := apiSetup(t)
	c, _ := b.APIUser(t, "Ada", account.Customer)
	id := apiPayHold(t, b, c, "B3", "B4")
	path := fmt.Sprintf("/api/v1/bookings/%d/payment", id)

	var first, second payments.AppPayment
	r := c.Do(t, http.MethodPost, path, nil)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	r.JSON(t, &first)
	require.Equal(t, "requires_payment", first.Status)
	require.Equal(t, int64(2150), first.Amount, "two seats at 10.00 and the default booking fee of 0.75 a ticket")
	require.Equal(t, fmt.Sprintf("/api/v1/payments/%d", first.ID), r.Header.Get("Location"))

	r = c.Do(t, http.MethodPost, path, nil)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	r.JSON(t, &second)
	require.Equal(t, first.ID, second.ID, "the same payment, not a second charge")
	var n int
	require.NoError(t, b.pool.QueryRow(t.Context(), "SELECT count(*) FROM payments.payments WHERE booking_id = $1", id).Scan(&n))
	require.Equal(t, 1, n)
	require.Equal(t, first.HoldExpiresAt, second.HoldExpiresAt, "the hold is extended once, not on every call")
}

func TestAnotherUsersBookingCannotBePaidFromTheApp(t *testing.T) {
	t.Parallel()
	b := apiSetup(t)
	ada, _ := b.APIUser(t, "Ada", account.Customer)
	eve, _ := b.APIUser(t, "Eve", account.Customer)
	id := apiPayHold(t, b, ada, "C1")

	for _, path := range []string{fmt.Sprintf("/api/v1/bookings/%d/payment", id), "/api/v1/bookings/999999/payment",
		"/api/v1/bookings/x/payment"} {
		r := eve.Do(t, http.MethodPost, path, nil)
		require.Equal(t, http.StatusNotFound, r.Status, "%s: %s", path, r.Body)
		require.Equal(t, "not_found", r.Problem(t).Code)
	}
	r := b.API(t).Do(t, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/payment", id), nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
	r.Problem(t)

	r = ada.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", id), nil)
	require.Equal(t, http.StatusOK, r.Status)
	require.Contains(t, string(r.Body), `"status":"held"`, "Eve's attempts left Ada's hold alone")
}

func TestAReleasedHoldCannotBePaidFromTheApp(t *testing.T) {
	t.Parallel()
	b := apiSetup(t)
	c, _ := b.APIUser(t, "Ada", account.Customer)
	id := apiPayHold(t, b, c, "D1")
	require.Equal(t, http.StatusNoContent, c.Do(t, http.MethodDelete, fmt.Sprintf("/api/v1/holds/%d", id), nil).Status)

	r := c.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/payment", id), nil)
	require.Equal(t, http.StatusConflict, r.Status, "%s", r.Body)
	require.Equal(t, "not_payable", r.Problem(t).Code)
}
