package payments_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/payments"
)

// appBuyer is a mobile app signed in as a new customer of b's app.
type appBuyer struct {
	b *bundle
	*apptest.APIClient
}

func (b *bundle) appBuyer(t *testing.T, name string) *appBuyer {
	t.Helper()
	c, _ := b.srv.APIUser(t, name, account.Customer)
	return &appBuyer{b: b, APIClient: c}
}

// hold holds seats through the API and returns the booking's id.
func (a *appBuyer) hold(t *testing.T, seats ...string) int64 {
	t.Helper()
	r := a.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", a.b.show.ID), map[string]any{"seats": seats})
	require.Equal(t, http.StatusCreated, r.Status, "held: %s", r.Body)
	var bk struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &bk)
	return bk.ID
}

// pay is POST /api/v1/bookings/:id/payment, which must answer 201.
func (a *appBuyer) pay(t *testing.T, bookingID int64) payments.AppPayment {
	t.Helper()
	r := a.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/payment", bookingID), nil)
	require.Equal(t, http.StatusCreated, r.Status, "payment started: %s", r.Body)
	require.Equal(t, fmt.Sprintf("/api/v1/payments/%d", mustPayment(t, r).ID), r.Header.Get("Location"))
	return mustPayment(t, r)
}

func mustPayment(t *testing.T, r *apptest.APIResponse) payments.AppPayment {
	t.Helper()
	var p payments.AppPayment
	r.JSON(t, &p)
	require.NotZero(t, p.ID, "a payment: %s", r.Body)
	return p
}

// payment is GET /api/v1/payments/:id.
func (a *appBuyer) payment(t *testing.T, id int64) payments.AppPayment {
	t.Helper()
	r := a.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", id), nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
	return mustPayment(t, r)
}

// bookingStatus is the status GET /api/v1/bookings/:id says.
func (a *appBuyer) bookingStatus(t *testing.T, id int64) string {
	t.Helper()
	r := a.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", id), nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var bk struct {
		Status string `json:"status"`
	}
	r.JSON(t, &bk)
	return bk.Status
}

// failuresTold counts the failed payments booking recorded for a booking.
func (b *bundle) failuresTold(t *testing.T, bookingID int64) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM booking.booking_events WHERE booking_id = $1 AND note LIKE 'payment failed:%'", bookingID).Scan(&n))
	return n
}

// testCard is a valid card body with number.
func testCard(number string) map[string]any {
	return map[string]any{"number": number, "exp_month": 12, "exp_year": 2040, "cvc": "123", "name": "Ada Lovelace"}
}

// useCard is POST test.pay_url, which must answer 200.
func (a *appBuyer) useCard(t *testing.T, p payments.AppPayment, body any) payments.AppPayment {
	t.Helper()
	require.NotNil(t, p.Test, "the test provider says how to pay")
	r := a.Do(t, http.MethodPost, p.Test.PayURL, body)
	require.Equal(t, http.StatusOK, r.Status, "card taken: %s", r.Body)
	return mustPayment(t, r)
}

func TestAnAppPaysWithTheTestCardAndItsBookingIsConfirmed(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	app := b.appBuyer(t, "Ada")
	bookingID := app.hold(t, "B3", "B4")

	p := app.pay(t, bookingID)
	require.Equal(t, payments.ProviderTest, p.Provider)
	require.Equal(t, "requires_payment", p.Status)
	require.Equal(t, bookingID, p.BookingID)
	require.Positive(t, p.Amount)
	require.NotEmpty(t, p.Currency)
	require.Nil(t, p.Stripe, "no Stripe keys for a test payment")
	require.Equal(t, fmt.Sprintf("/api/v1/payments/%d/test-card", p.ID), p.Test.PayURL)
	outcomes := map[string]string{}
	for _, c := range p.Test.Cards {
		outcomes[c.Number] = c.Outcome + c.DeclineCode
	}
	require.Equal(t, map[string]string{"4242424242424242": "succeeded", "4000000000000002": "declinedgeneric_decline",
		"4000000000009995": "declinedinsufficient_funds", "4000000000003220": "requires_action"}, outcomes,
		"the app is told every accepted test card and what it does")
	require.Equal(t, "pending_payment", app.bookingStatus(t, bookingID))

	paid := app.useCard(t, p, testCard("4242 4242 4242 4242"))
	require.Equal(t, "processing", paid.Status, "the outcome arrives through the event path")
	require.Equal(t, &payments.AppPaymentCard{Brand: "Visa", Last4: "4242"}, paid.Card)

	eventually(t, func() bool { return app.bookingStatus(t, bookingID) == "confirmed" }, "the booking is confirmed")
	done := app.payment(t, p.ID)
	require.Equal(t, "succeeded", done.Status)
	require.Nil(t, done.Failure)
	require.Equal(t, 1, b.confirmations(t, bookingID))
	require.Equal(t, 1, b.appliedEvents(t), "one event, applied once, as a Stripe webhook would be")

	r := app.Do(t, http.MethodPost, p.Test.PayURL, testCard("4242424242424242"))
	require.Equal(t, http.StatusConflict, r.Status, "a second card charges nothing")
	require.Equal(t, "not_payable", r.Problem(t).Code)
	r = app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/payment", bookingID), nil)
	require.Equal(t, http.StatusConflict, r.Status, "a paid booking is not paid again")
	require.Equal(t, "already_paid", r.Problem(t).Code)
}

