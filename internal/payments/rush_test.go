package payments_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// rushDeadline bounds every buyer's whole purchase in these tests, as a
// request deadline does in production: a stall ends in errors, not a hang.
const rushDeadline = 2 * time.Minute

// TestMoreBuyersPayingThanConnectionsNeverStall has twelve buyers hold,
// check out and pay at once through a pool of two connections. Before
// the pool rule was enforced, paying read the show through the pool while
// its transaction held a connection, so two payers stalled each other and
// everyone behind them until their deadline. Every purchase must go
// through, and every booking be confirmed exactly once.
func TestMoreBuyersPayingThanConnectionsNeverStall(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{maxConns: 2, lenient: true})
	ctx, cancel := context.WithTimeout(context.Background(), rushDeadline)
	defer cancel()

	const buyers = 12
	held := make([]int64, buyers)
	errs := make([]error, buyers)
	var wg sync.WaitGroup
	for i := range buyers {
		wg.Go(func() {
			// Seats in pairs from the left (A1-A2, A3-A4, ...): never a
			// lone seat left between two holds.
			row, n := string(rune('A'+i/5)), 2*(i%5)+1
			held[i], errs[i] = purchase(ctx, b, int64(100+i), row+strconv.Itoa(n), row+strconv.Itoa(n+1))
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "buyer %d's purchase", i)
	}
	for _, id := range held {
		eventually(t, func() bool { return bookingStatus(t, b, id) == booking.Confirmed }, "every booking is confirmed")
		require.Equal(t, 1, b.confirmations(t, id), "confirmed exactly once")
	}
}

// purchase is one buyer's whole purchase: hold, checkout, start paying,
// and pay with the test card that succeeds. It returns the booking.
func purchase(ctx context.Context, b *bundle, user int64, seats ...string) (int64, error) {
	h, err := b.booking.Hold(ctx, user, b.show.ID, seats)
	if err != nil {
		return 0, fmt.Errorf("hold: %w", err)
	}
	if _, err := b.booking.Checkout(ctx, user, h.ID); err != nil {
		return 0, fmt.Errorf("checkout: %w", err)
	}
	req, err := b.booking.StartPayment(ctx, user, h.ID)
	if err != nil {
		return 0, fmt.Errorf("start payment: %w", err)
	}
	path, err := b.pay.Begin(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("begin payment: %w", err)
	}
	var id int64
	if _, err := fmt.Sscanf(path, "/pay/%d", &id); err != nil {
		return 0, fmt.Errorf("payment id in %q: %w", path, err)
	}
	if _, err := b.pay.PayWithTestCard(ctx, user, id, card("4242 4242 4242 4242")); err != nil {
		return 0, fmt.Errorf("pay: %w", err)
	}
	return h.ID, nil
}

// bookingStatus reads a booking's status whoever its buyer is.
func bookingStatus(t *testing.T, b *bundle, id int64) booking.Status {
	t.Helper()
	var s string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT status FROM booking.bookings WHERE id = $1", id).Scan(&s))
	return booking.Status(s)
}

// TestABurstOfEventsForOnePaymentIsAppliedOnce sends 50 webhooks for one
// payment at once, through a pool of four connections: duplicates of the
// same events and distinct events (processing, then succeeded). Each
// event is stored once and applied once, one after another, with no
// connection parked on the payment's lock: the booking is confirmed
// exactly once and nothing is left unapplied or failed.
func TestABurstOfEventsForOnePaymentIsAppliedOnce(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{provider: payments.ProviderStripe, maxConns: 4})
	h, id := b.startPaying(t, "D5", "D6")
	p := b.payment(t, id)

	const burst = 50
	codes := make([]int, burst)
	var wg sync.WaitGroup
	for i := range burst {
		wg.Go(func() {
			var payload []byte
			switch {
			case i%5 == 0: // ten distinct processing events
				payload = stripeEvent("evt_processing_"+strconv.Itoa(i), "payment_intent.processing", intentObject(p, "processing", nil))
			case i%2 == 0: // duplicates of one succeeded event
				payload = stripeEvent("evt_succeeded", "payment_intent.succeeded", intentObject(p, "succeeded", nil))
			default: // distinct succeeded events (Stripe resends under new ids)
				payload = stripeEvent("evt_succeeded_"+strconv.Itoa(i), "payment_intent.succeeded", intentObject(p, "succeeded", nil))
			}
			codes[i] = b.deliver(t, payload, webhookSecret, time.Now())
		})
	}
	wg.Wait()
	for i, c := range codes {
		require.Equal(t, http.StatusOK, c, "delivery %d is accepted", i)
	}
	var stored int
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.events").Scan(&stored))
	require.Equal(t, 10+1+20, stored, "every distinct event is stored once, duplicates not at all")
	eventually(t, func() bool {
		var pending int
		require.NoError(t, b.pool.QueryRow(context.Background(),
			"SELECT count(*) FROM payments.events WHERE applied_at IS NULL").Scan(&pending))
		return pending == 0
	}, "every event is applied")
	var failed int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM payments.events WHERE last_error <> ''").Scan(&failed))
	require.Zero(t, failed, "no event failed on a lock; busy ones waited their turn")
	require.Equal(t, booking.Confirmed, b.status(t, h.ID))
	require.Equal(t, payments.Succeeded, b.payment(t, id).State)
	require.Equal(t, 1, b.confirmations(t, h.ID), "confirmed exactly once")
}
