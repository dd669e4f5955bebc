package payments_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// dying is booking's callback with a process that dies (its context is
// cancelled) just as the payment's success is being confirmed.
type dying struct {
	payments.Bookings
	die    atomic.Bool
	cancel context.CancelFunc
}

func (d *dying) PaymentSucceeded(ctx context.Context, tx pgx.Tx, id int64) (bool, error) {
	if d.die.Swap(false) {
		d.cancel()
	}
	return d.Bookings.PaymentSucceeded(ctx, tx, id)
}

// TestCrashBetweenSuccessAndConfirmation: the provider took the money, the
// process died before the booking was confirmed. Nothing was half done,
// and both the job's retry and reconciliation complete the booking.
func TestCrashBetweenSuccessAndConfirmation(t *testing.T) {
	t.Parallel()
	for _, recovery := range []string{"job retry", "reconciliation"} {
		t.Run(recovery, func(t *testing.T) {
			t.Parallel()
			clock := time.Now()
			var now atomic.Pointer[time.Time]
			now.Store(&clock)
			d := &dying{}
			b := setup(t, setupOpts{manual: true, now: func() time.Time { return *now.Load() },
				bookings: func(s *booking.Service) payments.Bookings { d.Bookings = s; return d }})
			h, id := b.startPaying(t, "B7")
			_, err := b.pay.PayWithTestCard(context.Background(), buyer, id, card("4242424242424242"))
			require.NoError(t, err)
			var eventID int64
			require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT id FROM payments.events").Scan(&eventID))

			ctx, cancel := context.WithCancel(context.Background())
			d.cancel = cancel
			d.die.Store(true)
			require.Error(t, b.pay.ApplyEvent(ctx, eventID, false), "the process dies mid-way")
			require.Equal(t, payments.Processing, b.payment(t, id).State, "nothing was half applied")
			require.Equal(t, booking.PendingPayment, b.status(t, h.ID))

			if recovery == "job retry" {
				require.NoError(t, b.pay.ApplyEvent(context.Background(), eventID, false))
			} else {
				later := clock.Add(3 * time.Minute)
				now.Store(&later)
				rep, err := b.pay.Reconcile(context.Background())
				require.NoError(t, err)
				require.Equal(t, 1, rep.Payments, "the payment stuck in processing is asked about")
			}
			require.Equal(t, payments.Succeeded, b.payment(t, id).State)
			require.Equal(t, booking.Confirmed, b.status(t, h.ID))
			require.NoError(t, b.pay.ApplyEvent(context.Background(), eventID, false), "a late retry changes nothing")
			require.Equal(t, 1, b.confirmations(t, h.ID))
		})
	}
}

// TestPaymentAfterTheHoldRanOut: confirmed when the seats are still free,
// refunded in full (and the buyer told why) when someone took them.
func TestPaymentAfterTheHoldRanOut(t *testing.T) {
	t.Parallel()
	for _, taken := range []bool{false, true} {
		t.Run(map[bool]string{false: "seats free", true: "seats taken"}[taken], func(t *testing.T) {
			t.Parallel()
			// The app's clock runs two minutes behind while the buyer pays,
			// then catches up: the one-minute hold (HOLD_TTL's least) ran
			// out a minute ago by the app's clock and the database's alike.
			var lag atomic.Int64
			lag.Store(int64(2 * time.Minute))
			b := setup(t, setupOpts{provider: payments.ProviderStripe, holdTTL: time.Minute,
				now: func() time.Time { return time.Now().Add(-time.Duration(lag.Load())) }})
			h, id := b.startPaying(t, "C5")
			p := b.payment(t, id)
			lag.Store(0)
			if taken {
				_, err := b.booking.Hold(context.Background(), buyer+1, b.show.ID, []string{"C5"})
				require.NoError(t, err, "the seat went back on sale and someone took it")
			}
			require.Equal(t, http.StatusOK, b.deliver(t, stripeEvent("evt_late", "payment_intent.succeeded", intentObject(p, "succeeded", nil)), webhookSecret, time.Now()))
			if !taken {
				eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the late payment still wins the free seats")
				return
			}
			eventually(t, func() bool {
				var n int
				_ = b.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.refunds WHERE payment_id = $1 AND provider_id IS NOT NULL", id).Scan(&n)
				return n == 1
			}, "the payment is refunded automatically at the provider")
			got := b.payment(t, id)
			require.Contains(t, got.OutcomeNote, "no longer available", "the buyer is told why")
			require.NotEqual(t, booking.Confirmed, b.status(t, h.ID))
		})
	}
}
