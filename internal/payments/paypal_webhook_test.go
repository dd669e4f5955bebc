package payments_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/payments/paypalstandin"
)

// TestPayPalWebhooksAreVerifiedByPayPal: a delivery counts only when
// PayPal's verify-webhook-signature says SUCCESS for our webhook id and
// its very body; forged, tampered and unsigned deliveries are refused
// with 400 and change nothing, and when PayPal cannot be asked the answer
// is a 5xx (PayPal delivers again).
func TestPayPalWebhooksAreVerifiedByPayPal(t *testing.T) {
	t.Parallel()
	pb := paypalSetup(t, paypalOpts{})
	ctx := context.Background()
	h, id := pb.startPaying(t, "B1")
	p := pb.payment(t, id)
	url := pb.srv.URL + "/webhooks/paypal"
	event := pb.pp.Event("PAYMENT.CAPTURE.COMPLETED", captureResource(p, "COMPLETED", value(p.Amount)))

	headers := pb.pp.Sign(event)
	forged := headers.Clone()
	forged.Set("PAYPAL-TRANSMISSION-SIG", "Zm9yZ2Vk")
	status, err := paypalstandin.Post(ctx, url, event, forged)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, status, "a forged signature")

	tampered := []byte(string(event[:len(event)-1]) + `,"extra":1}`)
	status, err = paypalstandin.Post(ctx, url, tampered, headers)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, status, "a body other than the one signed")

	before := len(pb.requests(http.MethodPost, "/v1/notifications/verify-webhook-signature"))
	for _, h := range []string{"PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-CERT-URL", "PAYPAL-AUTH-ALGO", "PAYPAL-TRANSMISSION-TIME"} {
		missing := pb.pp.Sign(event)
		missing.Del(h)
		status, err = paypalstandin.Post(ctx, url, event, missing)
		require.NoError(t, err)
		require.Equal(t, http.StatusBadRequest, status, "without %s", h)
	}
	require.Len(t, pb.requests(http.MethodPost, "/v1/notifications/verify-webhook-signature"), before,
		"PayPal is not asked about a delivery missing its headers")

	pb.pp.FailNext(1)
	status, err = paypalstandin.Post(ctx, url, event, pb.pp.Sign(event))
	require.NoError(t, err)
	require.GreaterOrEqual(t, status, 500, "PayPal could not be asked: PayPal is to deliver again")
	var stored int
	require.NoError(t, pb.pool.QueryRow(ctx, "SELECT count(*) FROM payments.events").Scan(&stored))
	require.Zero(t, stored, "nothing unverified is stored")
	require.NotEqual(t, booking.Confirmed, pb.status(t, h.ID))

	require.Equal(t, http.StatusOK, pb.send(t, event), "PayPal's own delivery")
	eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "confirmed")
	verify := pb.requests(http.MethodPost, "/v1/notifications/verify-webhook-signature")
	var asked struct {
		WebhookID      string          `json:"webhook_id"`
		TransmissionID string          `json:"transmission_id"`
		AuthAlgo       string          `json:"auth_algo"`
		Event          json.RawMessage `json:"webhook_event"`
	}
	require.NoError(t, json.Unmarshal(verify[len(verify)-1].Body, &asked))
	require.Equal(t, paypalWebhookID, asked.WebhookID, "verified against our webhook id")
	require.Equal(t, "SHA256withRSA", asked.AuthAlgo)
	require.JSONEq(t, string(event), string(asked.Event), "PayPal is asked about the very event received")
	require.Regexp(t, `^Bearer `, verify[len(verify)-1].Auth)

	require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("CUSTOMER.DISPUTE.CREATED", map[string]any{"dispute_id": "PP-D-1"})),
		"an event payments has no use for is accepted")
	require.NoError(t, pb.pool.QueryRow(ctx, "SELECT count(*) FROM payments.events").Scan(&stored))
	require.Equal(t, 1, stored, "and not stored")
}

