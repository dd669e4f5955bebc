package payments_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/payments/razorpaystandin"
)

// TestRazorpayOrderIsMadeAsDocumented: starting to pay makes one Razorpay
// order, asked for with the account's Basic auth: the amount in minor
// units, our key as its receipt, our ids in its notes, automatic capture.
// Starting again finds the payment and makes no second order.
func TestRazorpayOrderIsMadeAsDocumented(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	h, id := rb.startPaying(t, "A1")
	p := rb.payment(t, id)
	require.Regexp(t, `^order_`, p.ProviderID, "the order's id is stored")
	order, ok := rb.rzp.Order(p.ProviderID)
	require.True(t, ok)
	require.Equal(t, p.Amount, order.Amount)
	require.Equal(t, "GBP", order.Currency)

	creates := rb.requestsTo(http.MethodPost, "/v1/orders")
	require.Len(t, creates, 1)
	body := creates[0].Body
	require.EqualValues(t, p.Amount, body["amount"])
	require.Equal(t, "GBP", body["currency"])
	require.EqualValues(t, 1, body["payment_capture"])
	receipt, _ := body["receipt"].(string)
	require.NotEmpty(t, receipt)
	require.LessOrEqual(t, len(receipt), 40, "Razorpay's receipt limit")
	require.Equal(t, map[string]any{"payment_id": strconv.FormatInt(id, 10), "booking_id": strconv.FormatInt(h.ID, 10),
		"booking_code": p.BookingCode}, body["notes"])
	lookups := rb.requestsTo(http.MethodGet, "/v1/orders")
	require.Len(t, lookups, 1, "an order already made under the receipt is looked for first")
	require.Equal(t, "receipt="+receipt, lookups[0].Query)
	for _, r := range rb.rzp.Requests() {
		require.True(t, r.Authorized, "%s %s carries the account's keys", r.Method, r.Path)
		require.Equal(t, "razorpay-go/1.3.3", r.UserAgent)
	}

	req, err := rb.booking.StartPayment(context.Background(), buyer, h.ID)
	require.NoError(t, err)
	_, err = rb.pay.Begin(context.Background(), req)
	require.NoError(t, err)
	require.Len(t, rb.requestsTo(http.MethodPost, "/v1/orders"), 1, "no second order")
}

// TestRazorpayRefusesWrongKeys: with a key secret Razorpay does not know,
// the order is refused (401, Razorpay's error body) and the buyer gets
// the provider error, not a payment.
func TestRazorpayRefusesWrongKeys(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{keySecret: "not_the_secret"})
	ctx := context.Background()
	h, err := rb.booking.Hold(ctx, buyer, rb.show.ID, []string{"A2"})
	require.NoError(t, err)
	_, err = rb.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := rb.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	_, err = rb.pay.Begin(ctx, req)
	require.ErrorIs(t, err, payments.ErrProvider)
	require.ErrorContains(t, err, "Authentication failed")
	seen := rb.rzp.Requests()
	require.Len(t, seen, 1, "a refusal is not retried")
	require.False(t, seen[0].Authorized)
}

// TestRazorpayWebhookSignatures: a webhook signed with the webhook secret
// is taken; a forged one (another secret, or a body changed after
// signing) and an unsigned one are refused with 400 and change nothing;
// one without Razorpay's event id is still stored once (by its digest).
func TestRazorpayWebhookSignatures(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	ctx := context.Background()
	h, id := rb.startPaying(t, "A3")
	_, e := rb.paidInCheckout(t, id)
	url := rb.srv.URL + "/webhooks/razorpay"

	for name, sig := range map[string]string{
		"another secret": razorpaystandin.Sign(string(e.Body), "whsec_someone_else"),
		"missing":        "",
		"another body":   razorpaystandin.Sign(string(e.Body)+" ", rzpWebhookSecret),
		"not hex":        "sha256=" + razorpaystandin.Sign(string(e.Body), rzpWebhookSecret),
	} {
		status, err := razorpaystandin.DeliverSigned(ctx, url, e, sig)
		require.NoError(t, err)
		require.Equal(t, http.StatusBadRequest, status, name)
	}
	stored, _ := rb.rzpEvents(t)
	require.Zero(t, stored, "nothing forged is stored")
	require.NotEqual(t, booking.Confirmed, rb.status(t, h.ID))

	noID := razorpaystandin.Event{Body: e.Body}
	for range 2 {
		require.Equal(t, http.StatusOK, rb.deliverRzp(t, noID))
	}
	rb.confirmedOnce(t, h.ID)
	stored, _ = rb.rzpEvents(t)
	require.Equal(t, 1, stored, "a delivery without an event id is told apart by its body")
}

