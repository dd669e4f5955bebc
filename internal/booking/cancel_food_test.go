package booking_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// seatsWithNachos books E5, E6 and E7 for buyer 7 with three nachos
// (5.00 + 20% tax each, from a stock of 10) and returns the booking and
// the nachos line's id.
func seatsWithNachos(t *testing.T, b *testBundle) (booking.Booking, int64, int64) {
	t.Helper()
	ctx := context.Background()
	_, _, nachos := b.menu(t, intp(10))
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"E5", "E6", "E7"})
	require.NoError(t, err)
	_, err = b.svc.SetFood(ctx, 7, h.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 3}})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	lines, _, err := b.svc.CancellableFood(ctx, 7, h.ID)
	require.NoError(t, err)
	require.Len(t, lines, 1)
	co, err := b.svc.BookingDetail(ctx, 7, h.ID)
	require.NoError(t, err)
	return co.Booking, lines[0].ID, nachos.ID
}

// foodLeft is the qty of line id still to serve (0 once it is gone).
func (b *testBundle) foodLeft(t *testing.T, id int64) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT coalesce(sum(qty), 0)::int FROM booking.booking_items WHERE id = $1", id).Scan(&n))
	return n
}

func TestCancellingFoodRefundsItInFullAndPutsItBackInStock(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{CancelFee: 150}))
	ctx := context.Background()
	bk, line, nachos := seatsWithNachos(t, b)
	require.Equal(t, 7, b.stockOf(t, nachos))

	// One nachos of three: 5.00 and a third of the line's 3.00 tax, no fee.
	q, err := b.svc.QuoteCancelSeats(ctx, 7, bk.ID, nil, booking.FoodCancel{Line: line, Qty: 1})
	require.NoError(t, err)
	require.True(t, q.Allowed)
	require.Equal(t, int64(600), q.Refund)
	require.Zero(t, q.Fee, "food carries no cancellation fee")

	got, _, err := b.svc.CancelSeats(ctx, 7, bk.ID, nil, booking.FoodCancel{Line: line, Qty: 1})
	require.NoError(t, err)
	require.Equal(t, booking.Confirmed, got.Status)
	require.Equal(t, bk.Total-600, got.Total)
	require.Equal(t, 2, b.foodLeft(t, line), "the kitchen has two left to prepare")
	require.Equal(t, 8, b.stockOf(t, nachos), "the nachos go back into stock")
	require.Len(t, b.seatOwners(t), 3, "the seats stay")

	// A seat and the last two nachos in one cancellation: one refund.
	q, err = b.svc.QuoteCancelSeats(ctx, 7, bk.ID, []string{"E5"}, booking.FoodCancel{Line: line, Qty: 2})
	require.NoError(t, err)
	seat := 1000 + oneThird(bk.Fee) + oneThird(bk.Tax) - oneThird(bk.Discount)
	require.Equal(t, seat+1200, q.Cost)
	require.Equal(t, int64(50), q.Fee, "the fee stays a per-seat thing")
	got, _, err = b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E5"}, booking.FoodCancel{Line: line, Qty: 2})
	require.NoError(t, err)
	require.Equal(t, bk.Total-600-(seat+1200-50), got.Total)
	require.Zero(t, b.foodLeft(t, line), "nothing left to prepare")
	require.Equal(t, 10, b.stockOf(t, nachos))

	key := "cancel-seats:" + itoa(bk.ID)
	require.Equal(t, []payments.RefundRequest{
		{BookingID: bk.ID, Amount: 600, Reason: "1 × Nachos cancelled by you", Key: key + ":1"},
		{BookingID: bk.ID, Amount: seat + 1200 - 50, Reason: "Seats E5; 2 × Nachos cancelled by you", Key: key + ":2"},
	}, o.refunds)
	var refunded int64
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT sum(refund_minor) FROM booking.booking_item_cancellations WHERE booking_id = $1",
		bk.ID).Scan(&refunded))
	require.Equal(t, int64(1800), refunded, "the food's price and tax, all of it")
	require.Zero(t, b.invariantViolations(t))
}

func TestCancellingFoodRefusesWhatItMayNot(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	clock := &shiftedClock{}
	b := setup(t, withOutbox(o, booking.Options{Now: clock.now, FoodCutoff: 30 * time.Minute}))
	ctx := context.Background()
	bk, line, _ := seatsWithNachos(t, b)

	for _, bad := range []booking.FoodCancel{{Line: line, Qty: 4}, {Line: line, Qty: 0}, {Line: line + 99, Qty: 1}} {
		_, _, err := b.svc.CancelSeats(ctx, 7, bk.ID, nil, bad)
		fields, ok := validate.Fields(err)
		require.True(t, ok, "%+v: %v", bad, err)
		require.NotEmpty(t, fields["items"])
	}
	_, _, err := b.svc.CancelSeats(ctx, 7, bk.ID, nil, booking.FoodCancel{Line: line, Qty: 2}, booking.FoodCancel{Line: line, Qty: 2})
	require.ErrorIs(t, err, validate.ErrInvalid, "two choices of one line add up past what it has")
	_, _, err = b.svc.CancelSeats(ctx, 8, bk.ID, nil, booking.FoodCancel{Line: line, Qty: 1})
	require.ErrorIs(t, err, booking.ErrNotFound)

	clock.by.Store(int64(time.Until(b.show.StartsAt) - 20*time.Minute)) // past the food cut-off
	_, _, err = b.svc.CancelSeats(ctx, 7, bk.ID, nil, booking.FoodCancel{Line: line, Qty: 1})
	require.ErrorIs(t, err, booking.ErrFoodCancelClosed)
	require.Empty(t, o.refunds)
	require.Equal(t, 3, b.foodLeft(t, line))
}

func TestFoodCancelsRacingNeverRefundAUnitTwice(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{}))
	ctx := context.Background()
	bk, line, nachos := seatsWithNachos(t, b)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = b.svc.CancelSeats(ctx, 7, bk.ID, nil, booking.FoodCancel{Line: line, Qty: 2})
		}()
	}
	wg.Wait()
	var ok int
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			require.ErrorIs(t, err, validate.ErrInvalid, "the late ones find one nachos left")
		}
	}
	require.Equal(t, 1, ok, "two of three nachos, once: %v", errs)
	require.Equal(t, 1, b.foodLeft(t, line), "never below zero")
	require.Equal(t, 9, b.stockOf(t, nachos))
	var paid int64
	for _, r := range o.refunds {
		paid += r.Amount
	}
	require.Equal(t, int64(1200), paid, "refunded once")
	var total int64
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT total_minor FROM booking.bookings WHERE id = $1",
		bk.ID).Scan(&total))
	require.Equal(t, bk.Total-1200, total)
}
