package booking_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

func (b *testBundle) confirm(t *testing.T, id int64) error {
	t.Helper()
	return pg.InTx(context.Background(), b.pool, func(ctx context.Context, tx pgx.Tx) error { return b.svc.Confirm(ctx, tx, id) })
}

func TestConfirmSellsTheSeatsOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	h, err := b.svc.Hold(context.Background(), 1, b.show.ID, []string{"H3", "H4"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	require.NoError(t, b.confirm(t, h.ID), "a repeated payment event changes nothing")
	var states []string
	rows, err := b.pool.Query(context.Background(), "SELECT state FROM booking.show_seats WHERE booking_id = $1", h.ID)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		states = append(states, s)
	}
	require.Equal(t, []string{"booked", "booked"}, states)
	_, err = b.svc.Hold(context.Background(), 2, b.show.ID, []string{"H4"})
	require.ErrorIs(t, err, booking.ErrSeatTaken)
	require.Zero(t, b.invariantViolations(t))
}

// TestPaymentAfterExpiry: a late payment still wins the seats when nobody
// took them, and is refused (to be refunded) when someone did.
func TestPaymentAfterExpiry(t *testing.T) {
	t.Parallel()
	b := setup(t, booking.Options{HoldTTL: 50 * time.Millisecond})
	ctx := context.Background()
	late, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"I1", "I2"})
	require.NoError(t, err)
	unlucky, err := b.svc.Hold(ctx, 2, b.show.ID, []string{"I5"})
	require.NoError(t, err)
	time.Sleep(120 * time.Millisecond)

	require.NoError(t, b.confirm(t, late.ID), "the seats were still free")
	taker, err := b.svc.Hold(ctx, 3, b.show.ID, []string{"I5"})
	require.NoError(t, err, "I5's hold ran out and a new buyer took it")
	require.NoError(t, b.confirm(t, taker.ID), "and paid (even if their own hold ran out meanwhile)")
	require.ErrorIs(t, b.confirm(t, unlucky.ID), booking.ErrSeatsGone)
	require.Zero(t, b.invariantViolations(t))
}

func TestDeletedBuyersBookingsStayAnonymous(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 42, b.show.ID, []string{"J5"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	exported, err := b.svc.ExportUser(ctx, 42)
	require.NoError(t, err)
	require.Contains(t, fmt.Sprint(exported), h.Code)

	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error { return b.svc.EraseUser(ctx, tx, 42) }))
	kept, _, err := b.svc.BookingByCode(ctx, h.Code)
	require.NoError(t, err)
	require.Zero(t, kept.UserID, "the booking stays, without its buyer")
	require.Equal(t, booking.Confirmed, kept.Status)
	mine, err := b.svc.MyBookings(ctx, 42)
	require.NoError(t, err)
	require.Empty(t, mine)
}
