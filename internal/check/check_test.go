package check_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/check"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// bundle is a database where one buyer paid for seats D5 and D6 and
// cancelled another booking (refunded), all through the app's services
// and jobs.
type bundle struct {
	pool    *pgxpool.Pool
	paid    booking.Booking
	payment int64
	show    int64
}

func setup(t *testing.T) *bundle {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	srv := apptest.New(t, apptest.Options{Pool: pool})
	client, err := jobs.New(pool, jobs.Options{Workers: srv.Workers(), RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(ctx)
	require.NoError(t, client.Start(runCtx))
	t.Cleanup(func() {
		cancel()
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = client.Stop(stopCtx)
	})
	show := catalogtest.Show(t, srv.Catalog, catalogtest.ShowOptions{Title: "Audit Trail"})
	buyer := srv.User(t, "Ann", account.Customer)
	b := &bundle{pool: pool, show: show.ID}
	b.paid, b.payment = buy(t, srv, buyer.ID, show.ID, "D5", "D6")
	cancelled, cancelledPayment := buy(t, srv, buyer.ID, show.ID, "E1")
	_, err = srv.Booking.Cancel(ctx, buyer.ID, cancelled.ID)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		c, err := srv.Payments.PaymentForBuyer(ctx, buyer.ID, cancelledPayment)
		return err == nil && c.Payment.State == payments.Refunded
	}, 2*time.Minute, 20*time.Millisecond, "the cancelled booking is refunded")
	return b
}

// buy holds seats, pays with the test card and waits for the confirmation.
func buy(t *testing.T, srv *apptest.Server, user, show int64, seats ...string) (booking.Booking, int64) {
	t.Helper()
	ctx := context.Background()
	h, err := srv.Booking.Hold(ctx, user, show, seats)
	require.NoError(t, err)
	_, err = srv.Booking.Checkout(ctx, user, h.ID)
	require.NoError(t, err)
	req, err := srv.Booking.StartPayment(ctx, user, h.ID)
	require.NoError(t, err)
	path, err := srv.Payments.Begin(ctx, req)
	require.NoError(t, err)
	var id int64
	_, err = fmt.Sscanf(path, "/pay/%d", &id)
	require.NoError(t, err)
	_, err = srv.Payments.PayWithTestCard(ctx, user, id,
		payments.Card{Number: "4242 4242 4242 4242", Expiry: "12/40", CVC: "123", Name: "Ann Buyer"})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		bk, err := srv.Booking.Booking(ctx, user, h.ID)
		return err == nil && bk.Status == booking.Confirmed
	}, 2*time.Minute, 20*time.Millisecond, "the booking is confirmed")
	return h, id
}

// findings runs the check as an admin would an hour from now, when every
// grace period has passed.
func (b *bundle) findings(t *testing.T) []check.Finding {
	t.Helper()
	f, err := check.Run(context.Background(), b.pool, check.Options{Now: func() time.Time { return time.Now().Add(time.Hour) }})
	require.NoError(t, err)
	return f
}

func (b *bundle) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	_, err := b.pool.Exec(context.Background(), sql, args...)
	require.NoError(t, err, sql)
}

func invariants(fs []check.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Invariant)
	}
	return out
}

func TestACleanDatabasePassesTheCheck(t *testing.T) {
	t.Parallel()
	b := setup(t)
	require.Empty(t, b.findings(t), "a paid booking and a cancelled, refunded one break nothing")
}

