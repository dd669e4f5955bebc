package payments_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/payments/razorpaystandin"
)

// TestRazorpayStateMachine takes Razorpay payments through the cases the
// Stripe ones go through, each as Razorpay reports it (webhooks from the
// stand-in, which holds the orders and payments): the payment's end
// state and the booking's, confirmed at most once.
func TestRazorpayStateMachine(t *testing.T) {
	t.Parallel()
	failed := func(t *testing.T, rb *rzpBundle, id int64) razorpaystandin.Event {
		t.Helper()
		payID, err := rb.rzp.Fail(rb.payment(t, id).ProviderID, "card", "payment_failed", "Payment failed")
		require.NoError(t, err)
		e, err := rb.rzp.PaymentEvent("payment.failed", payID)
		require.NoError(t, err)
		return e
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, rb *rzpBundle, h booking.Booking, id int64)
	}{
		{"success", func(t *testing.T, rb *rzpBundle, h booking.Booking, id int64) {
			_, e := rb.paidInCheckout(t, id)
			require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
			rb.confirmedOnce(t, h.ID)
			require.Equal(t, payments.Succeeded, rb.payment(t, id).State)
		}},
		{"decline then success", func(t *testing.T, rb *rzpBundle, h booking.Booking, id int64) {
			require.Equal(t, http.StatusOK, rb.deliverRzp(t, failed(t, rb, id)))
			eventually(t, func() bool { return rb.payment(t, id).State == payments.Failed }, "the decline is recorded")
			require.Equal(t, "payment_failed", rb.payment(t, id).FailureCode)
			_, e := rb.paidInCheckout(t, id) // tried again inside checkout
			require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
			rb.confirmedOnce(t, h.ID)
			require.Equal(t, payments.Succeeded, rb.payment(t, id).State)
		}},
		{"duplicate success", func(t *testing.T, rb *rzpBundle, h booking.Booking, id int64) {
			res, e := rb.paidInCheckout(t, id)
			paid, err := rb.rzp.PaymentEvent("order.paid", res.PaymentID)
			require.NoError(t, err)
			for _, d := range []razorpaystandin.Event{e, paid, e, paid} {
				require.Equal(t, http.StatusOK, rb.deliverRzp(t, d))
			}
			rb.confirmedOnce(t, h.ID)
			stored, _ := rb.rzpEvents(t)
			require.Equal(t, 2, stored, "each event stored once by its id")
		}},
		{"failure after success", func(t *testing.T, rb *rzpBundle, h booking.Booking, id int64) {
			_, e := rb.paidInCheckout(t, id)
			require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
			rb.confirmedOnce(t, h.ID)
			require.Equal(t, http.StatusOK, rb.deliverRzp(t, failed(t, rb, id)))
			eventually(t, func() bool { _, pending := rb.rzpEvents(t); return pending == 0 }, "every event applied")
			require.Equal(t, payments.Succeeded, rb.payment(t, id).State, "a success outranks a later failure")
			require.Equal(t, booking.Confirmed, rb.status(t, h.ID))
		}},
		{"refund partial then full", func(t *testing.T, rb *rzpBundle, h booking.Booking, id int64) {
			ctx := context.Background()
			_, e := rb.paidInCheckout(t, id)
			require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
			rb.confirmedOnce(t, h.ID)
			total := rb.payment(t, id).Amount
			_, err := rb.pay.AdminRefund(ctx, id, 500, "Sound was off", "r1", "admin@example.com")
			require.NoError(t, err)
			rb.settleRefunds(t, 1)
			eventually(t, func() bool { return rb.payment(t, id).State == payments.PartiallyRefunded }, "the partial refund settles")
			require.Equal(t, int64(500), rb.payment(t, id).Refunded)
			require.Equal(t, booking.Confirmed, rb.status(t, h.ID), "a partial refund keeps the booking")
			_, err = rb.pay.AdminRefund(ctx, id, total-500, "", "r2", "admin@example.com")
			require.NoError(t, err)
			rb.settleRefunds(t, 2)
			eventually(t, func() bool { return rb.payment(t, id).State == payments.Refunded }, "the rest is refunded")
			require.Equal(t, total, rb.payment(t, id).Refunded)
			refunds := rb.rzp.Refunds()
			require.Equal(t, []int64{500, total - 500}, []int64{refunds[0].Amount, refunds[1].Amount}, "Razorpay refunded each once")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rb := razorpaySetup(t, rzpOpts{})
			h, id := rb.startPaying(t, "B3", "B4")
			tc.run(t, rb, h, id)
		})
	}
}

// settleRefunds waits until Razorpay has n refunds and delivers the
// webhook of the last one (refund.processed).
func (rb *rzpBundle) settleRefunds(t *testing.T, n int) {
	t.Helper()
	eventually(t, func() bool { return len(rb.rzp.Refunds()) == n }, "the refund reaches Razorpay")
	refunds := rb.rzp.Refunds()
	e, err := rb.rzp.RefundEvent(refunds[n-1].ID)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
}

// TestRazorpayHoldRunsOut: an order left unpaid past the hold closes the
// attempt (Razorpay orders cannot be cancelled: nothing is asked of it);
// a payment made in checkout after that, when the seats were taken, is
// refunded in full at Razorpay and the buyer told why.
func TestRazorpayHoldRunsOut(t *testing.T) {
	t.Parallel()
	var lag atomic.Int64
	lag.Store(int64(2 * time.Minute))
	rb := razorpaySetup(t, rzpOpts{holdTTL: time.Minute, now: func() time.Time { return time.Now().Add(-time.Duration(lag.Load())) }})
	ctx := context.Background()
	h, id := rb.startPaying(t, "C7")
	lag.Store(0) // the one-minute hold ran out a minute ago
	_, err := rb.pay.Reconcile(ctx)
	require.NoError(t, err)
	p := rb.payment(t, id)
	require.Equal(t, payments.Failed, p.State)
	require.Equal(t, "expired", p.FailureCode, "the attempt is closed")

	_, err = rb.booking.Hold(ctx, buyer+1, rb.show.ID, []string{"C7"})
	require.NoError(t, err, "the seat went back on sale and someone took it")
	_, e := rb.paidInCheckout(t, id)
	require.Equal(t, http.StatusOK, rb.deliverRzp(t, e))
	eventually(t, func() bool { return len(rb.rzp.Refunds()) == 1 }, "the late payment is refunded at Razorpay")
	require.Equal(t, p.Amount, rb.rzp.Refunds()[0].Amount, "in full")
	require.Contains(t, rb.payment(t, id).OutcomeNote, "no longer available", "the buyer is told why")
	require.NotEqual(t, booking.Confirmed, rb.status(t, h.ID))
}
