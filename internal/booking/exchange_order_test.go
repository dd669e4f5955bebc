package booking_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// paySucceeded tells the booking service order's payment went through, as
// the payments module does, and says whether it was kept.
func (b *exchangeBundle) paySucceeded(t *testing.T, id int64) bool {
	t.Helper()
	var kept bool
	require.NoError(t, pg.InTx(context.Background(), b.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		kept, err = b.svc.PaymentSucceeded(ctx, tx, id)
		return err
	}))
	return kept
}

// statusOf reads booking id's status.
func (b *exchangeBundle) statusOf(t *testing.T, id int64) string {
	t.Helper()
	var st string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT status FROM booking.bookings WHERE id = $1", id).Scan(&st))
	return st
}

func TestExchangeToDearerSeatsMovesTheBookingOnceTheDifferenceIsPaid(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")

	q, err := b.svc.QuoteExchange(ctx, 7, bk.ID, b.later.ID, []string{"J1", "J2"})
	require.NoError(t, err)
	require.Positive(t, q.Difference, "premium seats cost more")
	got, q, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"J1", "J2"})
	require.NoError(t, err)
	require.NotNil(t, q.Awaiting, "the difference is to pay first")
	pay := *q.Awaiting
	require.Equal(t, q.Difference, pay.Amount)
	require.Equal(t, "/bookings/"+itoa(bk.ID), pay.ReturnPath)
	require.Equal(t, bk.Total, got.Total, "nothing moved yet")
	require.Equal(t, map[string]int64{"E5": bk.ID, "E6": bk.ID}, b.owners(t, b.show.ID), "the buyer keeps the old seats")
	require.Equal(t, map[string]int64{"J1": pay.BookingID, "J2": pay.BookingID}, b.owners(t, b.later.ID), "the new ones are held")
	_, err = b.svc.Hold(ctx, 9, b.later.ID, []string{"J2"})
	require.ErrorIs(t, err, booking.ErrSeatTaken, "nobody else takes them while the buyer pays")

	_, again, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"J2", "J1"})
	require.NoError(t, err)
	require.Equal(t, pay.BookingID, again.Awaiting.BookingID, "asking again answers the same payment")

	require.True(t, b.paySucceeded(t, pay.BookingID))
	require.True(t, b.paySucceeded(t, pay.BookingID), "a repeated payment event changes nothing")
	co, err := b.svc.BookingDetail(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.Equal(t, b.later.ID, co.Booking.ShowID)
	require.Equal(t, bk.Code, co.Booking.Code, "the booking keeps its code")
	require.Equal(t, bk.Total+q.Difference, co.Booking.Total, "the total grows by what was paid")
	require.Empty(t, b.owners(t, b.show.ID), "the old seats are on sale again")
	require.Equal(t, map[string]int64{"J1": bk.ID, "J2": bk.ID}, b.owners(t, b.later.ID))
	live, sold := b.seatSets(t, bk.ID)
	require.Equal(t, [2]int{2, 2}, [2]int{live, sold})
	require.Equal(t, "confirmed", b.statusOf(t, pay.BookingID))
	var paidBy int64
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT payment_booking_id FROM booking.booking_exchanges WHERE booking_id = $1",
		bk.ID).Scan(&paidBy))
	require.Equal(t, pay.BookingID, paidBy)
	require.Len(t, b.out.exchanged, 1, "the buyer is told once")
	require.Empty(t, b.out.refunds)

	// Cancelling now gives back from the booking's payment and the difference's.
	_, err = b.svc.Cancel(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.Len(t, b.out.refunds, 1)
	require.Equal(t, bk.ID, b.out.refunds[0].BookingID)
	require.Equal(t, []int64{pay.BookingID}, b.out.refunds[0].AlsoFrom)
	require.Zero(t, b.invariantViolations(t))
}

func TestAnotherExchangeReplacesOneAwaitingItsPayment(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")
	_, q, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"J1", "J2"})
	require.NoError(t, err)
	order := q.Awaiting.BookingID

	_, q, err = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"G1", "G2"})
	require.NoError(t, err)
	require.Nil(t, q.Awaiting, "same price: made at once")
	require.Equal(t, map[string]int64{"G1": bk.ID, "G2": bk.ID}, b.owners(t, b.later.ID), "J1 and J2 are on sale again")
	require.Equal(t, "expired", b.statusOf(t, order))

	require.False(t, b.paySucceeded(t, order), "a payment for the replaced change is refunded")
	require.Equal(t, "refunded", b.statusOf(t, order))
	co, err := b.svc.BookingDetail(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.Equal(t, bk.Total, co.Booking.Total)
	require.Equal(t, map[string]int64{"G1": bk.ID, "G2": bk.ID}, b.owners(t, b.later.ID))
	require.Zero(t, b.invariantViolations(t))
}

