package payments_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/faultproxy"
)

// TestPayPalCallsFollowPayPalsAPI: the app gets its token with the client
// credentials in Basic auth, then sends the Bearer token; the order says
// what the buyer pays for in PayPal's words, and create, capture and
// refund each carry a PayPal-Request-Id of our own keys.
func TestPayPalCallsFollowPayPalsAPI(t *testing.T) {
	t.Parallel()
	pb := paypalSetup(t, paypalOpts{})
	h, id := pb.startPaying(t, "C1", "C2")
	p := pb.payment(t, id)

	tokens := pb.requests(http.MethodPost, "/v1/oauth2/token")
	require.NotEmpty(t, tokens)
	require.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte(paypalClientID+":"+paypalSecret)), tokens[0].Auth)
	creates := pb.requests(http.MethodPost, "/v2/checkout/orders")
	require.Len(t, creates, 1)
	require.Regexp(t, `^Bearer A21AA`, creates[0].Auth)
	key := fmt.Sprintf("booking-%d-attempt-1", h.ID)
	require.Equal(t, key, creates[0].RequestID, "the order is idempotent by the payment's key")
	var order struct {
		Intent        string `json:"intent"`
		PurchaseUnits []struct {
			ReferenceID string `json:"reference_id"`
			CustomID    string `json:"custom_id"`
			InvoiceID   string `json:"invoice_id"`
			Description string `json:"description"`
			Amount      struct {
				CurrencyCode string `json:"currency_code"`
				Value        string `json:"value"`
			} `json:"amount"`
		} `json:"purchase_units"`
		ApplicationContext struct {
			ShippingPreference string `json:"shipping_preference"`
		} `json:"application_context"`
	}
	require.NoError(t, json.Unmarshal(creates[0].Body, &order))
	require.Equal(t, "CAPTURE", order.Intent)
	require.Len(t, order.PurchaseUnits, 1)
	u := order.PurchaseUnits[0]
	require.Equal(t, strconv.FormatInt(id, 10), u.CustomID, "our payment id travels with the money")
	require.Equal(t, strconv.FormatInt(id, 10), u.ReferenceID)
	require.Equal(t, key, u.InvoiceID)
	require.Equal(t, p.Description, u.Description)
	require.Equal(t, "GBP", u.Amount.CurrencyCode)
	require.Equal(t, value(p.Amount), u.Amount.Value, "minor units as PayPal's decimal string")
	require.Equal(t, "NO_SHIPPING", order.ApplicationContext.ShippingPreference, "tickets are not shipped")

	pb.approve(t, p)
	require.NoError(t, pb.pay.CapturePayPal(context.Background(), buyer, id))
	captures := pb.requests(http.MethodPost, "/v2/checkout/orders/"+p.ProviderID+"/capture")
	require.Len(t, captures, 1)
	require.Equal(t, "capture:"+key, captures[0].RequestID)
	require.Regexp(t, `^Bearer `, captures[0].Auth)
	require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "confirmed")
}

// TestPayPalWithWrongCredentialsTellsTheBuyerToTryLater: PayPal refuses
// the client credentials (401 invalid_client); the buyer is told the
// provider is not answering and no order is made.
func TestPayPalWithWrongCredentialsTellsTheBuyerToTryLater(t *testing.T) {
	t.Parallel()
	pb := paypalSetup(t, paypalOpts{secret: "wrong-secret"})
	ctx := context.Background()
	h, err := pb.booking.Hold(ctx, buyer, pb.show.ID, []string{"C3"})
	require.NoError(t, err)
	_, err = pb.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := pb.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	_, err = pb.pay.Begin(ctx, req)
	require.ErrorIs(t, err, payments.ErrProvider)
	require.Empty(t, pb.requests(http.MethodPost, "/v2/checkout/orders"), "no order without a token")
	require.NotEmpty(t, pb.requests(http.MethodPost, "/v1/oauth2/token"))
}

