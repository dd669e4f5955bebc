package payments_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// TestPayPalGoesThroughTheSameStateMachine takes PayPal payments through
// what Stripe's go through, PayPal's events arriving at the app's webhook
// signed as PayPal signs them: the end state is what a buyer and staff
// would expect, and a booking is confirmed at most once.
func TestPayPalGoesThroughTheSameStateMachine(t *testing.T) {
	t.Parallel()
	for name, run := range map[string]func(t *testing.T, pb *paypalBundle){
		"success":                paypalSuccess,
		"decline then success":   paypalDeclineThenSuccess,
		"duplicate success":      paypalDuplicateSuccess,
		"failure after success":  paypalFailureAfterSuccess,
		"expiry then late money": paypalExpiry,
		"full refund":            paypalFullRefund,
		"partial refund":         paypalPartialRefund,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			run(t, paypalSetup(t, paypalOpts{lagging: name == "expiry then late money"}))
		})
	}
}

func paypalSuccess(t *testing.T, pb *paypalBundle) {
	h, id := pb.startPaying(t, "A1")
	p := pb.payment(t, id)
	require.Equal(t, payments.ProviderPayPal, p.Provider)
	require.Regexp(t, `^5O`, p.ProviderID, "the order made at PayPal is stored")
	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.COMPLETED",
		captureResource(p, "COMPLETED", value(p.Amount)))))
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "confirmed")
	require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
	require.Equal(t, 1, pb.confirmations(t, h.ID))
}

func paypalDeclineThenSuccess(t *testing.T, pb *paypalBundle) {
	h, id := pb.startPaying(t, "A2")
	p := pb.payment(t, id)
	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.DENIED", captureResource(p, "DECLINED", value(p.Amount)))))
	eventually(t, func() bool { return pb.payment(t, id).State == payments.Failed }, "the decline fails the attempt")
	require.Equal(t, "paypal_denied", pb.payment(t, id).FailureCode)
	require.Equal(t, booking.PendingPayment, pb.status(t, h.ID), "the seats stay held for another try")
	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.COMPLETED", captureResource(p, "COMPLETED", value(p.Amount)))))
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "the money taken later confirms")
	require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
	require.Equal(t, 1, pb.confirmations(t, h.ID))
}

func paypalDuplicateSuccess(t *testing.T, pb *paypalBundle) {
	h, id := pb.startPaying(t, "A3")
	p := pb.payment(t, id)
	event := pb.pp.Event("PAYMENT.CAPTURE.COMPLETED", captureResource(p, "COMPLETED", value(p.Amount)))
	for range 3 {
		require.Equal(t, http.StatusOK, pb.send(t, event), "each delivery, signed anew, is accepted")
	}
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "confirmed")
	// The buyer's page captures too: PayPal answers the order is captured.
	pb.approve(t, p)
	require.NoError(t, pb.pay.CapturePayPal(context.Background(), buyer, id))
	var stored int
	require.NoError(t, pb.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.events WHERE provider = 'paypal'").Scan(&stored))
	require.Equal(t, 1, stored, "the event is stored once")
	require.Equal(t, 1, pb.confirmations(t, h.ID), "confirmed once")
	require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
}

func paypalFailureAfterSuccess(t *testing.T, pb *paypalBundle) {
	bookingID, p := pb.paidWithPayPal(t, "A4")
	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.DENIED", captureResource(p, "DECLINED", value(p.Amount)))))
	eventually(t, func() bool {
		var applied bool
		_ = pb.pool.QueryRow(context.Background(), "SELECT bool_and(applied_at IS NOT NULL) FROM payments.events").Scan(&applied)
		return applied
	}, "the late failure is applied")
	require.Equal(t, payments.Succeeded, pb.payment(t, p.ID).State, "money taken stays taken")
	require.Equal(t, booking.Confirmed, pb.status(t, bookingID))
	require.Equal(t, 1, pb.confirmations(t, bookingID))
}

