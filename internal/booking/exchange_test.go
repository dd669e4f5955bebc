package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// exchangeOutbox is an outbox that also hears of exchanges.
type exchangeOutbox struct {
	*outbox
	exchanged []notify.ExchangeMessage
}

func (o *exchangeOutbox) BookingExchanged(_ context.Context, _ pgx.Tx, m notify.ExchangeMessage) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.exchanged = append(o.exchanged, m)
	return nil
}

// exchangeBundle is a booking service over "Hold Tight" (starting in 26
// hours) and a later show of it on the same screen at its usual prices.
type exchangeBundle struct {
	*testBundle
	out     *exchangeOutbox
	clock   *shiftedClock
	tickets *booking.Tickets
	later   catalog.Show
}

func exchangeSetup(t *testing.T) *exchangeBundle {
	t.Helper()
	o := &exchangeOutbox{outbox: &outbox{}}
	clock := &shiftedClock{}
	tickets := ticketSigner(t, ticketKey("k1", 1))
	b := setup(t, booking.Options{Refunds: o, Notifier: o, CancelWindow: 2 * time.Hour, Now: clock.now, Tickets: tickets})
	eb := &exchangeBundle{testBundle: b, out: o, clock: clock, tickets: tickets}
	eb.later = eb.schedule(t, 50*time.Hour, nil)
	return eb
}

// schedule adds a show of the same movie on the same screen.
func (b *exchangeBundle) schedule(t *testing.T, in time.Duration, prices catalog.Prices) catalog.Show {
	t.Helper()
	sh, err := b.catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: b.show.MovieID, ScreenID: b.show.ScreenID,
		StartsAt: time.Now().Add(in), Language: "English", Format: "2D", Prices: prices})
	require.NoError(t, err)
	return sh
}

// book sells seats of the first show to buyer.
func (b *exchangeBundle) book(t *testing.T, buyer int64, seats ...string) booking.Booking {
	t.Helper()
	h, err := b.svc.Hold(context.Background(), buyer, b.show.ID, seats)
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	co, err := b.svc.BookingDetail(context.Background(), buyer, h.ID)
	require.NoError(t, err)
	return co.Booking
}

// owners maps the held or sold seats of a show to their bookings.
func (b *exchangeBundle) owners(t *testing.T, showID int64) map[string]int64 {
	t.Helper()
	rows, err := b.pool.Query(context.Background(),
		"SELECT seat, booking_id FROM booking.show_seats WHERE show_id = $1 AND booking_id IS NOT NULL", showID)
	require.NoError(t, err)
	out := map[string]int64{}
	for rows.Next() {
		var seat string
		var id int64
		require.NoError(t, rows.Scan(&seat, &id))
		out[seat] = id
	}
	require.NoError(t, rows.Err())
	return out
}

// seatSets counts, for booking id, its live seats and the seat rows sold
// to it, over every show.
func (b *exchangeBundle) seatSets(t *testing.T, id int64) (live, sold int) {
	t.Helper()
	require.NoError(t, b.pool.QueryRow(context.Background(), `
		SELECT (SELECT count(*) FROM booking.booking_seats WHERE booking_id = $1 AND live),
		       (SELECT count(*) FROM booking.show_seats WHERE booking_id = $1 AND state = 'booked')`, id).Scan(&live, &sold))
	return live, sold
}

func TestExchangeAtTheSamePriceMovesTheSeatsAndReissuesTheTicket(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")
	oldTicket, err := b.tickets.Issue(bk)
	require.NoError(t, err)

	_, shows, err := b.svc.ExchangeShows(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.Len(t, shows, 1)
	require.Equal(t, b.later.ID, shows[0].ID, "the later show of the movie is offered")
	q, err := b.svc.QuoteExchange(ctx, 7, bk.ID, b.later.ID, []string{"f2", "F1"})
	require.NoError(t, err)
	require.True(t, q.Allowed)
	require.Equal(t, []string{"F1", "F2"}, q.Seats)
	require.Equal(t, []string{"E5", "E6"}, q.OldSeats)
	require.Zero(t, q.Difference)

	got, _, err := b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"F1", "F2"})
	require.NoError(t, err)
	require.Equal(t, b.later.ID, got.ShowID)
	require.Equal(t, booking.Confirmed, got.Status)
	require.Equal(t, bk.Total, got.Total, "same price, same total")
	require.Equal(t, bk.Code, got.Code, "the booking keeps its code")
	require.Empty(t, b.owners(t, b.show.ID), "E5 and E6 are free on the old show's map")
	require.Equal(t, map[string]int64{"F1": bk.ID, "F2": bk.ID}, b.owners(t, b.later.ID), "F1 and F2 are sold to the booking")
	require.Empty(t, b.out.refunds)
	require.Zero(t, b.invariantViolations(t))

	require.Len(t, b.out.exchanged, 1, "the buyer is told")
	m := b.out.exchanged[0]
	require.Equal(t, []string{"F1", "F2"}, m.Booking.Seats)
	require.Equal(t, []string{"E5", "E6"}, m.FromSeats)
	require.NotEmpty(t, m.Booking.TicketToken, "with the new e-ticket")
	require.Equal(t, "/bookings/"+itoa(bk.ID)+"/ticket.ics", m.CalendarPath)

	var note string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT note FROM booking.booking_events WHERE booking_id = $1 ORDER BY id DESC LIMIT 1",
		bk.ID).Scan(&note))
	require.Contains(t, note, "seats E5, E6")
	_, err = b.svc.Hold(ctx, 9, b.show.ID, []string{"E5"})
	require.NoError(t, err, "another buyer can have an old seat")

	// At the door of the new show: the old QR is refused, the new one admits.
	b.clock.by.Store(int64(50*time.Hour - 30*time.Minute))
	claims, err := b.tickets.Verify(oldTicket)
	require.NoError(t, err)
	ci, err := b.svc.CheckIn(ctx, booking.CheckInInput{Code: claims.Code, TicketShowID: claims.ShowID, TicketSeats: claims.Seats})
	require.NoError(t, err)
	require.Equal(t, booking.TicketMismatch, ci.Outcome, "the old e-ticket no longer opens the door")
	claims, err = b.tickets.Verify(m.Booking.TicketToken)
	require.NoError(t, err)
	require.Equal(t, []string{"F1", "F2"}, claims.Seats)
	ci, err = b.svc.CheckIn(ctx, booking.CheckInInput{Code: claims.Code, TicketShowID: claims.ShowID, TicketSeats: claims.Seats})
	require.NoError(t, err)
	require.Equal(t, booking.Admitted, ci.Outcome)
}