// TestRazorpayWebhooksInAnyOrderConfirmOnce delivers a failed try, the
// capture and order.paid, each three times, in shuffled orders: the
// payment always ends succeeded and the booking confirmed exactly once.
func TestRazorpayWebhooksInAnyOrderConfirmOnce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(3) {
		t.Run("order "+strconv.FormatUint(seed, 10), func(t *testing.T) {
			t.Parallel()
			rb := razorpaySetup(t, rzpOpts{})
			h, id := rb.startPaying(t, "A4", "A5")
			order := rb.payment(t, id).ProviderID
			failedID, err := rb.rzp.Fail(order, "card", "payment_failed", "Payment failed")
			require.NoError(t, err)
			failed, err := rb.rzp.PaymentEvent("payment.failed", failedID)
			require.NoError(t, err)
			res, captured := rb.paidInCheckout(t, id)
			paid, err := rb.rzp.PaymentEvent("order.paid", res.PaymentID)
			require.NoError(t, err)
			var deliveries []razorpaystandin.Event
			for range 3 {
				deliveries = append(deliveries, failed, captured, paid)
			}
			rand.New(rand.NewPCG(seed, 7)).Shuffle(len(deliveries), func(i, j int) {
				deliveries[i], deliveries[j] = deliveries[j], deliveries[i]
			})
			for _, d := range deliveries {
				require.Equal(t, http.StatusOK, rb.deliverRzp(t, d))
			}
			rb.confirmedOnce(t, h.ID)
			eventually(t, func() bool { _, pending := rb.rzpEvents(t); return pending == 0 }, "every event applied")
			stored, _ := rb.rzpEvents(t)
			require.Equal(t, 3, stored, "each event stored once")
			require.Equal(t, payments.Succeeded, rb.payment(t, id).State)
		})
	}
}

// TestRazorpaySuccessForAnotherAmountIsHeld: Razorpay reports a capture
// of another amount than the order's (1.00): the booking is not
// confirmed, the payment not marked paid, and staff see it flagged.
func TestRazorpaySuccessForAnotherAmountIsHeld(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	h, id := rb.startPaying(t, "A6")
	rb.rzp.CaptureAmount(100)
	_, e := rb.paidInCheckout(t, id)
	require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
	eventually(t, func() bool { _, pending := rb.rzpEvents(t); return pending == 0 }, "the event is applied")
	require.NotEqual(t, booking.Confirmed, rb.status(t, h.ID), "the booking is not confirmed")
	require.NotEqual(t, payments.Succeeded, rb.payment(t, id).State, "the payment is not marked paid")
	staff, _ := rb.srv.SignedIn(t, "Staffer", account.Staff)
	res, page := staff.Get(t, "/admin/payments")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "does not match", "staff see the mismatch flagged")
	require.Contains(t, page, `href="/admin/payments/`+strconv.FormatInt(id, 10)+`"`)
}

// TestRazorpayRefundIsRetriedThroughServerErrors: Razorpay answers the
// refund with 500s at first: the job retries until it is taken, and the
// money is refunded once.
func TestRazorpayRefundIsRetriedThroughServerErrors(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	ctx := context.Background()
	h, id := rb.startPaying(t, "A7")
	_, e := rb.paidInCheckout(t, id)
	require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
	rb.confirmedOnce(t, h.ID)
	rb.rzp.FailNext(3)
	_, err := rb.booking.Cancel(ctx, buyer, h.ID)
	require.NoError(t, err)
	rb.settleRefunds(t, 1)
	eventually(t, func() bool { return rb.payment(t, id).State == payments.Refunded }, "the refund settles")
	require.Len(t, rb.rzp.Refunds(), 1, "refunded once")
	refund := rb.requestsTo(http.MethodPost, "/v1/payments/"+rb.rzp.Refunds()[0].PaymentID+"/refund")
	require.NotEmpty(t, refund)
	last := refund[len(refund)-1].Body
	require.Equal(t, "normal", last["speed"])
	notes, _ := last["notes"].(map[string]any)
	require.NotEmpty(t, notes["refund_id"], "our refund id rides in the notes")
}

// TestRazorpayStandinSendsItsOwnWebhooks: told the app's address, the
// stand-in sends the webhooks of a checkout payment by itself, as
// Razorpay does (a browser journey relies on it): the booking confirms
// with no checkout result posted.
func TestRazorpayStandinSendsItsOwnWebhooks(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	rb.rzp.SetWebhookURL(rb.srv.URL + "/webhooks/razorpay")
	h, id := rb.startPaying(t, "A8")
	_, err := rb.rzp.Pay(rb.payment(t, id).ProviderID, "upi")
	require.NoError(t, err)
	rb.confirmedOnce(t, h.ID)
	eventually(t, func() bool { stored, _ := rb.rzpEvents(t); return stored == 2 }, "payment.captured and order.paid stored")
}
