package payments_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/payments/razorpaystandin"
	"github.com/marqueehq/marquee/internal/platform/faultproxy"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

const (
	rzpKeyID         = "rzp_test_marquee01"
	rzpKeySecret     = "rzp_key_secret_for_tests"
	rzpWebhookSecret = "rzp_webhook_secret_for_tests"
)

type rzpOpts struct {
	// proxy puts a fault proxy between the app and the stand-in's API.
	proxy bool
	// keySecret is the app's RAZORPAY_KEY_SECRET (the account's when "").
	keySecret string
	holdTTL   time.Duration
	now       func() time.Time
}

// rzpBundle is bundle with Razorpay, the app's default provider, played
// by the stand-in (behind a fault proxy when asked).
type rzpBundle struct {
	*bundle
	rzp   *razorpaystandin.Server
	proxy *faultproxy.Proxy
}

// razorpaySetup starts the stand-in and the app with RAZORPAY_* pointing
// at it, and works the app's jobs.
func razorpaySetup(t *testing.T, o rzpOpts) *rzpBundle {
	t.Helper()
	rzp := razorpaystandin.New(razorpaystandin.Options{KeyID: rzpKeyID, KeySecret: rzpKeySecret, WebhookSecret: rzpWebhookSecret})
	ts := httptest.NewServer(rzp)
	t.Cleanup(ts.Close)
	rb := &rzpBundle{bundle: &bundle{pool: pgtest.New(t)}, rzp: rzp}
	api := ts.URL
	if o.proxy {
		rb.proxy = faultproxy.NewHTTP(t, ts.URL)
		api = rb.proxy.URL
	}
	if o.keySecret == "" {
		o.keySecret = rzpKeySecret
	}
	env := map[string]string{"PAYMENT_PROVIDER": payments.ProviderRazorpay, "RAZORPAY_KEY_ID": rzpKeyID,
		"RAZORPAY_KEY_SECRET": o.keySecret, "RAZORPAY_WEBHOOK_SECRET": rzpWebhookSecret, "RAZORPAY_API_BASE": api,
		"RAZORPAY_CHECKOUT_URL": razorpaystandin.CheckoutURL(ts.URL)}
	if o.holdTTL != 0 {
		env["HOLD_TTL"] = o.holdTTL.String()
	}
	b := rb.bundle
	b.srv = apptest.New(t, apptest.Options{Pool: b.pool, Now: o.now, Env: env})
	b.booking, b.pay = b.srv.Booking, b.srv.Payments
	b.show = catalogtest.Show(t, b.srv.Catalog, catalogtest.ShowOptions{Title: "Monsoon Matinee"})
	var err error
	b.client, err = jobs.New(b.pool, jobs.Options{Workers: b.srv.Workers(), RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(context.Background())
	require.NoError(t, b.client.Start(runCtx))
	t.Cleanup(func() {
		cancel()
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = b.client.Stop(stopCtx)
	})
	return rb
}

// deliverRzp posts a webhook as Razorpay does, signed with the account's
// webhook secret, and returns the answer's status.
func (rb *rzpBundle) deliverRzp(t *testing.T, e razorpaystandin.Event) int {
	t.Helper()
	status, err := rb.rzp.Deliver(context.Background(), rb.srv.URL+"/webhooks/razorpay", e)
	require.NoError(t, err)
	return status
}

// paidInCheckout has the buyer pay the payment's order in checkout and
// returns the webhook of the capture.
func (rb *rzpBundle) paidInCheckout(t *testing.T, id int64) (razorpaystandin.CheckoutResult, razorpaystandin.Event) {
	t.Helper()
	res, err := rb.rzp.Pay(rb.payment(t, id).ProviderID, "upi")
	require.NoError(t, err)
	e, err := rb.rzp.PaymentEvent("payment.captured", res.PaymentID)
	require.NoError(t, err)
	return res, e
}

// confirmedOnce waits for the booking to be confirmed and checks it was
// confirmed exactly once.
func (rb *rzpBundle) confirmedOnce(t *testing.T, bookingID int64) {
	t.Helper()
	eventually(t, func() bool { return rb.status(t, bookingID) == booking.Confirmed }, "the booking is confirmed")
	require.Equal(t, 1, rb.confirmations(t, bookingID), "confirmed exactly once")
}

// rzpEvents counts the Razorpay events stored, and those not applied yet.
func (rb *rzpBundle) rzpEvents(t *testing.T) (stored, pending int) {
	t.Helper()
	require.NoError(t, rb.pool.QueryRow(context.Background(), `SELECT count(*), count(*) FILTER (WHERE applied_at IS NULL)
		FROM payments.events WHERE provider = 'razorpay'`).Scan(&stored, &pending))
	return stored, pending
}

// requestsTo lists the stand-in's recorded API calls to method and path.
func (rb *rzpBundle) requestsTo(method, path string) []razorpaystandin.Request {
	var out []razorpaystandin.Request
	for _, r := range rb.rzp.Requests() {
		if r.Method == method && r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// paymentIDOf reads the payment id of a pay page's path (/pay/42).
func paymentIDOf(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	_, err := fmt.Sscanf(path, "/pay/%d", &id)
	require.NoError(t, err)
	return id
}

// startPayingAs is startPaying for another buyer than the default one.
func (b *bundle) startPayingAs(t *testing.T, userID int64, seats ...string) (booking.Booking, int64) {
	t.Helper()
	ctx := context.Background()
	h, err := b.booking.Hold(ctx, userID, b.show.ID, seats)
	require.NoError(t, err)
	_, err = b.booking.Checkout(ctx, userID, h.ID)
	require.NoError(t, err)
	req, err := b.booking.StartPayment(ctx, userID, h.ID)
	require.NoError(t, err)
	path, err := b.pay.Begin(ctx, req)
	require.NoError(t, err)
	return h, paymentIDOf(t, path)
}

// statusAs is the booking's status as its buyer userID sees it.
func (b *bundle) statusAs(t *testing.T, userID, bookingID int64) booking.Status {
	t.Helper()
	bk, err := b.booking.Booking(context.Background(), userID, bookingID)
	require.NoError(t, err)
	return bk.Status
}
