package config_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/config"
)

func TestProviderKeysComeAllTogetherOrNotAtAll(t *testing.T) {
	t.Parallel()
	_, err := config.Load(env(map[string]string{"RAZORPAY_KEY_ID": "rzp_test_1"}))
	require.ErrorContains(t, err, "RAZORPAY_KEY_SECRET")
	_, err = config.Load(env(map[string]string{"PAYPAL_CLIENT_ID": "id", "PAYPAL_SECRET": "s"}))
	require.ErrorContains(t, err, "PAYPAL_WEBHOOK_ID")
	_, err = config.Load(env(map[string]string{"PAYMENT_PROVIDER": "razorpay"}))
	require.ErrorContains(t, err, "razorpay needs RAZORPAY_KEY_ID", "a default provider needs its keys")
	_, err = config.Load(env(map[string]string{"RAZORPAY_API_BASE": "api.razorpay.com"}))
	require.ErrorContains(t, err, "RAZORPAY_API_BASE: must be an http(s) address")
}

func TestThePagesMayLoadTheEnabledProvidersCheckouts(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(env(nil))
	require.NoError(t, err)
	require.Empty(t, cfg.PaymentOrigins(), "no provider keys, no extra origins")

	cfg, err = config.Load(env(map[string]string{"RAZORPAY_KEY_ID": "rzp_test_1", "RAZORPAY_KEY_SECRET": "s",
		"RAZORPAY_WEBHOOK_SECRET": "w", "PAYPAL_CLIENT_ID": "id", "PAYPAL_SECRET": "s", "PAYPAL_WEBHOOK_ID": "wh"}))
	require.NoError(t, err)
	require.Equal(t, []string{"https://*.paypal.com", "https://*.paypalobjects.com", "https://*.razorpay.com"},
		cfg.PaymentOrigins(), "the real checkouts' hosts, as their CSP guides list them")

	cfg, err = config.Load(env(map[string]string{"RAZORPAY_KEY_ID": "rzp_test_1", "RAZORPAY_KEY_SECRET": "s",
		"RAZORPAY_WEBHOOK_SECRET": "w", "RAZORPAY_API_BASE": "http://127.0.0.1:4010",
		"RAZORPAY_CHECKOUT_URL": "http://127.0.0.1:4010/v1/checkout.js"}))
	require.NoError(t, err)
	require.Equal(t, []string{"http://127.0.0.1:4010"}, cfg.PaymentOrigins(), "a stand-in is its one origin")
}
