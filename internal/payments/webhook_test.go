package payments_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// stripeEvent is a Stripe event about the payment's intent.
func stripeEvent(id, typ string, object map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"id": id, "object": "event", "type": typ, "api_version": "2023-10-16",
		"created": time.Now().Unix(), "data": map[string]any{"object": object}})
	return b
}

func intentObject(p payments.Payment, status string, failure map[string]string) map[string]any {
	o := map[string]any{"id": p.ProviderID, "object": "payment_intent", "status": status, "amount": p.Amount,
		"currency": "gbp", "metadata": map[string]string{"payment_id": strconv.FormatInt(p.ID, 10)}}
	if failure != nil {
		o["last_payment_error"] = failure
	}
	return o
}

// deliver posts payload to the app's webhook endpoint as Stripe would,
// signed with secret at the given time, and returns the status (0 when the
// request failed; safe to call from several goroutines).
func (b *bundle) deliver(t *testing.T, payload []byte, secret string, at time.Time) int {
	t.Helper()
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at})
	req, err := http.NewRequest(http.MethodPost, b.srv.URL+"/webhooks/stripe", bytes.NewReader(payload))
	if err != nil {
		t.Errorf("webhook request: %v", err)
		return 0
	}
	req.Header.Set("Stripe-Signature", signed.Header)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("deliver webhook: %v", err)
		return 0
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode
}

func TestStripePaymentIntentIsCreatedOnStripeMock(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{provider: payments.ProviderStripe})
	_, id := b.startPaying(t, "A2")
	p := b.payment(t, id)
	require.Regexp(t, `^pi_`, p.ProviderID, "the intent made by Stripe is stored")
	require.NotEmpty(t, p.ClientSecret, "the Payment Element gets its client secret")
	require.Equal(t, payments.RequiresPayment, p.State)
}

// TestWebhooksInAnyOrderConfirmOnce delivers valid, forged and expired
// webhooks, each valid one three times, in shuffled orders: the payment
// always ends succeeded and the booking is confirmed exactly once.
func TestWebhooksInAnyOrderConfirmOnce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(3) {
		t.Run("order "+strconv.FormatUint(seed, 10), func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{provider: payments.ProviderStripe})
			h, id := b.startPaying(t, "A3", "A4")
			p := b.payment(t, id)
			valid := [][]byte{
				stripeEvent("evt_processing", "payment_intent.processing", intentObject(p, "processing", nil)),
				stripeEvent("evt_failed", "payment_intent.payment_failed", intentObject(p, "requires_payment_method",
					map[string]string{"code": "card_declined", "decline_code": "generic_decline", "message": "Your card was declined."})),
				stripeEvent("evt_succeeded", "payment_intent.succeeded", intentObject(p, "succeeded", nil)),
			}
			var deliveries [][]byte
			for range 3 {
				deliveries = append(deliveries, valid...)
			}
			rand.New(rand.NewPCG(seed, 42)).Shuffle(len(deliveries), func(i, j int) { deliveries[i], deliveries[j] = deliveries[j], deliveries[i] })

			forged := stripeEvent("evt_forged", "payment_intent.payment_failed", intentObject(p, "canceled", nil))
			require.Equal(t, http.StatusBadRequest, b.deliver(t, forged, "whsec_wrong", time.Now()), "a forged signature")
			require.Equal(t, http.StatusBadRequest, b.deliver(t, valid[2], webhookSecret, time.Now().Add(-10*time.Minute)), "a stale signature")
			for _, d := range deliveries {
				require.Equal(t, http.StatusOK, b.deliver(t, d, webhookSecret, time.Now()))
			}
			eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the booking is confirmed")
			var stored, pending int
			require.NoError(t, b.pool.QueryRow(context.Background(),
				"SELECT count(*), count(*) FILTER (WHERE applied_at IS NULL) FROM payments.events").Scan(&stored, &pending))
			require.Equal(t, 3, stored, "each event is stored once; forged and stale ones not at all")
			eventually(t, func() bool {
				_ = b.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.events WHERE applied_at IS NULL").Scan(&pending)
				return pending == 0
			}, "every event applied")
			require.Equal(t, payments.Succeeded, b.payment(t, id).State)
			require.Equal(t, 1, b.confirmations(t, h.ID), "confirmed exactly once")
		})
	}
}

func TestStripeRefundOnCancellation(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{provider: payments.ProviderStripe})
	ctx := context.Background()
	h, id := b.startPaying(t, "A5")
	p := b.payment(t, id)
	require.Equal(t, http.StatusOK, b.deliver(t, stripeEvent("evt_ok", "payment_intent.succeeded", intentObject(p, "succeeded", nil)), webhookSecret, time.Now()))
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "paid")

	_, err := b.booking.Cancel(ctx, buyer, h.ID)
	require.NoError(t, err)
	var refundID int64
	var providerID *string
	eventually(t, func() bool {
		err := b.pool.QueryRow(ctx, "SELECT id, provider_id FROM payments.refunds WHERE payment_id = $1", id).Scan(&refundID, &providerID)
		return err == nil && providerID != nil
	}, "the refund job asked Stripe (stripe-mock) for the refund")
	require.Regexp(t, `^re_`, *providerID)

	refund := map[string]any{"id": *providerID, "object": "refund", "status": "succeeded", "amount": p.Amount,
		"payment_intent": p.ProviderID, "metadata": map[string]string{"refund_id": strconv.FormatInt(refundID, 10)}}
	for range 2 {
		require.Equal(t, http.StatusOK, b.deliver(t, stripeEvent("evt_refund", "refund.updated", refund), webhookSecret, time.Now()))
	}
	eventually(t, func() bool { return b.payment(t, id).State == payments.Refunded }, "the refund's webhook moves the payment")
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Refunded }, "and the booking")
	require.Equal(t, p.Amount, b.payment(t, id).Refunded, "refunded once")
}