// TestEveryBrokenInvariantIsReported breaks each invariant by hand, as a
// bug or a lost webhook would, and sees the check name it.
func TestEveryBrokenInvariantIsReported(t *testing.T) {
	t.Parallel()
	cases := []struct {
		invariant string
		breakIt   func(t *testing.T, b *bundle)
	}{
		{check.SeatSoldTwice, func(t *testing.T, b *bundle) {
			var id int64
			require.NoError(t, b.pool.QueryRow(context.Background(), `INSERT INTO booking.bookings
				(code, show_id, theater_id, status, hold_expires_at, currency, subtotal_minor, total_minor)
				VALUES ('ZZZZZZ', $1, 0, 'confirmed', now(), 'GBP', 0, 0) RETURNING id`, b.show).Scan(&id))
			b.exec(t, `INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor, live)
				VALUES ($1, $2, 'D5', 'standard', 0, false)`, id, b.show)
		}},
		{check.SeatMapAgrees, func(t *testing.T, b *bundle) {
			b.exec(t, `UPDATE booking.show_seats SET state = 'free', booking_id = NULL WHERE booking_id = $1 AND seat = 'D6'`, b.paid.ID)
		}},
		{check.ConfirmedIsPaid, func(t *testing.T, b *bundle) {
			b.exec(t, `UPDATE payments.payments SET amount_minor = 100 WHERE id = $1`, b.payment)
		}},
		{check.ConfirmedIsPaid, func(t *testing.T, b *bundle) {
			b.exec(t, `UPDATE payments.payments SET currency = 'AUD' WHERE id = $1`, b.payment)
		}},
		{check.PaidIsConfirmed, func(t *testing.T, b *bundle) {
			b.exec(t, `UPDATE booking.bookings SET status = 'expired' WHERE id = $1`, b.paid.ID)
		}},
		{check.PaidOnce, func(t *testing.T, b *bundle) {
			b.exec(t, `INSERT INTO payments.payments (booking_id, attempt, provider, idempotency_key, amount_minor,
				currency, return_path, hold_expires_at, state)
				SELECT booking_id, 9, provider, 'twice', amount_minor, currency, return_path, hold_expires_at, 'succeeded'
				FROM payments.payments WHERE id = $1`, b.payment)
		}},
		{check.RefundsWithinPaid, func(t *testing.T, b *bundle) {
			b.exec(t, `INSERT INTO payments.refunds (payment_id, key, amount_minor, state)
				SELECT id, 'too-much', amount_minor + 1, 'pending' FROM payments.payments WHERE id = $1`, b.payment)
		}},
		{check.MessageOnce, func(t *testing.T, b *bundle) {
			b.exec(t, `INSERT INTO notify.messages (dedup_key, kind, category, user_id, data)
				SELECT 'again', kind, category, user_id, data FROM notify.messages WHERE dedup_key = $1`,
				fmt.Sprintf("booking.confirmed:%d", b.paid.ID))
		}},
		{check.MessageOnce, func(t *testing.T, b *bundle) {
			b.exec(t, `INSERT INTO notify.messages (dedup_key, kind, category, email, data)
				VALUES ('sent-twice', 'account.verify_email', 'transactional', 'x@example.com', '{}')`)
			b.exec(t, `INSERT INTO notify.deliveries (message_id, channel, recipient, provider, status)
				SELECT id, 'email', r, 'smtp', 'sent' FROM notify.messages, unnest(ARRAY['a@example.com', 'b@example.com']) r
				WHERE dedup_key = 'sent-twice'`)
		}},
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%d %s", i, c.invariant), func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			c.breakIt(t, b)
			require.Contains(t, invariants(b.findings(t)), c.invariant)
		})
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.invariant] = true
	}
	require.Len(t, seen, len(check.Invariants), "every invariant is broken by one case")
}

// TestPaymentsOnTheirWayAreNotFindings: within the grace a payment ahead
// of its booking (the webhook still to come) is not reported.
func TestPaymentsOnTheirWayAreNotFindings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.exec(t, `UPDATE booking.bookings SET status = 'pending_payment' WHERE id = $1`, b.paid.ID)
	b.exec(t, `UPDATE booking.show_seats SET state = 'free', booking_id = NULL WHERE booking_id = $1`, b.paid.ID)
	f, err := check.Run(context.Background(), b.pool, check.Options{})
	require.NoError(t, err)
	require.Empty(t, f)
}
