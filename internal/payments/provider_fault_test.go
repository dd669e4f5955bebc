package payments_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/check"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/faultproxy"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// faultSetup is setup with Stripe behind a fault proxy: the app's
// STRIPE_API_BASE is the proxy, which passes to stripe-mock.
func faultSetup(t *testing.T) (*bundle, *faultproxy.Proxy) {
	t.Helper()
	proxy := faultproxy.NewHTTP(t, stripeMockURL)
	b := &bundle{pool: pgtest.New(t)}
	b.srv = apptest.New(t, apptest.Options{Pool: b.pool, Env: map[string]string{"PAYMENT_PROVIDER": payments.ProviderStripe,
		"STRIPE_SECRET_KEY": "sk_test_123", "STRIPE_PUBLISHABLE_KEY": "pk_test_123",
		"STRIPE_WEBHOOK_SECRET": webhookSecret, "STRIPE_API_BASE": proxy.URL}})
	b.booking, b.pay = b.srv.Booking, b.srv.Payments
	b.show = catalogtest.Show(t, b.srv.Catalog, catalogtest.ShowOptions{Title: "Faulty Line"})
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
	return b, proxy
}

// rounds is CHAOS_ROUNDS (1 unless set): how many times each fault runs.
func rounds(t *testing.T) int {
	n, err := strconv.Atoi(os.Getenv("CHAOS_ROUNDS"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// keys lists the Idempotency-Key of each request that reached the proxy
// for path.
func keys(proxy *faultproxy.Proxy, path string) []string {
	var out []string
	for _, s := range proxy.Seen() {
		if s.Method == http.MethodPost && s.Path == path {
			out = append(out, s.IdempotencyKey)
		}
	}
	return out
}

// paidByStripe takes a booking through Stripe to confirmed, the success event
// delivered twice (as Stripe may), and returns it with its payment.
func (b *bundle) paidByStripe(t *testing.T, seat string) (booking.Booking, payments.Payment) {
	t.Helper()
	h, id := b.startPaying(t, seat)
	p := b.payment(t, id)
	event := stripeEvent("evt_paid_"+seat, "payment_intent.succeeded", intentObject(p, "succeeded", nil))
	for range 2 {
		require.Equal(t, http.StatusOK, b.deliver(t, event, webhookSecret, time.Now()))
	}
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "paid")
	return h, b.payment(t, id)
}

// refundJob is the attempts and recorded errors of the payment's refund job.
func (b *bundle) refundJob(t *testing.T, refundID int64) (attempt, errs int) {
	t.Helper()
	err := b.pool.QueryRow(context.Background(), `SELECT attempt, coalesce(array_length(errors, 1), 0) FROM river.river_job
		WHERE kind = 'payments.send_refund' AND (args->>'refund_id')::bigint = $1`, refundID).Scan(&attempt, &errs)
	require.NoError(t, err)
	return attempt, errs
}

// TestStripeFaultsOnARefundAreRetriedAndRefundOnce cancels a paid booking
// while Stripe answers 500, cuts its answers halfway, answers slowly, or
// the network delivers the refund request twice or loses Stripe's answer
// to it. The refund job retries
// until Stripe takes it, every try with the same idempotency key (one
// refund at Stripe), staff see the failure on the payment's page while
// it lasts, and the money is returned once.
func TestStripeFaultsOnARefundAreRetriedAndRefundOnce(t *testing.T) {
	t.Parallel()
	for _, fault := range []faultproxy.Fault{faultproxy.Error, faultproxy.Cut, faultproxy.Slow, faultproxy.Twice, faultproxy.Drop} {
		t.Run(fault.String(), func(t *testing.T) {
			t.Parallel()
			b, proxy := faultSetup(t)
			staff, _ := b.srv.SignedIn(t, "Staff", account.Staff)
			for round := range rounds(t) {
				refundThrough(t, b, proxy, staff, fault, fmt.Sprintf("A%d", round+1))
			}
			findings, err := check.Run(context.Background(), b.pool, check.Options{})
			require.NoError(t, err)
			require.Empty(t, findings)
		})
	}
}

func refundThrough(t *testing.T, b *bundle, proxy *faultproxy.Proxy, staff interface {
	Get(testing.TB, string, ...string) (*http.Response, string)
}, fault faultproxy.Fault, seat string) {
	ctx := context.Background()
	h, p := b.paidByStripe(t, seat)
	before := len(keys(proxy, "/v1/refunds"))
	lasting := fault == faultproxy.Error || fault == faultproxy.Cut
	if lasting {
		proxy.Set(fault) // Stripe keeps failing until healed below
	} else {
		proxy.Next(fault)
	}
	_, err := b.booking.Cancel(ctx, buyer, h.ID)
	require.NoError(t, err)
	var refundID int64
	eventually(t, func() bool {
		return b.pool.QueryRow(ctx, "SELECT id FROM payments.refunds WHERE payment_id = $1", p.ID).Scan(&refundID) == nil
	}, "the cancellation records a refund")

	page := fmt.Sprintf("/admin/payments/%d", p.ID)
	if lasting {
		eventually(t, func() bool { attempt, errs := b.refundJob(t, refundID); return attempt >= 2 && errs >= 1 },
			"the refund job fails and is retried")
		eventually(t, func() bool {
			res, body := staff.Get(t, page)
			return res.StatusCode == http.StatusOK && containsAll(body, "pending", "field__error", "retrying")
		}, "staff see on the payment's page that the refund is failing")
		proxy.Set(faultproxy.Pass)
	}
	var providerID *string
	eventually(t, func() bool {
		return b.pool.QueryRow(ctx, "SELECT provider_id FROM payments.refunds WHERE id = $1", refundID).Scan(&providerID) == nil &&
			providerID != nil
	}, "Stripe takes the refund once the fault is over")
	require.Greater(t, len(keys(proxy, "/v1/refunds")), before, "the refund went through the proxy")
	requireOneKeySince(t, proxy, "/v1/refunds", before)

	refund := map[string]any{"id": *providerID, "object": "refund", "status": "succeeded", "amount": p.Amount,
		"payment_intent": p.ProviderID, "metadata": map[string]string{"refund_id": strconv.FormatInt(refundID, 10)}}
	event := stripeEvent("evt_refund_"+seat, "refund.updated", refund)
	for range 2 {
		require.Equal(t, http.StatusOK, b.deliver(t, event, webhookSecret, time.Now()))
	}
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Refunded }, "the booking is refunded")
	got := b.payment(t, p.ID)
	require.Equal(t, payments.Refunded, got.State)
	require.Equal(t, p.Amount, got.Refunded, "refunded once")
	var n int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM payments.refunds WHERE payment_id = $1", p.ID).Scan(&n))
	require.Equal(t, 1, n, "one refund row")
	_, body := staff.Get(t, page)
	require.NotContains(t, body, "retrying", "the failure is gone from the page once the refund went through")
	require.Equal(t, 1, b.confirmations(t, h.ID), "confirmed once")
}

