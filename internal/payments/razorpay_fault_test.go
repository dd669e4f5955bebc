package payments_test

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/faultproxy"
)

// proxied counts the calls of method to path that reached the proxy.
func proxied(p *faultproxy.Proxy, method, path string) int {
	n := 0
	for _, s := range p.Seen() {
		if s.Method == method && s.Path == path {
			n++
		}
	}
	return n
}

// TestRazorpayOrderWhoseAnswerIsLostIsReused: Razorpay makes the order
// but its answer is lost (the connection drops, or Razorpay answers 500):
// the buyer is told to try again, and opening the pay page again finds
// the order by its receipt instead of making a second one.
func TestRazorpayOrderWhoseAnswerIsLostIsReused(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{proxy: true})
	ctx := context.Background()
	h, err := rb.booking.Hold(ctx, buyer, rb.show.ID, []string{"D1"})
	require.NoError(t, err)
	_, err = rb.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := rb.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	rb.proxy.Next(faultproxy.Pass, faultproxy.Drop) // the receipt lookup, then the create
	_, err = rb.pay.Begin(ctx, req)
	require.ErrorIs(t, err, payments.ErrProvider)

	path, err := rb.pay.Begin(ctx, req)
	require.NoError(t, err, "starting again works")
	c, err := rb.pay.PaymentForBuyer(ctx, buyer, paymentIDOf(t, path))
	require.NoError(t, err)
	require.Len(t, rb.requestsTo(http.MethodPost, "/v1/orders"), 1, "one order at Razorpay")
	order, ok := rb.rzp.Order(c.Payment.ProviderID)
	require.True(t, ok, "the payment has the order Razorpay made")
	require.Equal(t, c.Payment.Amount, order.Amount)
}

// TestRazorpayCaptureWhoseAnswerIsLostIsReconciled: the account captures
// by hand (the payment stays authorized), the buyer returns from
// checkout, and Razorpay captures the payment but the answer is lost.
// Nothing is marked paid on a guess; reconciliation later finds the
// capture, confirms the booking, and never captures twice.
func TestRazorpayCaptureWhoseAnswerIsLostIsReconciled(t *testing.T) {
	t.Parallel()
	var lag atomic.Int64
	lag.Store(int64(2 * time.Minute))
	rb := razorpaySetup(t, rzpOpts{proxy: true, holdTTL: time.Minute,
		now: func() time.Time { return time.Now().Add(-time.Duration(lag.Load())) }})
	ctx := context.Background()
	h, id := rb.startPaying(t, "D2")
	rb.rzp.AuthorizeOnly(true)
	res, _ := rb.paidInCheckout(t, id)
	rb.proxy.Next(faultproxy.Pass, faultproxy.Drop) // the order's payments, then the capture
	err := rb.pay.ConfirmRazorpay(ctx, buyer, id, payments.RazorpayPaid{PaymentID: res.PaymentID, OrderID: res.OrderID,
		Signature: res.Signature})
	require.ErrorIs(t, err, payments.ErrProvider)
	require.Equal(t, payments.RequiresPayment, rb.payment(t, id).State, "not paid on a guess")
	capture := "/v1/payments/" + res.PaymentID + "/capture"
	require.Equal(t, 1, proxied(rb.proxy, http.MethodPost, capture))

	lag.Store(0) // the hold has run out: reconciliation asks about it
	rep, err := rb.pay.Reconcile(ctx)
	require.NoError(t, err)
	require.Equal(t, 0, rep.Errors)
	require.Equal(t, payments.Succeeded, rb.payment(t, id).State, "the capture Razorpay made is found")
	rb.confirmedOnce(t, h.ID)
	require.Equal(t, 1, proxied(rb.proxy, http.MethodPost, capture), "captured once")
}

