package booking_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// outbox records what booking asked of payments and notify, as those
// modules receive it (inside booking's transaction: a rolled-back change
// leaves nothing here).
type outbox struct {
	mu        sync.Mutex
	refunds   []payments.RefundRequest
	cancelled []notify.BookingMessage
	confirmed []notify.BookingMessage
	booked    int
}

func (o *outbox) Refund(_ context.Context, tx pgx.Tx, r payments.RefundRequest) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.refunds = append(o.refunds, r)
	return nil
}

func (o *outbox) BookingConfirmed(_ context.Context, _ pgx.Tx, m notify.BookingMessage) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.confirmed = append(o.confirmed, m)
	return nil
}

func (o *outbox) BookingCancelled(_ context.Context, _ pgx.Tx, m notify.BookingMessage) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.cancelled = append(o.cancelled, m)
	return nil
}

func (o *outbox) PaymentFailed(context.Context, pgx.Tx, notify.BookingMessage) error { return nil }

func (o *outbox) ShowMoved(context.Context, pgx.Tx, notify.BookingMessage) error { return nil }

func (o *outbox) Booked(context.Context, pgx.Tx, int64, int64) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.booked++
	return nil
}

func withOutbox(o *outbox, opts booking.Options) booking.Options {
	opts.Refunds, opts.Notifier = o, o
	return opts
}

func (b *testBundle) status(t *testing.T, id int64) string {
	t.Helper()
	var st string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT status FROM booking.bookings WHERE id = $1", id).Scan(&st))
	return st
}

func TestBuyerCancelsWithinPolicy(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{CancelFee: 150}))
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"E5", "E6"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	require.Len(t, o.confirmed, 1, "the confirmation message is asked for")
	require.Equal(t, []string{"E5", "E6"}, o.confirmed[0].Seats)
	require.Equal(t, "Hold Tight", o.confirmed[0].Movie)

	_, err = b.svc.Cancel(ctx, 8, h.ID)
	require.ErrorIs(t, err, booking.ErrNotFound, "someone else's booking")
	q, err := b.svc.CancelQuote(ctx, 7, h.ID)
	require.NoError(t, err)
	require.True(t, q.Allowed)

	got, err := b.svc.Cancel(ctx, 7, h.ID)
	require.NoError(t, err)
	require.Equal(t, booking.Cancelled, got.Status)
	total := got.Total
	require.Equal(t, total-150, got.Refund, "the fee is kept")
	require.Empty(t, b.seatOwners(t), "the seats are on sale again at once")
	require.Equal(t, []payments.RefundRequest{{BookingID: h.ID, Amount: total - 150, Reason: "Cancelled by you", Key: "cancel:" + itoa(h.ID)}}, o.refunds)
	require.Len(t, o.cancelled, 1)
	require.Equal(t, total-150, o.cancelled[0].Refund)

	_, err = b.svc.Cancel(ctx, 7, h.ID)
	require.ErrorIs(t, err, booking.ErrNotCancellable, "cancelling twice refunds once")
	require.Len(t, o.refunds, 1)
	_, err = b.svc.Hold(ctx, 9, b.show.ID, []string{"E5"})
	require.NoError(t, err, "another buyer can have the seat")
	require.Zero(t, b.invariantViolations(t))
}

func TestCancelWindowCloses(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	late := func() time.Time { return time.Now().Add(25 * time.Hour) } // the show is 1 hour away
	b := setup(t, withOutbox(o, booking.Options{CancelWindow: 2 * time.Hour}))
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"C1"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	lateSvc := booking.NewService(b.pool, b.catalog, booking.RiverJobs{}, withOutbox(o, booking.Options{CancelWindow: 2 * time.Hour, Now: late}))
	q, err := lateSvc.CancelQuote(ctx, 7, h.ID)
	require.NoError(t, err)
	require.False(t, q.Allowed)
	_, err = lateSvc.Cancel(ctx, 7, h.ID)
	require.ErrorIs(t, err, booking.ErrCancelClosed)
	require.Equal(t, "confirmed", b.status(t, h.ID), "nothing changed")
	require.Empty(t, o.refunds)
}

