package payments_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/payments/paypalstandin"
	"github.com/marqueehq/marquee/internal/platform/faultproxy"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

const (
	paypalClientID  = "AZpaypal-client-id"
	paypalSecret    = "EJpaypal-secret"
	paypalWebhookID = "1JE4291016473214C"
)

// paypalBundle is the app taking payments with PayPal, PAYPAL_API_BASE
// pointing at a stand-in (through a fault proxy when asked), with a clock
// the test moves.
type paypalBundle struct {
	*bundle
	pp    *paypalstandin.Server
	proxy *faultproxy.Proxy
	skew  atomic.Int64
}

type paypalOpts struct {
	// proxied puts a fault proxy between the app and the stand-in.
	proxied bool
	// secret is PAYPAL_SECRET (paypalSecret when empty).
	secret string
	// lagging holds seats for a minute (HOLD_TTL) with the app's clock two
	// minutes behind; catchUp then runs the hold out by the app's clock
	// and the database's alike.
	lagging bool
}

func paypalSetup(t *testing.T, o paypalOpts) *paypalBundle {
	t.Helper()
	pb := &paypalBundle{pp: paypalstandin.Start(paypalClientID, paypalSecret, paypalWebhookID)}
	t.Cleanup(pb.pp.Close)
	base := pb.pp.URL
	if o.proxied {
		pb.proxy = faultproxy.NewHTTP(t, pb.pp.URL)
		base = pb.proxy.URL
	}
	if o.secret == "" {
		o.secret = paypalSecret
	}
	env := map[string]string{
		"PAYMENT_PROVIDER": payments.ProviderPayPal, "PAYPAL_CLIENT_ID": paypalClientID, "PAYPAL_SECRET": o.secret,
		"PAYPAL_WEBHOOK_ID": paypalWebhookID, "PAYPAL_API_BASE": base, "PAYPAL_SDK_URL": pb.pp.SDKURL}
	if o.lagging {
		env["HOLD_TTL"] = time.Minute.String()
		pb.skew.Store(int64(-2 * time.Minute))
	}
	b := &bundle{pool: pgtest.New(t)}
	b.srv = apptest.New(t, apptest.Options{Pool: b.pool, Now: pb.now, Env: env})
	b.booking, b.pay = b.srv.Booking, b.srv.Payments
	b.show = catalogtest.Show(t, b.srv.Catalog, catalogtest.ShowOptions{Title: "Pay Pal Pictures"})
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
	pb.bundle = b
	return pb
}

// now is the app's clock: the real one moved by later.
func (pb *paypalBundle) now() time.Time { return time.Now().Add(time.Duration(pb.skew.Load())) }

// catchUp sets the app's clock right (see paypalOpts.lagging).
func (pb *paypalBundle) catchUp() { pb.skew.Store(0) }

// later moves the app's clock forward by d.
func (pb *paypalBundle) later(d time.Duration) { pb.skew.Add(int64(d)) }

// send delivers a PayPal event to the app's webhook, signed by the
// stand-in as PayPal signs (a new transmission each time).
func (pb *paypalBundle) send(t *testing.T, event []byte) int {
	t.Helper()
	status, err := pb.pp.Deliver(context.Background(), pb.srv.URL+"/webhooks/paypal", event)
	require.NoError(t, err)
	return status
}

// captureResource is the capture of p's order as PAYMENT.CAPTURE.* events
// carry it, for value (a PayPal decimal string) of p's currency.
func captureResource(p payments.Payment, status, value string) map[string]any {
	return map[string]any{"id": "3C" + strconv.FormatInt(p.ID, 10) + "X", "status": status,
		"amount":    map[string]string{"currency_code": strings.ToUpper(p.Currency), "value": value},
		"custom_id": strconv.FormatInt(p.ID, 10), "invoice_id": fmt.Sprintf("booking-%d-attempt-%d", p.BookingID, p.Attempt),
		"final_capture": true, "supplementary_data": map[string]any{"related_ids": map[string]string{"order_id": p.ProviderID}},
		"status_details": map[string]string{"reason": "DECLINED_BY_RISK_FRAUD_FILTERS"}}
}

// value writes minor units as PayPal does for a two-decimal currency.
func value(minor int64) string { return fmt.Sprintf("%d.%02d", minor/100, minor%100) }

// approve approves p's order at the stand-in, as its buyer would in
// PayPal's window.
func (pb *paypalBundle) approve(t *testing.T, p payments.Payment) {
	t.Helper()
	require.True(t, pb.pp.Approve(p.ProviderID), "order %s approved", p.ProviderID)
}

// paidWithPayPal takes a booking through PayPal to confirmed (approved,
// captured as the buyer's page does) and returns it with its payment.
func (pb *paypalBundle) paidWithPayPal(t *testing.T, seats ...string) (int64, payments.Payment) {
	t.Helper()
	h, id := pb.startPaying(t, seats...)
	pb.approve(t, pb.payment(t, id))
	require.NoError(t, pb.pay.CapturePayPal(context.Background(), buyer, id))
	require.Equal(t, payments.Succeeded, pb.payment(t, id).State)
	eventually(t, func() bool { return pb.status(t, h.ID) == "confirmed" }, "paid with PayPal")
	return h.ID, pb.payment(t, id)
}

// requests lists the stand-in's calls to method and a path starting
// with prefix.
func (pb *paypalBundle) requests(method, prefix string) []paypalstandin.Request {
	var out []paypalstandin.Request
	for _, r := range pb.pp.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// standinCall calls the stand-in's API as another PayPal client would (the
// merchant's dashboard, PayPal itself) and decodes the answer into v.
func (pb *paypalBundle) standinCall(t *testing.T, method, path string, body any, v any) int {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequest(http.MethodPost, pb.pp.URL+"/v1/oauth2/token", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.SetBasicAuth(paypalClientID, paypalSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.Equal(t, http.StatusOK, doJSON(t, req, &tok))
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	req, err = http.NewRequest(method, pb.pp.URL+path, strings.NewReader(string(raw)))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Content-Type", "application/json")
	return doJSON(t, req, v)
}

func doJSON(t *testing.T, req *http.Request, v any) int {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	if v != nil {
		_ = json.NewDecoder(res.Body).Decode(v)
	}
	return res.StatusCode
}

// refundOf is the payment's single refund: its id, state and PayPal's id.
func (pb *paypalBundle) refundOf(t *testing.T, paymentID int64) (id int64, state string, providerID *string) {
	t.Helper()
	err := pb.pool.QueryRow(context.Background(), "SELECT id, state, provider_id FROM payments.refunds WHERE payment_id = $1",
		paymentID).Scan(&id, &state, &providerID)
	if err != nil {
		return 0, "", nil
	}
	return id, state, providerID
}

// refundResource is PayPal's refund as PAYMENT.CAPTURE.REFUNDED carries
// it: invoice_id carries our refund id.
func refundResource(providerID string, refundID, amount int64, status string) map[string]any {
	return map[string]any{"id": providerID, "status": status,
		"amount":     map[string]string{"currency_code": "GBP", "value": value(amount)},
		"invoice_id": "refund-" + strconv.FormatInt(refundID, 10), "note_to_payer": "Refunded by the cinema"}
}
