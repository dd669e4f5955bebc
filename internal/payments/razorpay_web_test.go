package payments_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/payments/razorpaystandin"
)

// TestRazorpayPayPage: the buyer's pay page offers Razorpay Checkout for
// the payment's order (and says it needs JavaScript without it). What
// checkout hands back is posted as a form: a forged signature is a 400
// page saying the payment could not be verified, and changes nothing;
// another buyer's payment is 404; the real result confirms the booking at
// once and sends the buyer on to it.
func TestRazorpayPayPage(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	br, u := rb.srv.SignedIn(t, "Priya", account.Customer)
	h, id := rb.startPayingAs(t, u.ID, "E1", "E2")
	p, err := rb.pay.PaymentForBuyer(t.Context(), u.ID, id)
	require.NoError(t, err)
	order := p.Payment.ProviderID
	page := fmt.Sprintf("/pay/%d", id)

	res, body := br.Get(t, page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{`data-razorpay-form`, `data-key="` + rzpKeyID + `"`, `data-order="` + order + `"`,
		`data-amount="` + strconv.FormatInt(p.Payment.Amount, 10) + `"`, `action="` + page + `/razorpay"`,
		`/v1/checkout.js`, `js/razorpay-pay.`, "with UPI, cards, netbanking or wallets", "needs JavaScript"} {
		require.Contains(t, body, want)
	}
	require.NotContains(t, body, rzpKeySecret)

	paid, err := rb.rzp.Pay(order, "upi")
	require.NoError(t, err)
	form := func(r razorpaystandin.CheckoutResult) url.Values {
		return url.Values{"razorpay_payment_id": {r.PaymentID}, "razorpay_order_id": {r.OrderID},
			"razorpay_signature": {r.Signature}}
	}
	forged := paid
	forged.Signature = razorpaystandin.Sign(order+"|"+paid.PaymentID, "not_the_key_secret")
	res, body = br.Post(t, page+"/razorpay", form(forged))
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, body, "verify this payment with Razorpay")
	otherOrder := paid
	otherOrder.OrderID = "order_SomeoneElse01"
	otherOrder.Signature = rb.rzp.Signature(otherOrder.OrderID, paid.PaymentID)
	res, _ = br.Post(t, page+"/razorpay", form(otherOrder))
	require.Equal(t, http.StatusBadRequest, res.StatusCode, "a result signed for another order")
	require.NotEqual(t, booking.Confirmed, rb.statusAs(t, u.ID, h.ID), "nothing changed")

	stranger, _ := rb.srv.SignedIn(t, "Mallory", account.Customer)
	res, _ = stranger.Post(t, page+"/razorpay", form(paid))
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another buyer's payment")

	res, _ = br.Post(t, page+"/razorpay", form(paid))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, page, res.Header.Get("Location"))
	require.Equal(t, booking.Confirmed, rb.statusAs(t, u.ID, h.ID), "confirmed at once, before the webhook")
	res, _ = br.Get(t, page)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the pay page goes on to the booking")
	require.Contains(t, res.Header.Get("Location"), "paid=1")

	e, err := rb.rzp.PaymentEvent("payment.captured", paid.PaymentID)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, rb.deliverRzp(t, e), "the webhook arriving later")
	eventually(t, func() bool { _, pending := rb.rzpEvents(t); return pending == 0 }, "the webhook is applied")
	require.Equal(t, 1, rb.confirmations(t, h.ID), "confirmed once")
}

// TestRazorpayAppAPI: the app's payment JSON carries what Razorpay's
// native SDK needs (key id, order id, amount, currency, never the
// secret); the app posts the SDK's result as JSON, verified as on the
// web; another user's payment is 404.
func TestRazorpayAppAPI(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	app, u := rb.srv.APIUser(t, "Arjun", account.Customer)
	h, id := rb.startPayingAs(t, u.ID, "E3")
	path := fmt.Sprintf("/api/v1/payments/%d", id)

	r := app.Do(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, r.Status, r.Body)
	var got payments.AppPayment
	r.JSON(t, &got)
	require.Equal(t, payments.ProviderRazorpay, got.Provider)
	require.NotNil(t, got.Razorpay)
	require.Equal(t, rzpKeyID, got.Razorpay.KeyID)
	require.Equal(t, got.Amount, got.Razorpay.Amount)
	require.Equal(t, "GBP", got.Razorpay.Currency)
	require.NotContains(t, r.Body, rzpKeySecret)

	paid, err := rb.rzp.Pay(got.Razorpay.OrderID, "card")
	require.NoError(t, err)
	bad := map[string]string{"razorpay_payment_id": paid.PaymentID, "razorpay_order_id": paid.OrderID, "razorpay_signature": "00"}
	r = app.Do(t, http.MethodPost, path+"/razorpay", bad)
	require.Equal(t, http.StatusBadRequest, r.Status, r.Body)
	require.NotEqual(t, booking.Confirmed, rb.statusAs(t, u.ID, h.ID))

	other, _ := rb.srv.APIUser(t, "Eve", account.Customer)
	good := map[string]string{"razorpay_payment_id": paid.PaymentID, "razorpay_order_id": paid.OrderID,
		"razorpay_signature": paid.Signature}
	r = other.Do(t, http.MethodPost, path+"/razorpay", good)
	require.Equal(t, http.StatusNotFound, r.Status, "another user's payment")

	r = app.Do(t, http.MethodPost, path+"/razorpay", good)
	require.Equal(t, http.StatusOK, r.Status, r.Body)
	r.JSON(t, &got)
	require.Equal(t, string(payments.Succeeded), got.Status)
	require.Equal(t, booking.Confirmed, rb.statusAs(t, u.ID, h.ID))
}
