package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStripeWebhookRouteIsSignatureChecked: the webhook needs no session
// or CSRF token (Stripe has neither), but an unsigned one is refused.
func TestStripeWebhookRouteIsSignatureChecked(t *testing.T) {
	t.Parallel()
	b := setup(t)
	req, _ := http.NewRequest(http.MethodPost, b.server+"/webhooks/stripe",
		strings.NewReader(`{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1"}}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Stripe-Signature", "t=1,v1=forged")
	res, body := do(t, req)
	require.Equal(t, http.StatusBadRequest, res.StatusCode, "refused for its signature, not for CSRF")
	require.Contains(t, body, "invalid signature")
}

func TestPaymentPagesNeedTheRightPerson(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, path := range []string{"/pay/1", "/admin/payments", "/admin/webhooks"} {
		res, _ := b.get(t, path)
		require.NotEqual(t, http.StatusOK, res.StatusCode, path+" is not for visitors")
	}
}