func TestADeclinedTestCardSaysWhyAndTheAppMayTryAnotherCard(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	app := b.appBuyer(t, "Ada")
	bookingID := app.hold(t, "C1")
	p := app.pay(t, bookingID)

	app.useCard(t, p, testCard("4000000000009995"))
	eventually(t, func() bool { return app.payment(t, p.ID).Status == "failed" }, "the decline arrives")
	failed := app.payment(t, p.ID)
	require.Equal(t, &payments.AppFailure{Code: "insufficient_funds",
		Message: "Your card has insufficient funds. Try another card."}, failed.Failure)
	require.True(t, failed.CanRetry, "the hold lasts and attempts remain")
	require.Equal(t, "pending_payment", app.bookingStatus(t, bookingID),
		"a decline with attempts left keeps the booking payable (payment_failed is only the last attempt's)")
	require.Equal(t, 1, b.failuresTold(t, bookingID), "the booking heard of the decline")

	next := app.pay(t, bookingID)
	require.NotEqual(t, p.ID, next.ID, "another card is another attempt")
	require.Equal(t, 2, next.Attempt)
	app.useCard(t, next, testCard("4242424242424242"))
	eventually(t, func() bool { return app.bookingStatus(t, bookingID) == "confirmed" }, "the second card pays")
	require.Equal(t, "failed", app.payment(t, p.ID).Status, "the first attempt stays failed")
}

func TestATestCardAskingForAuthenticationIsCompletedByTheApp(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	for _, tc := range []struct {
		result, status, booking string
		seat                    string
	}{
		{"approve", "succeeded", "confirmed", "D1"},
		{"fail", "failed", "pending_payment", "D5"}, // the first attempt: another card may follow
	} {
		app := b.appBuyer(t, "Ada-"+tc.result)
		bookingID := app.hold(t, tc.seat)
		p := app.pay(t, bookingID)
		asked := app.useCard(t, p, testCard("4000 0000 0000 3220"))
		require.Equal(t, "requires_action", asked.Status)

		r := app.Do(t, http.MethodPost, p.Test.AuthenticateURL, map[string]string{"result": "maybe"})
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		require.Contains(t, r.Problem(t).Fields, "result")

		r = app.Do(t, http.MethodPost, p.Test.AuthenticateURL, map[string]string{"result": tc.result})
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		// Processing until the outcome arrives, or the outcome itself when
		// it came first (the provider answers on its own schedule).
		require.Contains(t, []string{"processing", tc.status}, mustPayment(t, r).Status)
		eventually(t, func() bool { return app.payment(t, p.ID).Status == tc.status }, "the outcome arrives")
		require.Equal(t, tc.booking, app.bookingStatus(t, bookingID), tc.result)

		r = app.Do(t, http.MethodPost, p.Test.AuthenticateURL, map[string]string{"result": "approve"})
		require.Equal(t, http.StatusConflict, r.Status, "nothing waits for authentication any more")
	}
}