// TestRazorpayCheckoutResultCapturesAnAuthorizedPayment: with automatic
// capture off, the checkout result captures the payment (its amount and
// currency) and the booking is confirmed at once, before any webhook.
func TestRazorpayCheckoutResultCapturesAnAuthorizedPayment(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	ctx := context.Background()
	h, id := rb.startPaying(t, "D3")
	rb.rzp.AuthorizeOnly(true)
	res, _ := rb.paidInCheckout(t, id)
	require.NoError(t, rb.pay.ConfirmRazorpay(ctx, buyer, id, payments.RazorpayPaid{PaymentID: res.PaymentID,
		OrderID: res.OrderID, Signature: res.Signature}))
	require.Equal(t, payments.Succeeded, rb.payment(t, id).State)
	require.Equal(t, booking.Confirmed, rb.status(t, h.ID))
	captures := rb.requestsTo(http.MethodPost, "/v1/payments/"+res.PaymentID+"/capture")
	require.Len(t, captures, 1)
	require.EqualValues(t, rb.payment(t, id).Amount, captures[0].Body["amount"])
	require.Equal(t, "GBP", captures[0].Body["currency"])
}

// TestRazorpayCallsKeepTheirCallersDeadline: Razorpay answers slower than
// the buyer's request may wait: the call gives up at the request's
// deadline (not the SDK's own ten seconds), nothing is marked paid, and
// reconciliation later captures and confirms.
func TestRazorpayCallsKeepTheirCallersDeadline(t *testing.T) {
	t.Parallel()
	var lag atomic.Int64
	lag.Store(int64(2 * time.Minute))
	rb := razorpaySetup(t, rzpOpts{holdTTL: time.Minute,
		now: func() time.Time { return time.Now().Add(-time.Duration(lag.Load())) }})
	h, id := rb.startPaying(t, "D4")
	rb.rzp.AuthorizeOnly(true)
	res, _ := rb.paidInCheckout(t, id)
	rb.rzp.SetDelay(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	err := rb.pay.ConfirmRazorpay(ctx, buyer, id, payments.RazorpayPaid{PaymentID: res.PaymentID, OrderID: res.OrderID,
		Signature: res.Signature})
	require.ErrorIs(t, err, payments.ErrProvider)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the call ended at its caller's deadline")
	require.Equal(t, payments.RequiresPayment, rb.payment(t, id).State)

	rb.rzp.SetDelay(0)
	lag.Store(0)
	_, err = rb.pay.Reconcile(context.Background())
	require.NoError(t, err)
	rb.confirmedOnce(t, h.ID)
	require.Len(t, rb.requestsTo(http.MethodPost, "/v1/payments/"+res.PaymentID+"/capture"), 1, "captured once")
}

// TestRazorpayOrderOfAnotherDatabaseIsNotReused: Razorpay already holds
// an order under the payment's receipt that was not made for it (another
// database's booking with the same numbers, already paid): a new order is
// made, and the old one's payment never confirms this booking.
func TestRazorpayOrderOfAnotherDatabaseIsNotReused(t *testing.T) {
	t.Parallel()
	rb := razorpaySetup(t, rzpOpts{})
	ctx := context.Background()
	h, err := rb.booking.Hold(ctx, buyer, rb.show.ID, []string{"D5"})
	require.NoError(t, err)
	_, err = rb.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := rb.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	receipt := "booking-" + strconv.FormatInt(h.ID, 10) + "-attempt-1"
	stale := rb.rzp.SeedOrder(req.Amount, "GBP", receipt,
		map[string]string{"payment_id": "1", "booking_id": strconv.FormatInt(h.ID, 10)})
	_, err = rb.rzp.Pay(stale, "upi")
	require.NoError(t, err)

	path, err := rb.pay.Begin(ctx, req)
	require.NoError(t, err)
	id := paymentIDOf(t, path)
	p := rb.payment(t, id)
	require.NotEqual(t, stale, p.ProviderID, "a new order")
	require.Len(t, rb.requestsTo(http.MethodPost, "/v1/orders"), 1)
	lookups := rb.requestsTo(http.MethodGet, "/v1/orders")
	require.Len(t, lookups, 1)
	require.Equal(t, "receipt="+receipt, lookups[0].Query, "the old order was found, and passed over")
	require.NoError(t, rb.pay.Refresh(ctx, buyer, id))
	require.Equal(t, payments.RequiresPayment, rb.payment(t, id).State, "the old order's payment pays nothing here")
	require.NotEqual(t, booking.Confirmed, rb.status(t, h.ID))
}