func TestStaffCancelRefundsWhatTheyType(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{}))
	ctx := context.Background()
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"D1", "D2"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	_, err = b.svc.CancelByStaff(ctx, h.ID, h.Total+1, "")
	_, isField := validate.Fields(err)
	require.True(t, isField, "a refund above the total is refused: %v", err)
	require.Equal(t, "confirmed", b.status(t, h.ID))

	got, err := b.svc.CancelByStaff(ctx, h.ID, 500, "Projector broke")
	require.NoError(t, err)
	require.Equal(t, int64(500), got.Refund)
	require.Equal(t, []payments.RefundRequest{{BookingID: h.ID, Amount: 500, Reason: "Projector broke", Key: "cancel:" + itoa(h.ID)}}, o.refunds)
	require.Empty(t, b.seatOwners(t))
}

// TestCancelRacesConfirmation cancels held bookings while their payments
// confirm: whichever wins, the booking ends cancelled with its seats free,
// and a payment that landed first is refunded.
func TestCancelRacesConfirmation(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{}))
	ctx := context.Background()
	for i := range 12 {
		h, err := b.svc.Hold(ctx, int64(100+i), b.show.ID, []string{"J" + itoa(int64(i+1))})
		require.NoError(t, err)
		var wg sync.WaitGroup
		var confirmErr, cancelErr error
		wg.Go(func() { confirmErr = b.confirm(t, h.ID) })
		wg.Go(func() { _, cancelErr = b.svc.CancelByStaff(ctx, h.ID, h.Total, "race") })
		wg.Wait()
		require.NoError(t, cancelErr)
		require.Equal(t, "cancelled", b.status(t, h.ID))
		if confirmErr == nil {
			require.Contains(t, o.refunds, payments.RefundRequest{BookingID: h.ID, Amount: h.Total, Reason: "race", Key: "cancel:" + itoa(h.ID)},
				"confirmed first, so the payment is refunded")
		} else {
			require.ErrorIs(t, confirmErr, booking.ErrSeatsGone, "cancelled first, so the payment module refunds it")
		}
	}
	require.Empty(t, b.seatOwners(t))
	require.Zero(t, b.invariantViolations(t))
}

// TestCancelledShowCancelsItsBookings runs the real River worker: the
// cinema cancels the show, every paid booking is cancelled, refunded in
// full and its buyer told, and open holds are released.
func TestCancelledShowCancelsItsBookings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	o := &outbox{}
	workers := river.NewWorkers()
	inserter, err := jobs.New(b.pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	svc := booking.NewService(b.pool, b.catalog, booking.RiverJobs{Client: inserter}, withOutbox(o, booking.Options{}))
	booking.Workers(workers, svc)
	client, err := jobs.New(b.pool, jobs.Options{Workers: workers, RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	b.catalog.AddListener(svc)
	done, stop := client.Subscribe(river.EventKindJobCompleted)
	defer stop()
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() { client.Stop(context.Background()) })

	paid, err := svc.Hold(ctx, 1, b.show.ID, []string{"F1", "F2"})
	require.NoError(t, err)
	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error { return svc.Confirm(ctx, tx, paid.ID) }))
	held, err := svc.Hold(ctx, 2, b.show.ID, []string{"F5"})
	require.NoError(t, err)

	_, err = b.catalog.CancelShow(ctx, b.show.ID)
	require.NoError(t, err)
	for {
		select {
		case ev := <-done:
			if ev.Job.Kind != "booking.cancel_show" {
				continue
			}
		case <-time.After(2 * time.Minute):
			t.Fatal("the show cancellation job never ran")
		}
		break
	}
	require.Equal(t, "cancelled", b.status(t, paid.ID))
	require.Equal(t, "cancelled", b.status(t, held.ID))
	require.Empty(t, b.seatOwners(t))
	require.Equal(t, []payments.RefundRequest{{BookingID: paid.ID, Amount: paid.Total, Reason: "The cinema cancelled this show",
		Key: "cancel:" + itoa(paid.ID)}}, o.refunds, "only the paid booking is refunded, in full")
	require.Len(t, o.cancelled, 1)
	require.True(t, o.cancelled[0].ByCinema)
	_, err = svc.Hold(ctx, 3, b.show.ID, []string{"F9"})
	require.True(t, errors.Is(err, booking.ErrNotOnSale), "a cancelled show sells nothing: %v", err)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