// TestPayPalServerErrorsAreRetriedAndRefusalsAreNot: a 500 from PayPal
// when starting to pay leaves the payment to get its order on the next
// page view, with the same request id (one order); a refund PayPal
// answers 500 is retried by its job with the same request id until PayPal
// takes it; a refund PayPal refuses (422: the capture was already given
// back at PayPal) is marked failed for staff and not retried.
func TestPayPalServerErrorsAreRetriedAndRefusalsAreNot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pb := paypalSetup(t, paypalOpts{})

	h, err := pb.booking.Hold(ctx, buyer, pb.show.ID, []string{"C4"})
	require.NoError(t, err)
	_, err = pb.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := pb.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	pb.pp.FailNext(1)
	_, err = pb.pay.Begin(ctx, req)
	require.ErrorIs(t, err, payments.ErrProvider, "the buyer is told to try again in a moment")
	ps, err := pb.pay.Payments(ctx, "", h.ID, 10, 0)
	require.NoError(t, err)
	require.Len(t, ps, 1)
	p := pb.payment(t, ps[0].ID) // the pay page asks again
	require.NotEmpty(t, p.ProviderID)
	creates := pb.requests(http.MethodPost, "/v2/checkout/orders")
	require.Len(t, creates, 2)
	require.Equal(t, creates[0].RequestID, creates[1].RequestID, "one request id for both tries")

	pb.approve(t, p)
	require.NoError(t, pb.pay.CapturePayPal(ctx, buyer, p.ID))
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "paid")

	// A refund PayPal first answers 500 twice.
	pb.pp.FailNext(2)
	half := p.Amount / 2
	r, err := pb.pay.AdminRefund(ctx, p.ID, half, "Sound failed", "n1", "staff@example.com")
	require.NoError(t, err)
	eventually(t, func() bool {
		var pid *string
		_ = pb.pool.QueryRow(ctx, "SELECT provider_id FROM payments.refunds WHERE payment_id = $1 AND amount_minor = $2", p.ID, half).Scan(&pid)
		return pid != nil
	}, "the refund gets through once PayPal answers")
	var tries []string
	for _, rq := range pb.requests(http.MethodPost, "/v2/payments/captures/") {
		tries = append(tries, rq.RequestID)
	}
	attempt, errs := pb.refundJob(t, r.ID)
	require.Equal(t, 3, attempt, "two failed tries and the one that took")
	require.Equal(t, 2, errs)
	require.NotEmpty(t, tries)
	for _, id := range tries {
		require.Equal(t, "refund:admin:"+strconv.FormatInt(p.ID, 10)+":n1", id, "every try carries the refund's request id")
	}
	require.Equal(t, "PARTIALLY_REFUNDED", pb.pp.Capture(p.ProviderID)["status"], "refunded once at PayPal")

	// The rest is given back on PayPal's side; our refund is then refused.
	captureID := pb.pp.Capture(p.ProviderID)["id"].(string)
	require.Equal(t, http.StatusCreated, pb.standinCall(t, http.MethodPost, "/v2/payments/captures/"+captureID+"/refund", map[string]any{}, nil))
	_, err = pb.pay.AdminRefund(ctx, p.ID, p.Amount-half, "Rest of it", "n2", "staff@example.com")
	require.NoError(t, err)
	var state, why string
	eventually(t, func() bool {
		_ = pb.pool.QueryRow(ctx, "SELECT state, error FROM payments.refunds WHERE payment_id = $1 AND amount_minor = $2",
			p.ID, p.Amount-half).Scan(&state, &why)
		return state == "failed"
	}, "the refused refund is failed for staff")
	require.Contains(t, why, "UNPROCESSABLE_ENTITY")
	require.Equal(t, 1, attemptsOfLastRefundJob(t, pb), "a refusal is not retried")
}

func attemptsOfLastRefundJob(t *testing.T, pb *paypalBundle) int {
	t.Helper()
	var n int
	require.NoError(t, pb.pool.QueryRow(context.Background(), `SELECT attempt FROM river.river_job
		WHERE kind = 'payments.send_refund' ORDER BY id DESC LIMIT 1`).Scan(&n))
	return n
}

// TestPayPalCaptureWhoseAnswerIsLostIsReconciled: PayPal takes the money
// but its answer to our capture never arrives. The buyer's page waits
// (the payment is processing, the buyer is not asked to pay again), and
// reconciliation asks PayPal for the order and confirms the booking, once,
// without capturing again.
func TestPayPalCaptureWhoseAnswerIsLostIsReconciled(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pb := paypalSetup(t, paypalOpts{proxied: true})
	h, id := pb.startPaying(t, "C6")
	p := pb.payment(t, id)
	pb.approve(t, p)
	pb.proxy.Next(faultproxy.Pass, faultproxy.Drop) // the order's GET, then the capture
	err := pb.pay.CapturePayPal(ctx, buyer, id)
	require.ErrorIs(t, err, payments.ErrProvider)
	require.Equal(t, payments.Processing, pb.payment(t, id).State, "the buyer's page waits for PayPal's word")
	require.Equal(t, "COMPLETED", pb.pp.Order(p.ProviderID)["status"], "PayPal took the money")
	require.NotEqual(t, booking.Confirmed, pb.status(t, h.ID))

	pb.later(3 * time.Minute)
	rep, err := pb.pay.Reconcile(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Payments, "the payment stuck in processing is asked about")
	require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "confirmed")
	require.Len(t, pb.requests(http.MethodPost, "/v2/checkout/orders/"+p.ProviderID+"/capture"), 1, "captured once")
	require.Equal(t, 1, pb.confirmations(t, h.ID))
}