func TestBadTestCardInputIsRefusedFieldByFieldAndChargesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	app := b.appBuyer(t, "Ada")
	p := app.pay(t, app.hold(t, "E1"))

	for _, tc := range []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"an unknown number", map[string]any{"number": "4111111111111111"}, []string{"number"}},
		{"no number", map[string]any{"number": ""}, []string{"number"}},
		{"month 13", map[string]any{"exp_month": 13}, []string{"exp_month"}},
		{"a year of three digits", map[string]any{"exp_year": 203}, []string{"exp_year"}},
		{"an expired card", map[string]any{"exp_month": 1, "exp_year": 2020}, []string{"exp_year"}},
		{"a short cvc", map[string]any{"cvc": "12"}, []string{"cvc"}},
		{"no name", map[string]any{"name": ""}, []string{"name"}},
		{"everything wrong", map[string]any{"number": "1", "exp_month": 0, "cvc": "x", "name": " "},
			[]string{"number", "exp_month", "cvc", "name"}},
	} {
		body := testCard("4242424242424242")
		for k, v := range tc.body {
			body[k] = v
		}
		r := app.Do(t, http.MethodPost, p.Test.PayURL, body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s: %s", tc.name, r.Body)
		fields := r.Problem(t).Fields
		for _, f := range tc.fields {
			require.Contains(t, fields, f, tc.name)
		}
		require.Len(t, fields, len(tc.fields), "%s: %v", tc.name, fields)
	}
	for _, body := range []string{`{"number":`, `{"number":"4242424242424242","exp_month":"12"}`, `[]`} {
		r := app.Do(t, http.MethodPost, p.Test.PayURL, body)
		require.Equal(t, http.StatusBadRequest, r.Status, "unreadable: %s", body)
		r.Problem(t)
	}
	require.Equal(t, "requires_payment", app.payment(t, p.ID).Status, "nothing was charged")
	require.Zero(t, b.appliedEvents(t))
}

func TestAnotherUsersPaymentIsNotFoundAndNoTokenIsUnauthorized(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ada, eve := b.appBuyer(t, "Ada"), b.appBuyer(t, "Eve")
	p := ada.pay(t, ada.hold(t, "A1"))

	for _, r := range []*apptest.APIResponse{
		eve.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", p.ID), nil),
		eve.Do(t, http.MethodPost, p.Test.PayURL, testCard("4242424242424242")),
		eve.Do(t, http.MethodPost, p.Test.AuthenticateURL, map[string]string{"result": "approve"}),
		eve.Do(t, http.MethodGet, "/api/v1/payments/999999", nil),
		eve.Do(t, http.MethodGet, "/api/v1/payments/abc", nil),
	} {
		require.Equal(t, http.StatusNotFound, r.Status, "%s", r.Body)
		require.Equal(t, "not_found", r.Problem(t).Code)
	}
	anon := b.srv.API(t)
	for _, r := range []*apptest.APIResponse{
		anon.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", p.ID), nil),
		anon.Do(t, http.MethodPost, p.Test.PayURL, testCard("4242424242424242")),
	} {
		require.Equal(t, http.StatusUnauthorized, r.Status, "%s", r.Body)
		r.Problem(t)
	}
	require.Equal(t, "requires_payment", ada.payment(t, p.ID).Status, "Eve's card charged nothing")
}

func TestTheStripeProviderGivesTheAppItsClientSecretAndNoTestCards(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{provider: payments.ProviderStripe})
	app := b.appBuyer(t, "Ada")
	bookingID := app.hold(t, "A1")

	p := app.pay(t, bookingID)
	require.Equal(t, payments.ProviderStripe, p.Provider)
	require.Equal(t, "requires_payment", p.Status)
	require.Nil(t, p.Test)
	require.NotNil(t, p.Stripe, "the native SDKs need the intent's secret")
	require.NotEmpty(t, p.Stripe.ClientSecret)
	require.Equal(t, "pk_test_123", p.Stripe.PublishableKey)

	again := app.pay(t, bookingID)
	require.Equal(t, p.ID, again.ID, "paying again resumes the same intent")
	require.Equal(t, p.Stripe.ClientSecret, again.Stripe.ClientSecret)

	url := fmt.Sprintf("/api/v1/payments/%d/test-card", p.ID)
	r := app.Do(t, http.MethodPost, url, testCard("4242424242424242"))
	require.Equal(t, http.StatusNotFound, r.Status, "no test cards with Stripe: %s", r.Body)
	r.Problem(t)
}
