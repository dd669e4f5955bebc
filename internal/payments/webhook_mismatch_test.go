package payments_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// TestASuccessForTheWrongAmountDoesNotConfirm: the provider reports money
// taken that is not the payment's amount or currency (1 USD for a GBP
// payment): the booking stays unconfirmed, the payment is held, and staff
// see it flagged on /admin/payments. The real success still confirms.
func TestASuccessForTheWrongAmountDoesNotConfirm(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(o map[string]any){
		"amount":   func(o map[string]any) { o["amount"] = 100 },
		"currency": func(o map[string]any) { o["currency"] = "usd" },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{provider: payments.ProviderStripe})
			h, id := b.startPaying(t, "B5", "B6")
			p := b.payment(t, id)
			wrong := intentObject(p, "succeeded", nil)
			change(wrong)
			require.Equal(t, http.StatusOK, b.deliver(t, stripeEvent("evt_wrong", "payment_intent.succeeded", wrong), webhookSecret, time.Now()))
			eventually(t, func() bool {
				var applied bool
				_ = b.pool.QueryRow(context.Background(),
					"SELECT applied_at IS NOT NULL FROM payments.events WHERE event_id = 'evt_wrong'").Scan(&applied)
				return applied
			}, "the event is applied")
			require.NotEqual(t, booking.Confirmed, b.status(t, h.ID), "the booking is not confirmed")
			require.NotEqual(t, payments.Succeeded, b.payment(t, id).State, "the payment is not marked paid")

			staff, _ := b.srv.SignedIn(t, "Staffer", account.Staff)
			res, page := staff.Get(t, "/admin/payments")
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Contains(t, page, "does not match", "staff see the mismatch flagged")
			require.Contains(t, page, `href="/admin/payments/`+strconv.FormatInt(id, 10)+`"`)

			right := stripeEvent("evt_right", "payment_intent.succeeded", intentObject(p, "succeeded", nil))
			require.Equal(t, http.StatusOK, b.deliver(t, right, webhookSecret, time.Now()))
			eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the real success confirms")
			require.Equal(t, 1, b.confirmations(t, h.ID))
		})
	}
}
