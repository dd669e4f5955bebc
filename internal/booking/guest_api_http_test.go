package booking_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/payments"
)

// apiGuestHold holds seats through the API as a guest with email and
// returns the booking id and its guest token.
func (b *testBundle) apiGuestHold(t *testing.T, app *apptest.APIClient, email string, seats ...string) (int64, string) {
	t.Helper()
	r := app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds/guest", b.show.ID),
		map[string]any{"seats": seats, "email": email, "phone": "+44 7700 900123", "lang": "es"})
	require.Equal(t, http.StatusCreated, r.Status, "held: %s", r.Body)
	var out struct {
		ID         int64  `json:"id"`
		Status     string `json:"status"`
		GuestToken string `json:"guest_token"`
	}
	r.JSON(t, &out)
	require.Equal(t, "held", out.Status)
	require.NotEmpty(t, out.GuestToken)
	require.Equal(t, fmt.Sprintf("/api/v1/bookings/%d", out.ID), r.Header.Get("Location"))
	return out.ID, out.GuestToken
}

func TestASignedOutAppHoldsPaysAndGetsTheTicketAsAGuestAndItsTokenOpensNothingElse(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	app := b.API(t)
	id, token := b.apiGuestHold(t, app, "Mia@Example.com", "E5", "E6")
	guest := func(method, path string, body any) *apptest.APIResponse {
		return app.Do(t, method, path, body, "X-Guest-Token", token)
	}
	base := fmt.Sprintf("/api/v1/bookings/%d", id)

	r := guest(http.MethodGet, base+"/checkout", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Contains(t, string(r.Body), `"E5"`)
	r = guest(http.MethodPost, base+"/payment", nil)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var p payments.AppPayment
	r.JSON(t, &p)
	require.NotNil(t, p.Test)
	r = guest(http.MethodPost, p.Test.PayURL, map[string]any{"number": "4242424242424242", "exp_month": 12,
		"exp_year": 2040, "cvc": "123", "name": "Mia Guest"})
	require.Less(t, r.Status, 300, "%s", r.Body)
	deadline := time.Now().Add(10 * time.Second)
	for b.statusOf(t, id) != "confirmed" {
		require.True(t, time.Now().Before(deadline), "the guest's booking is confirmed")
		time.Sleep(20 * time.Millisecond)
	}
	for _, path := range []string{base, base + "/ticket", fmt.Sprintf("/api/v1/payments/%d", p.ID)} {
		r = guest(http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
	}

	var email, phone, lang string
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT guest_email, guest_phone, guest_lang
		FROM booking.bookings WHERE id = $1 AND user_id IS NULL`, id).Scan(&email, &phone, &lang))
	require.Equal(t, []string{"Mia@Example.com", "+447700900123", "es"}, []string{email, phone, lang})

	otherID, otherToken := b.apiGuestHold(t, app, "ned@example.com", "J9")
	bearer, _ := b.APIUser(t, "Ola", account.Customer)
	for _, path := range []string{base, base + "/ticket", base + "/checkout", fmt.Sprintf("/api/v1/payments/%d", p.ID)} {
		r = app.Do(t, http.MethodGet, path, nil, "X-Guest-Token", otherToken)
		require.Equal(t, http.StatusNotFound, r.Status, "another guest's token: %s", path)
		r = bearer.Do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusNotFound, r.Status, "an account: %s: %s", path, r.Body)
	}
	r = app.Do(t, http.MethodPost, base+"/cancel", nil, "X-Guest-Token", otherToken)
	require.Equal(t, http.StatusNotFound, r.Status)
	r = guest(http.MethodDelete, fmt.Sprintf("/api/v1/holds/%d", otherID), nil)
	require.Equal(t, http.StatusNotFound, r.Status, "a token opens its own booking only")
	require.Equal(t, "held", b.statusOf(t, otherID))

	r = app.Do(t, http.MethodGet, base, nil, "X-Guest-Token", token[:len(token)-2]+"xx")
	require.Equal(t, http.StatusUnauthorized, r.Status)
	require.Equal(t, "invalid_guest_token", r.Problem(t).Code)
	r = app.Do(t, http.MethodGet, base, nil)
	require.Equal(t, http.StatusUnauthorized, r.Status, "no credential at all")
	r = guest(http.MethodGet, "/api/v1/bookings", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status, "a guest token lists no bookings")
}

func TestAGuestHoldFromTheAppChecksTheContactAndTheCapOnUnpaidHolds(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{Env: map[string]string{"MAX_UNPAID_HOLDS": "1"}})
	app := b.API(t)
	r := app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds/guest", b.show.ID),
		map[string]any{"seats": []string{"C5"}, "email": "not-an-email", "phone": "12"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	p := r.Problem(t)
	require.NotEmpty(t, p.Fields["email"])
	require.NotEmpty(t, p.Fields["phone"])
	require.Empty(t, b.seatOwners(t), "nothing is held")

	b.apiGuestHold(t, app, "pat@example.com", "C5")
	other := holdTightShow(t, b.catalog)
	r = app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds/guest", other.ID),
		map[string]any{"seats": []string{"C5"}, "email": "PAT@example.com"})
	require.Equal(t, http.StatusTooManyRequests, r.Status, "%s", r.Body)
	require.Equal(t, "too_many_holds", r.Problem(t).Code)
}
