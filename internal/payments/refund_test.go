package payments_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// paid makes a booking paid with the test card.
func (b *bundle) paid(t *testing.T, seats ...string) (booking.Booking, int64) {
	t.Helper()
	h, id := b.startPaying(t, seats...)
	_, err := b.pay.PayWithTestCard(context.Background(), buyer, id, card("4242424242424242"))
	require.NoError(t, err)
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "paid")
	return h, id
}

func TestRefundsArePartialOrFullAndIdempotent(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	h, id := b.paid(t, "D1", "D2")
	total := b.payment(t, id).Amount

	_, err := b.pay.AdminRefund(ctx, id, total+1, "", "n1", "admin@example.com")
	var fields validate.Errors
	require.ErrorAs(t, err, &fields, "more than was paid is refused")

	for range 2 { // a double submission of the same form
		_, err = b.pay.AdminRefund(ctx, id, 500, "Sound was off", "n2", "admin@example.com")
		require.NoError(t, err)
	}
	eventually(t, func() bool { return b.payment(t, id).State == payments.PartiallyRefunded }, "a partial refund settles")
	require.Equal(t, int64(500), b.payment(t, id).Refunded)
	require.Equal(t, booking.Confirmed, b.status(t, h.ID), "a partial refund keeps the booking")

	// A cancellation asks for the rest through a refund desk like
	// booking's, twice with the same key.
	refunds := payments.NewRefunds(&payments.RiverJobs{Client: b.client})
	for range 2 {
		require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error {
			return refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: h.ID, Amount: total, Reason: "cancelled", Key: "cancel:1"})
		}))
	}
	eventually(t, func() bool { return b.payment(t, id).State == payments.Refunded }, "the rest is refunded")
	require.Equal(t, total, b.payment(t, id).Refunded, "never more than was paid")
	require.Equal(t, booking.Refunded, b.status(t, h.ID), "a full refund of a confirmed booking refunds it")
	_, err = b.pay.AdminRefund(ctx, id, 1, "", "n3", "admin@example.com")
	require.ErrorIs(t, err, payments.ErrNotRefundable)
}

func TestDailyCheckReportsDisagreements(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	good, _ := b.paid(t, "E1")
	bad, badPay := b.paid(t, "E2")
	_, err := b.pool.Exec(ctx, "UPDATE booking.bookings SET status = 'expired' WHERE id = $1", bad.ID)
	require.NoError(t, err)

	c, err := b.pay.DailyCheck(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, c.Bookings)
	require.Len(t, c.Found, 1)
	require.Equal(t, bad.ID, c.Found[0].BookingID)
	require.Equal(t, badPay, c.Found[0].PaymentID)
	require.Contains(t, c.Found[0].Note, "paid, but the booking is expired")
	latest, err := b.pay.LatestCheck(ctx)
	require.NoError(t, err)
	require.Len(t, latest.Found, 1, "the admin page shows the latest findings")
	require.NotEqual(t, good.ID, latest.Found[0].BookingID)
}