// paypalExpiry: the hold runs out unpaid (reconciliation closes the
// attempt, and an approval after that is not captured); money PayPal
// reports taken after another buyer got the seats is refunded in full.
func paypalExpiry(t *testing.T, pb *paypalBundle) {
	ctx := context.Background()
	h, id := pb.startPaying(t, "A5")
	p := pb.payment(t, id)
	pb.catchUp()
	_, err := pb.pay.Reconcile(ctx)
	require.NoError(t, err)
	got := pb.payment(t, id)
	require.Equal(t, payments.Failed, got.State)
	require.Equal(t, "expired", got.FailureCode, "the attempt is closed: the hold ran out")

	pb.approve(t, p)
	require.NoError(t, pb.pay.CapturePayPal(ctx, buyer, id))
	require.Empty(t, pb.requests(http.MethodPost, "/v2/checkout/orders/"+p.ProviderID+"/capture"),
		"an approval after the hold ran out is not captured")

	// Another buyer takes the seats; then PayPal says money was taken
	// (captured elsewhere, say from PayPal's side) for the old attempt.
	other, err := pb.booking.Hold(ctx, buyer+1, pb.show.ID, []string{"A5"})
	require.NoError(t, err)
	require.NotZero(t, other.ID)
	var captured map[string]any
	require.Equal(t, http.StatusCreated, pb.standinCall(t, http.MethodPost, "/v2/checkout/orders/"+p.ProviderID+"/capture",
		map[string]any{}, &captured))
	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.COMPLETED", pb.pp.Capture(p.ProviderID))))
	var refundID int64
	var providerID *string
	eventually(t, func() bool {
		refundID, _, providerID = pb.refundOf(t, id)
		return providerID != nil
	}, "the late money is refunded at PayPal")
	require.Equal(t, "seats-gone:"+strconv.FormatInt(id, 10), refundKey(t, pb, refundID))
	require.Contains(t, pb.payment(t, id).OutcomeNote, "seats are no longer available")
	require.NotEqual(t, booking.Confirmed, pb.status(t, h.ID))
	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.REFUNDED",
		refundResource(*providerID, refundID, p.Amount, "COMPLETED"))))
	eventually(t, func() bool { return pb.payment(t, id).State == payments.Refunded }, "refunded in full")
	require.Zero(t, pb.confirmations(t, h.ID))
}

func paypalFullRefund(t *testing.T, pb *paypalBundle) {
	ctx := context.Background()
	bookingID, p := pb.paidWithPayPal(t, "A6", "A7")
	_, err := pb.booking.Cancel(ctx, buyer, bookingID)
	require.NoError(t, err)
	var refundID int64
	var providerID *string
	eventually(t, func() bool { refundID, _, providerID = pb.refundOf(t, p.ID); return providerID != nil }, "sent to PayPal")
	refunds := pb.requests(http.MethodPost, "/v2/payments/captures/")
	require.Len(t, refunds, 1)
	require.Equal(t, "refund:"+refundKey(t, pb, refundID), refunds[0].RequestID, "idempotent by the refund's key")
	require.JSONEq(t, `{"amount":{"currency_code":"GBP","value":"`+value(p.Amount)+`"},"invoice_id":"refund-`+strconv.FormatInt(refundID, 10)+`",
		"note_to_payer":"`+refundReason(t, pb, refundID)+`"}`, string(refunds[0].Body))
	event := pb.pp.Event("PAYMENT.CAPTURE.REFUNDED", refundResource(*providerID, refundID, p.Amount, "COMPLETED"))
	for range 2 {
		require.Equal(t, http.StatusOK, pb.send(t, event))
	}
	eventually(t, func() bool { return pb.status(t, bookingID) == booking.Refunded }, "the booking is refunded")
	got := pb.payment(t, p.ID)
	require.Equal(t, payments.Refunded, got.State)
	require.Equal(t, p.Amount, got.Refunded, "refunded once")
	captured := pb.pp.Capture(p.ProviderID)
	require.Equal(t, "REFUNDED", captured["status"], "PayPal gave it all back")
}

func paypalPartialRefund(t *testing.T, pb *paypalBundle) {
	ctx := context.Background()
	_, p := pb.paidWithPayPal(t, "A8", "A9")
	part := p.Amount / 4
	r, err := pb.pay.AdminRefund(ctx, p.ID, part, "Broken seat", "nonce-1", "staff@example.com")
	require.NoError(t, err)
	var providerID *string
	eventually(t, func() bool { _, _, providerID = pb.refundOf(t, p.ID); return providerID != nil }, "sent to PayPal")
	require.Equal(t, "PARTIALLY_REFUNDED", pb.pp.Capture(p.ProviderID)["status"])
	// PayPal settles it later: reconciliation asks (GET /v2/payments/refunds/{id}).
	pb.later(10 * time.Minute)
	_, err = pb.pay.Reconcile(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, pb.requests(http.MethodGet, "/v2/payments/refunds/"+*providerID))
	got := pb.payment(t, p.ID)
	require.Equal(t, payments.PartiallyRefunded, got.State)
	require.Equal(t, part, got.Refunded)
	_, state, _ := pb.refundOf(t, r.PaymentID)
	require.Equal(t, "succeeded", state)
}

// refundKey and refundReason read a refund's key and reason.
func refundKey(t *testing.T, pb *paypalBundle, refundID int64) string {
	t.Helper()
	var key string
	require.NoError(t, pb.pool.QueryRow(context.Background(), "SELECT key FROM payments.refunds WHERE id = $1", refundID).Scan(&key))
	return key
}

func refundReason(t *testing.T, pb *paypalBundle, refundID int64) string {
	t.Helper()
	var reason string
	require.NoError(t, pb.pool.QueryRow(context.Background(), "SELECT reason FROM payments.refunds WHERE id = $1", refundID).Scan(&reason))
	return reason
}