// requireOneKeySince is requireOneKey for the requests after the first skip.
func requireOneKeySince(t *testing.T, proxy *faultproxy.Proxy, path string, skip int) {
	t.Helper()
	ks := keys(proxy, path)[skip:]
	for _, k := range ks {
		require.NotEmpty(t, k, "a request for %s without an idempotency key", path)
		require.Equal(t, ks[0], k, "tries of one refund with different idempotency keys: %v", ks)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// TestStripeFaultsWhenStartingAPayment starts paying while Stripe fails
// in each way (Drop: Stripe made the intent, its answer was lost; stripe-go
// asks again with the same key). The buyer's request ends by its deadline even when Stripe
// never answers; opening the pay page again creates the intent; every
// try carries the payment's idempotency key (one PaymentIntent), and the
// payment ends succeeded once.
func TestStripeFaultsWhenStartingAPayment(t *testing.T) {
	t.Parallel()
	for _, fault := range []faultproxy.Fault{faultproxy.Error, faultproxy.Hang, faultproxy.Cut, faultproxy.Slow, faultproxy.Twice, faultproxy.Drop} {
		t.Run(fault.String(), func(t *testing.T) {
			t.Parallel()
			b, proxy := faultSetup(t)
			for round := range rounds(t) {
				payThrough(t, b, proxy, fault, fmt.Sprintf("B%d", round+1))
			}
			findings, err := check.Run(context.Background(), b.pool, check.Options{})
			require.NoError(t, err)
			require.Empty(t, findings)
		})
	}
}

func payThrough(t *testing.T, b *bundle, proxy *faultproxy.Proxy, fault faultproxy.Fault, seat string) {
	ctx := context.Background()
	h, err := b.booking.Hold(ctx, buyer, b.show.ID, []string{seat})
	require.NoError(t, err)
	_, err = b.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := b.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	before := len(keys(proxy, "/v1/payment_intents"))
	// A cut connection as many times as stripe-go tries a request (it
	// retries network failures twice itself), so the failure reaches us;
	// it retries neither a 500 to a POST nor a call past its deadline.
	proxy.Next(fault)
	if fault == faultproxy.Cut {
		proxy.Next(fault, fault)
	}
	// A request's deadline, as the server gives each request.
	reqCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { _, err := b.pay.Begin(reqCtx, req); done <- err }()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("starting a payment ignored the request's deadline while Stripe did not answer")
	}
	if fault == faultproxy.Error || fault == faultproxy.Hang || fault == faultproxy.Cut {
		require.ErrorIs(t, err, payments.ErrProvider, "the buyer is told the provider failed")
	} else {
		require.NoError(t, err)
	}
	proxy.Set(faultproxy.Pass)
	ps, err := b.pay.Payments(ctx, "", h.ID, 10, 0)
	require.NoError(t, err)
	require.Len(t, ps, 1, "one payment for the booking")
	p := b.payment(t, ps[0].ID) // the pay page: creates the intent if it is missing
	require.Regexp(t, `^pi_`, p.ProviderID)
	ks := keys(proxy, "/v1/payment_intents")[before:]
	for _, k := range ks {
		require.Equal(t, fmt.Sprintf("booking-%d-attempt-1", h.ID), k, "every try of the intent carries the payment's key: %v", ks)
	}
	event := stripeEvent("evt_paid_"+seat, "payment_intent.succeeded", intentObject(p, "succeeded", nil))
	for range 2 {
		require.Equal(t, http.StatusOK, b.deliver(t, event, webhookSecret, time.Now()))
	}
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "paid")
	require.Equal(t, 1, b.confirmations(t, h.ID))
	var succeeded int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM payments.payments WHERE booking_id = $1 AND state = 'succeeded'",
		h.ID).Scan(&succeeded))
	require.Equal(t, 1, succeeded, "exactly one payment succeeded")
}
