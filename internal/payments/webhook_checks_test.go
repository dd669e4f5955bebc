package payments_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// storedEvents counts the provider events payments kept.
func (b *bundle) storedEvents(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.events").Scan(&n))
	return n
}

// TestASignedEventOfTheWrongShapeIsRefused: an event Stripe signed but
// whose object payments cannot read (metadata.payment_id an array, an
// amount in words) answers 400, not a 500 Stripe would retry for days,
// and is not stored.
func TestASignedEventOfTheWrongShapeIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{provider: payments.ProviderStripe})
	h, id := b.startPaying(t, "B3")
	p := b.payment(t, id)
	for name, change := range map[string]func(o map[string]any){
		"payment_id is an array": func(o map[string]any) { o["metadata"] = map[string]any{"payment_id": []int64{p.ID}} },
		"amount is words":        func(o map[string]any) { o["amount"] = "ninety seven" },
		"metadata is a list":     func(o map[string]any) { o["metadata"] = []string{"payment_id"} },
	} {
		o := intentObject(p, "succeeded", nil)
		change(o)
		payload := stripeEvent("evt_odd_"+name, "payment_intent.succeeded", o)
		require.Equal(t, http.StatusBadRequest, b.deliver(t, payload, webhookSecret, time.Now()), name)
	}
	var notObject map[string]any
	require.NoError(t, json.Unmarshal(stripeEvent("evt_flat", "payment_intent.succeeded", nil), &notObject))
	notObject["data"] = map[string]any{"object": "pi_123"}
	payload, err := json.Marshal(notObject)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, b.deliver(t, payload, webhookSecret, time.Now()), "an object that is a string")

	require.Equal(t, 0, b.storedEvents(t), "nothing unreadable is stored")
	require.NotEqual(t, booking.Confirmed, b.status(t, h.ID))
}

// TestAnEventSignedInTheFutureIsRefusedLikeAStaleOne: a signature dated
// beyond the tolerance either way is refused (a replay kit cannot pre-date
// its events); a small clock difference is not.
func TestAnEventSignedInTheFutureIsRefusedLikeAStaleOne(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{provider: payments.ProviderStripe})
	h, id := b.startPaying(t, "B4")
	p := b.payment(t, id)
	succeeded := stripeEvent("evt_future", "payment_intent.succeeded", intentObject(p, "succeeded", nil))
	require.Equal(t, http.StatusBadRequest, b.deliver(t, succeeded, webhookSecret, time.Now().Add(time.Hour)), "an hour ahead")
	require.Equal(t, http.StatusBadRequest, b.deliver(t, succeeded, webhookSecret, time.Now().Add(6*time.Minute)), "six minutes ahead")
	require.Equal(t, 0, b.storedEvents(t))

	require.Equal(t, http.StatusOK, b.deliver(t, succeeded, webhookSecret, time.Now().Add(time.Minute)), "a clock a minute fast")
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the booking is confirmed")
}