func TestExchangeToCheaperSeatsRefundsTheDifference(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	cheap := b.schedule(t, 30*time.Hour, catalog.Prices{catalog.Standard: 800, catalog.Premium: 1200})
	bk := b.book(t, 7, "E5", "E6")

	q, err := b.svc.QuoteExchange(ctx, 7, bk.ID, cheap.ID, []string{"C3", "C4"})
	require.NoError(t, err)
	require.Equal(t, int64(-400), q.Difference)
	got, _, err := b.svc.Exchange(ctx, 7, bk.ID, cheap.ID, []string{"C3", "C4"})
	require.NoError(t, err)
	require.Equal(t, bk.Total-400, got.Total, "the total drops by the refund")
	require.Equal(t, []payments.RefundRequest{{BookingID: bk.ID, Amount: 400, Reason: "Moved to another show by you",
		Key: "exchange:" + itoa(bk.ID) + ":1"}}, b.out.refunds)
	var diff int64
	var key string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT difference_minor, refund_key FROM booking.booking_exchanges WHERE booking_id = $1",
		bk.ID).Scan(&diff, &key))
	require.Equal(t, int64(-400), diff)
	require.Equal(t, "exchange:"+itoa(bk.ID)+":1", key)
	require.Equal(t, int64(400), b.out.exchanged[0].Booking.Refund, "the message names the refund")
	require.Zero(t, b.invariantViolations(t))
}

func TestExchangeRefusesWhatItMayNotAndChangesNothing(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")
	unchanged := func(t *testing.T) {
		t.Helper()
		require.Equal(t, map[string]int64{"E5": bk.ID, "E6": bk.ID}, b.owners(t, b.show.ID))
		live, sold := b.seatSets(t, bk.ID)
		require.Equal(t, [2]int{2, 2}, [2]int{live, sold})
		require.Empty(t, b.out.exchanged)
		require.Empty(t, b.out.refunds)
	}

	_, _, err := b.svc.Exchange(ctx, 8, bk.ID, b.later.ID, []string{"F1", "F2"})
	require.ErrorIs(t, err, booking.ErrNotFound, "someone else's booking")
	_, err = b.svc.QuoteExchange(ctx, 8, bk.ID, b.later.ID, []string{"F1", "F2"})
	require.ErrorIs(t, err, booking.ErrNotFound)
	_, _, err = b.svc.Exchange(ctx, 7, bk.ID, b.show.ID, []string{"F1", "F2"})
	require.ErrorIs(t, err, booking.ErrSameShow)
	_, _, err = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"F1"})
	require.ErrorIs(t, err, validate.ErrInvalid, "one seat for a booking of two")
	_, _, err = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID+1000, []string{"F1", "F2"})
	require.ErrorIs(t, err, booking.ErrShowNotAllowed, "no such show")

	_, err = b.svc.Hold(ctx, 9, b.later.ID, []string{"F2"})
	require.NoError(t, err)
	_, _, err = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"F1", "F2"})
	var taken *booking.SeatsTakenError
	require.ErrorAs(t, err, &taken)
	require.Equal(t, []string{"F2"}, taken.Seats)
	require.NotContains(t, b.owners(t, b.later.ID), "F1", "nothing taken")
	unchanged(t)

	b.clock.by.Store(int64(25 * time.Hour)) // the show is an hour away
	_, _, err = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, []string{"G1", "G2"})
	require.ErrorIs(t, err, booking.ErrExchangeClosed)
	open, err := b.svc.ExchangeOpen(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.False(t, open, "no Change show button after the cut-off")
	unchanged(t)
	require.Zero(t, b.invariantViolations(t))
}
