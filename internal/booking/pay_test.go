package booking_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

func TestStartPaymentExtendsTheHoldOnce(t *testing.T) {
	t.Parallel()
	start := time.Now()
	var offset atomic.Int64
	b := setup(t, booking.Options{Now: func() time.Time { return start.Add(time.Duration(offset.Load())) }})
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"F3", "F4"})
	require.NoError(t, err)
	_, err = b.svc.StartPayment(ctx, 2, h.ID)
	require.ErrorIs(t, err, booking.ErrNotFound, "someone else's booking")

	offset.Store(int64(5 * time.Minute))
	req, err := b.svc.StartPayment(ctx, 1, h.ID)
	require.NoError(t, err)
	require.Equal(t, h.ID, req.BookingID)
	require.Positive(t, req.Amount)
	require.Equal(t, "/bookings/"+strconv.FormatInt(h.ID, 10), req.ReturnPath)
	require.WithinDuration(t, start.Add(13*time.Minute), req.HoldExpiresAt, time.Second, "held for a fresh 8 minutes")
	var seatExpiry time.Time
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT max(hold_expires_at) FROM booking.show_seats WHERE booking_id = $1", h.ID).Scan(&seatExpiry))
	require.WithinDuration(t, req.HoldExpiresAt, seatExpiry, time.Millisecond, "the seats are held as long")

	offset.Store(int64(10 * time.Minute))
	again, err := b.svc.StartPayment(ctx, 1, h.ID)
	require.NoError(t, err, "paying again (another card) while the hold lasts")
	require.WithinDuration(t, req.HoldExpiresAt, again.HoldExpiresAt, time.Millisecond, "the hold is extended only once")
	bk, err := b.svc.Booking(ctx, 1, h.ID)
	require.NoError(t, err)
	require.Equal(t, booking.PendingPayment, bk.Status)

	offset.Store(int64(14 * time.Minute))
	_, err = b.svc.StartPayment(ctx, 1, h.ID)
	require.ErrorIs(t, err, booking.ErrNotPayable, "the hold ran out")
}

func TestFreeBookingIsConfirmedWithoutPayment(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"G1"})
	require.NoError(t, err)
	_, err = b.pool.Exec(ctx, "UPDATE booking.bookings SET total_minor = 0, discount_minor = subtotal_minor WHERE id = $1", h.ID)
	require.NoError(t, err)
	req, err := b.svc.StartPayment(ctx, 1, h.ID)
	require.NoError(t, err)
	require.Zero(t, req.Amount)
	bk, err := b.svc.Booking(ctx, 1, h.ID)
	require.NoError(t, err)
	require.Equal(t, booking.Confirmed, bk.Status)
	_, err = b.svc.StartPayment(ctx, 1, h.ID)
	require.ErrorIs(t, err, booking.ErrPaid)
}

func TestPaymentOutcomes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	inTx := func(fn func(ctx context.Context, tx pgx.Tx) error) { require.NoError(t, pg.InTx(ctx, b.pool, fn)) }
	status := func(id int64) booking.Status {
		bk, err := b.svc.Booking(ctx, 1, id)
		require.NoError(t, err)
		return bk.Status
	}
	h, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"H1"})
	require.NoError(t, err)
	_, err = b.svc.StartPayment(ctx, 1, h.ID)
	require.NoError(t, err)

	inTx(func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.PaymentFailed(ctx, tx, h.ID, "Your card was declined.", false)
	})
	require.Equal(t, booking.PendingPayment, status(h.ID), "still payable after a decline")
	inTx(func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.PaymentFailed(ctx, tx, h.ID, "Your card was declined.", true)
	})
	require.Equal(t, booking.PaymentFailed, status(h.ID), "the last attempt fails the booking")

	var confirmed bool
	inTx(func(ctx context.Context, tx pgx.Tx) (err error) {
		confirmed, err = b.svc.PaymentSucceeded(ctx, tx, h.ID)
		return err
	})
	require.True(t, confirmed, "money that arrives anyway still buys the free seats")
	require.Equal(t, booking.Confirmed, status(h.ID))

	inTx(func(ctx context.Context, tx pgx.Tx) error { return b.svc.PaymentRefunded(ctx, tx, h.ID, 100, false) })
	require.Equal(t, booking.Confirmed, status(h.ID), "a partial refund keeps the booking")
	inTx(func(ctx context.Context, tx pgx.Tx) error { return b.svc.PaymentRefunded(ctx, tx, h.ID, 1000, true) })
	require.Equal(t, booking.Refunded, status(h.ID))
	_, err = b.svc.Hold(ctx, 2, b.show.ID, []string{"H1"})
	require.NoError(t, err, "a refunded booking's seat is on sale again")
	require.Zero(t, b.invariantViolations(t))

	states, err := b.svc.BookingStates(ctx, []int64{h.ID, 999999})
	require.NoError(t, err)
	require.Equal(t, map[int64]string{h.ID: "refunded"}, states)
}
