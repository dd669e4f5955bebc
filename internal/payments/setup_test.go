package payments_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// stripeMockURL is the stripe-mock this test binary started.
var stripeMockURL string

// TestMain starts stripe-mock (go tool stripe-mock) on a free port for the
// Stripe tests. The child is tied to this thread (locked to the main
// goroutine) and killed when the test binary exits.
func TestMain(m *testing.M) {
	runtime.LockOSThread()
	url, err := startStripeMock()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stripe-mock:", err)
		os.Exit(1)
	}
	stripeMockURL = url
	pgtest.Main(m)
}

func startStripeMock() (string, error) {
	out, err := exec.Command("go", "tool", "-n", "stripe-mock").Output()
	if err != nil {
		return "", fmt.Errorf("find stripe-mock: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	// Its HTTPS listener takes a free port too, so test binaries running
	// side by side (payments, chaos) never fight over 12112.
	cmd := exec.Command(strings.TrimSpace(string(out)), "-http-addr", addr, "-https-addr", "127.0.0.1:")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start stripe-mock: %w", err)
	}
	url := "http://" + addr
	// It answers once it has loaded its OpenAPI fixtures: on a busy machine
	// (another test run beside this one) that can take many seconds. The
	// bound only stops a broken start from hanging the run.
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(url + "/v1/charges"); err == nil {
			resp.Body.Close()
			return url, nil
		}
	}
	return "", fmt.Errorf("stripe-mock did not answer on %s", addr)
}

const (
	webhookSecret = "whsec_test_secret"
	buyer         = int64(7)
)

// bundle is a show on sale with the booking and payments services over
// it: the app's own (srv, as production wires them), or built here by hand
// for a test that stands in for booking's callback (srv nil).
type bundle struct {
	srv     *apptest.Server
	pool    *pgxpool.Pool
	booking *booking.Service
	pay     *payments.Service
	show    catalog.Show
	client  *river.Client[pgx.Tx]
}

type setupOpts struct {
	provider string
	// holdTTL is HOLD_TTL (the configured default when 0).
	holdTTL time.Duration
	// bookings replaces the booking service as payments' callback; the
	// services are then built by hand, since the app wires booking itself.
	bookings func(*booking.Service) payments.Bookings
	// manual leaves jobs queued (tests apply them by hand).
	manual bool
	now    func() time.Time
	// maxConns caps the pool; lenient lets a broken pool rule stall as
	// in production instead of failing at once (see pgtest.Options).
	maxConns int
	lenient  bool
}

// setup makes a show, the booking and payments services over it, and a
// River client working the app's jobs (unless manual). The services are
// the app's, built by apptest with the provider configured as production
// configures it (PAYMENT_PROVIDER, STRIPE_*), and the webhook reaches them
// through the app's router at srv.URL.
func setup(t *testing.T, o setupOpts) *bundle {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.NewWith(t, pgtest.Options{MaxConns: o.maxConns, Lenient: o.lenient})
	if o.provider == "" {
		o.provider = payments.ProviderTest
	}
	b := &bundle{pool: pool}
	var (
		cat     *catalog.Service
		workers *river.Workers
	)
	if o.bookings == nil {
		env := map[string]string{"PAYMENT_PROVIDER": o.provider, "STRIPE_SECRET_KEY": "sk_test_123",
			"STRIPE_PUBLISHABLE_KEY": "pk_test_123", "STRIPE_WEBHOOK_SECRET": webhookSecret, "STRIPE_API_BASE": stripeMockURL}
		if o.holdTTL != 0 {
			env["HOLD_TTL"] = o.holdTTL.String()
		}
		b.srv = apptest.New(t, apptest.Options{Pool: pool, Now: o.now, Env: env})
		cat, b.booking, b.pay, workers = b.srv.Catalog, b.srv.Booking, b.srv.Payments, b.srv.Workers()
	} else {
		cat = catalog.NewService(pool, catalog.Options{})
		b.booking, b.pay = handBuilt(t, pool, cat, o)
		workers = river.NewWorkers()
		booking.Workers(workers, b.booking)
		payments.Workers(workers, b.pay)
	}
	b.show = catalogtest.Show(t, cat, catalogtest.ShowOptions{Title: "Paid In Full"})

	var err error
	if o.manual {
		b.client, err = jobs.New(pool, jobs.Options{InsertOnly: true})
		require.NoError(t, err)
		return b
	}
	b.client, err = jobs.New(pool, jobs.Options{Workers: workers, RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(ctx)
	require.NoError(t, b.client.Start(runCtx))
	t.Cleanup(func() {
		cancel()
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = b.client.Stop(stopCtx)
	})
	return b
}

// handBuilt wires booking and payments as the app does, except that
// payments reports outcomes to o.bookings' stand-in for booking.
func handBuilt(t *testing.T, pool *pgxpool.Pool, cat *catalog.Service, o setupOpts) (*booking.Service, *payments.Service) {
	t.Helper()
	inserter, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	book := booking.NewService(pool, cat, booking.RiverJobs{Client: inserter},
		booking.Options{HoldTTL: o.holdTTL, Now: o.now, Refunds: payments.NewRefunds(&payments.RiverJobs{Client: inserter})})
	pay, err := payments.NewService(pool, o.bookings(book), &payments.RiverJobs{Client: inserter}, payments.Options{
		Provider: o.provider, StripeSecretKey: "sk_test_123", StripePublishableKey: "pk_test_123",
		StripeWebhookSecret: webhookSecret, StripeAPIBase: stripeMockURL, Now: o.now})
	require.NoError(t, err)
	return book, pay
}

// startPaying holds seats for the buyer, starts the payment and returns
// the booking and the payment's id.
func (b *bundle) startPaying(t *testing.T, seats ...string) (booking.Booking, int64) {
	t.Helper()
	ctx := context.Background()
	h, err := b.booking.Hold(ctx, buyer, b.show.ID, seats)
	require.NoError(t, err)
	_, err = b.booking.Checkout(ctx, buyer, h.ID)
	require.NoError(t, err)
	req, err := b.booking.StartPayment(ctx, buyer, h.ID)
	require.NoError(t, err)
	path, err := b.pay.Begin(ctx, req)
	require.NoError(t, err)
	var id int64
	_, err = fmt.Sscanf(path, "/pay/%d", &id)
	require.NoError(t, err)
	return h, id
}

// status is the booking's status now.
func (b *bundle) status(t *testing.T, bookingID int64) booking.Status {
	t.Helper()
	bk, err := b.booking.Booking(context.Background(), buyer, bookingID)
	require.NoError(t, err)
	return bk.Status
}

// payment is the payment as its buyer sees it.
func (b *bundle) payment(t *testing.T, id int64) payments.Payment {
	t.Helper()
	c, err := b.pay.PaymentForBuyer(context.Background(), buyer, id)
	require.NoError(t, err)
	return c.Payment
}

// eventually waits for the background jobs to bring about cond: it ends as
// soon as cond holds (jobs retry at once here, see jobs.QuickRetry); the
// bound only keeps a broken test from hanging.
func eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()
	require.Eventually(t, cond, 2*time.Minute, 20*time.Millisecond, what)
}

// confirmations counts how many times a booking was confirmed.
func (b *bundle) confirmations(t *testing.T, bookingID int64) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM booking.booking_events WHERE booking_id = $1 AND status = 'confirmed'", bookingID).Scan(&n))
	return n
}