// TestPayPalWebhooksInAnyOrderConfirmOnce delivers PayPal's events about
// one order (approved, a denied capture, a completed one), each three
// times, in shuffled orders: the payment always ends succeeded, each event
// is stored once and the booking is confirmed exactly once.
func TestPayPalWebhooksInAnyOrderConfirmOnce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(3) {
		t.Run("order "+strconv.FormatUint(seed, 10), func(t *testing.T) {
			t.Parallel()
			pb := paypalSetup(t, paypalOpts{})
			h, id := pb.startPaying(t, "B2", "B3")
			p := pb.payment(t, id)
			order := pb.pp.Order(p.ProviderID)
			order["status"] = "APPROVED"
			valid := [][]byte{
				pb.pp.Event("CHECKOUT.ORDER.APPROVED", order),
				pb.pp.Event("PAYMENT.CAPTURE.DENIED", captureResource(p, "DECLINED", value(p.Amount))),
				pb.pp.Event("PAYMENT.CAPTURE.COMPLETED", captureResource(p, "COMPLETED", value(p.Amount))),
			}
			var deliveries [][]byte
			for range 3 {
				deliveries = append(deliveries, valid...)
			}
			rand.New(rand.NewPCG(seed, 42)).Shuffle(len(deliveries), func(i, j int) { deliveries[i], deliveries[j] = deliveries[j], deliveries[i] })
			for _, d := range deliveries {
				require.Equal(t, http.StatusOK, pb.send(t, d))
			}
			eventually(t, func() bool { return pb.status(t, h.ID) == booking.Confirmed }, "the booking is confirmed")
			eventually(t, func() bool {
				var pending int
				_ = pb.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.events WHERE applied_at IS NULL").Scan(&pending)
				return pending == 0
			}, "every event applied")
			var stored int
			require.NoError(t, pb.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.events WHERE provider = 'paypal'").Scan(&stored))
			require.Equal(t, 3, stored, "each event is stored once")
			require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
			require.Equal(t, 1, pb.confirmations(t, h.ID), "confirmed exactly once")
		})
	}
}

// TestPayPalMoneyForTheWrongAmountDoesNotConfirm: PayPal reports a capture
// of another amount than the payment's, by its webhook or in its answer to
// our capture: the booking stays unconfirmed, the payment is not marked
// paid, and staff see it flagged.
func TestPayPalMoneyForTheWrongAmountDoesNotConfirm(t *testing.T) {
	t.Parallel()
	for _, via := range []string{"webhook", "capture"} {
		t.Run(via, func(t *testing.T) {
			t.Parallel()
			pb := paypalSetup(t, paypalOpts{})
			h, id := pb.startPaying(t, "B5", "B6")
			p := pb.payment(t, id)
			if via == "webhook" {
				require.Equal(t, http.StatusOK, pb.send(t, pb.pp.Event("PAYMENT.CAPTURE.COMPLETED", captureResource(p, "COMPLETED", "1.00"))))
				eventually(t, func() bool {
					var applied bool
					_ = pb.pool.QueryRow(context.Background(), "SELECT bool_and(applied_at IS NOT NULL) FROM payments.events").Scan(&applied)
					return applied
				}, "the event is applied")
			} else {
				pb.pp.CaptureValue("1.00")
				pb.approve(t, p)
				require.NoError(t, pb.pay.CapturePayPal(context.Background(), buyer, id))
			}
			require.NotEqual(t, booking.Confirmed, pb.status(t, h.ID), "the booking is not confirmed")
			require.NotEqual(t, payments.Succeeded, pb.payment(t, id).State, "the payment is not marked paid")
			staff, _ := pb.srv.SignedIn(t, "Staffer", account.Staff)
			res, page := staff.Get(t, "/admin/payments")
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Contains(t, page, "does not match", "staff see the mismatch flagged")
			require.Contains(t, page, `href="/admin/payments/`+strconv.FormatInt(id, 10)+`"`)
			require.Zero(t, pb.confirmations(t, h.ID))
		})
	}
}