func TestDifferencePaidAfterTheHoldRanOutAndTheSeatsWentIsRefunded(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")
	_, q, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"J1", "J2"})
	require.NoError(t, err)
	order := q.Awaiting.BookingID
	_, err = b.pool.Exec(ctx, "UPDATE booking.show_seats SET hold_expires_at = now() - interval '1 second' WHERE booking_id = $1", order)
	require.NoError(t, err)
	other, err := b.svc.Hold(ctx, 9, b.later.ID, []string{"J2"})
	require.NoError(t, err, "a hold that ran out is anyone's")

	require.False(t, b.paySucceeded(t, order))
	require.Equal(t, "refunded", b.statusOf(t, order))
	require.Equal(t, map[string]int64{"E5": bk.ID, "E6": bk.ID}, b.owners(t, b.show.ID), "the booking keeps its seats")
	require.Equal(t, map[string]int64{"J2": other.ID}, b.owners(t, b.later.ID))
	require.Zero(t, b.invariantViolations(t))
}

func TestDifferencePaidWhileTheBookingIsCancelledNeverLeavesItHalfMoved(t *testing.T) {
	t.Parallel()
	for range 4 {
		b := exchangeSetup(t)
		ctx := context.Background()
		bk := b.book(t, 7, "E5", "E6")
		_, q, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"J1", "J2"})
		require.NoError(t, err)
		order := q.Awaiting.BookingID
		var wg sync.WaitGroup
		var kept bool
		var payErr, cancelErr error
		start := make(chan struct{})
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-start
			payErr = pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error {
				var err error
				kept, err = b.svc.PaymentSucceeded(ctx, tx, order)
				return err
			})
		}()
		go func() {
			defer wg.Done()
			<-start
			_, cancelErr = b.svc.Cancel(ctx, 7, bk.ID)
		}()
		close(start)
		wg.Wait()
		require.NoError(t, payErr)
		require.NoError(t, cancelErr)
		require.Equal(t, "cancelled", b.statusOf(t, bk.ID))
		require.Empty(t, b.owners(t, b.show.ID), "no seat of the old show is kept")
		require.Empty(t, b.owners(t, b.later.ID), "no seat of the new show is kept")
		if kept {
			// Moved first, then cancelled: the difference comes back with the rest.
			require.Equal(t, []int64{order}, b.out.refunds[len(b.out.refunds)-1].AlsoFrom)
		} else {
			require.Equal(t, "refunded", b.statusOf(t, order))
		}
		require.Zero(t, b.invariantViolations(t))
	}
}

func TestRacingPaymentsAndExchangesOfOneBookingKeepOneSetOfSeats(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")
	_, q, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"J1", "J2"})
	require.NoError(t, err)
	order := q.Awaiting.BookingID
	var wg sync.WaitGroup
	errs := make([]error, 2)
	start := make(chan struct{})
	wg.Add(2)
	go func() {
		defer wg.Done()
		<-start
		errs[0] = pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error {
			_, err := b.svc.PaymentSucceeded(ctx, tx, order)
			return err
		})
	}()
	go func() {
		defer wg.Done()
		<-start
		_, _, errs[1] = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"G1", "G2"})
	}()
	close(start)
	wg.Wait()
	require.NoError(t, errs[0])
	if errs[1] != nil {
		require.True(t, errors.Is(errs[1], booking.ErrExchangeChanged) || errors.Is(errs[1], booking.ErrSameShow), errs[1].Error())
	}
	live, sold := b.seatSets(t, bk.ID)
	require.Equal(t, [2]int{2, 2}, [2]int{live, sold}, "exactly one set of seats, whoever won")
	owners := b.owners(t, b.later.ID)
	require.Len(t, owners, 2)
	require.Equal(t, bk.ID, owners["G1"]+owners["J1"], "the booking has G1-G2 or J1-J2, not both")
	require.Zero(t, b.invariantViolations(t))
}
