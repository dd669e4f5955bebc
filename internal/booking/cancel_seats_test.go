package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// shiftedClock is the real time moved on by a test.
type shiftedClock struct{ by atomic.Int64 }

func (c *shiftedClock) now() time.Time { return time.Now().Add(time.Duration(c.by.Load())) }

// threeSeats books E5, E6 and E7 (1000 each) for buyer 7.
func threeSeats(t *testing.T, b *testBundle) booking.Booking {
	t.Helper()
	h, err := b.svc.Hold(context.Background(), 7, b.show.ID, []string{"E5", "E6", "E7"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	co, err := b.svc.BookingDetail(context.Background(), 7, h.ID)
	require.NoError(t, err)
	return co.Booking
}

// oneThird is x/3 rounded half up: a seat's share of a booking of three
// seats at one price.
func oneThird(x int64) int64 { return (2*x + 3) / 6 }

func TestCancelOneOfThreeSeatsFreesItAndRefundsItsShare(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	clock := &shiftedClock{}
	tickets := ticketSigner(t, ticketKey("k1", 1))
	b := setup(t, withOutbox(o, booking.Options{CancelFee: 150, Now: clock.now, Tickets: tickets}))
	ctx := context.Background()
	bk := threeSeats(t, b)
	oldTicket, err := tickets.Issue(bk)
	require.NoError(t, err)

	q, err := b.svc.QuoteCancelSeats(ctx, 7, bk.ID, []string{"e6"})
	require.NoError(t, err)
	cost := 1000 + oneThird(bk.Fee) + oneThird(bk.Tax) - oneThird(bk.Discount)
	require.Equal(t, booking.SeatsCancelQuote{Allowed: true, Deadline: q.Deadline, FoodDeadline: q.FoodDeadline, Seats: []string{"E6"}, Cost: cost,
		Fee: 50, Refund: cost - 50, Currency: bk.Currency}, q, "a third of the fee for one seat of three")

	got, _, err := b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E6"})
	require.NoError(t, err)
	require.Equal(t, booking.Confirmed, got.Status, "the booking stays")
	require.Equal(t, bk.Total-(cost-50), got.Total, "the booking's total drops by the refund")
	require.Equal(t, map[string]int64{"E5": bk.ID, "E7": bk.ID}, b.seatOwners(t), "E6 is free on the seat map")
	require.Equal(t, []payments.RefundRequest{{BookingID: bk.ID, Amount: cost - 50, Reason: "Seats E6 cancelled by you",
		Key: "cancel-seats:" + itoa(bk.ID) + ":1"}}, o.refunds)
	co, err := b.svc.BookingDetail(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.Len(t, co.Booking.Seats, 2)
	require.Equal(t, "E5", co.Booking.Seats[0].Seat)
	require.Equal(t, "E7", co.Booking.Seats[1].Seat)
	var note string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT note FROM booking.booking_events WHERE booking_id = $1 ORDER BY id DESC LIMIT 1",
		bk.ID).Scan(&note))
	require.Contains(t, note, "Seats E6 cancelled by the buyer")

	_, err = b.svc.Hold(ctx, 9, b.show.ID, []string{"E6"})
	require.NoError(t, err, "another buyer can have the seat")
	require.Zero(t, b.invariantViolations(t))

	// At the door: the old QR names E6 and is refused; a ticket issued now
	// names E5 and E7 and lets them in.
	clock.by.Store(int64(26*time.Hour - 30*time.Minute))
	claims, err := tickets.Verify(oldTicket)
	require.NoError(t, err)
	ci, err := b.svc.CheckIn(ctx, booking.CheckInInput{Code: claims.Code, TicketShowID: claims.ShowID, TicketSeats: claims.Seats})
	require.NoError(t, err)
	require.Equal(t, booking.TicketMismatch, ci.Outcome, "the old ticket does not admit the cancelled seat")
	newTicket, err := tickets.Issue(co.Booking)
	require.NoError(t, err)
	require.NotEqual(t, oldTicket, newTicket)
	claims, err = tickets.Verify(newTicket)
	require.NoError(t, err)
	require.Equal(t, []string{"E5", "E7"}, claims.Seats)
	ci, err = b.svc.CheckIn(ctx, booking.CheckInInput{Code: claims.Code, TicketShowID: claims.ShowID, TicketSeats: claims.Seats})
	require.NoError(t, err)
	require.Equal(t, booking.Admitted, ci.Outcome)
}

func TestCancelSeatsRefusesWhatItMayNot(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	clock := &shiftedClock{}
	b := setup(t, withOutbox(o, booking.Options{CancelWindow: 2 * time.Hour, Now: clock.now}))
	ctx := context.Background()
	bk := threeSeats(t, b)

	_, _, err := b.svc.CancelSeats(ctx, 8, bk.ID, []string{"E6"})
	require.ErrorIs(t, err, booking.ErrNotFound, "someone else's booking")
	_, err = b.svc.QuoteCancelSeats(ctx, 8, bk.ID, []string{"E6"})
	require.ErrorIs(t, err, booking.ErrNotFound)
	_, _, err = b.svc.CancelSeats(ctx, 7, bk.ID, nil)
	require.ErrorIs(t, err, booking.ErrNothingToCancel, "no seat chosen")
	_, _, err = b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E6", "F1"})
	require.ErrorIs(t, err, validate.ErrInvalid, "a seat not in the booking")

	clock.by.Store(int64(25 * time.Hour)) // the show is an hour away
	q, err := b.svc.QuoteCancelSeats(ctx, 7, bk.ID, []string{"E6"})
	require.NoError(t, err)
	require.False(t, q.Allowed)
	_, _, err = b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E6"})
	require.ErrorIs(t, err, booking.ErrCancelClosed)

	require.Empty(t, o.refunds, "nothing refused is refunded")
	require.Len(t, b.seatOwners(t), 3)
}

func TestCancellingEverySeatLeftCancelsTheBooking(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{CancelFee: 150}))
	ctx := context.Background()
	bk := threeSeats(t, b)
	_, first, err := b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E5"})
	require.NoError(t, err)

	q, err := b.svc.QuoteCancelSeats(ctx, 7, bk.ID, []string{"E6", "E7"})
	require.NoError(t, err)
	require.True(t, q.Whole)
	got, last, err := b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E7", "E6"})
	require.NoError(t, err)
	require.Equal(t, booking.Cancelled, got.Status, "a whole cancellation")
	require.Empty(t, b.seatOwners(t))
	require.Len(t, o.refunds, 2)
	require.Equal(t, "cancel:"+itoa(bk.ID), o.refunds[1].Key, "the whole cancellation's own refund")
	require.Equal(t, bk.Total-150, first.Refund+last.Refund, "all refunded but the fee, kept once")
	require.Equal(t, bk.Total-150, o.refunds[0].Amount+o.refunds[1].Amount)
	require.Len(t, o.cancelled, 1, "the buyer is told the booking is cancelled")
	require.Zero(t, b.invariantViolations(t))
}

func TestPartialCancelsRacingNeverRefundASeatTwice(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{CancelFee: 150}))
	ctx := context.Background()
	for round := 0; round < 5; round++ {
		bk := threeSeats(t, b)
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i, act := range []func() error{
			func() error { _, _, err := b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E6"}); return err },
			func() error { _, _, err := b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E6"}); return err },
			func() error { _, err := b.svc.Cancel(ctx, 7, bk.ID); return err },
		} {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = act() }()
		}
		wg.Wait()
		require.NoError(t, errs[2], "the whole cancellation always goes through")
		require.False(t, errs[0] == nil && errs[1] == nil, "E6 is cancelled once: %v", errs)
		var paid int64
		keys := map[string]bool{}
		for _, r := range o.refunds {
			if r.BookingID == bk.ID {
				require.False(t, keys[r.Key], "refund %s asked twice", r.Key)
				keys[r.Key] = true
				paid += r.Amount
			}
		}
		require.Equal(t, bk.Total-150, paid, "exactly the total less the fee, however the race went")
		require.Empty(t, b.seatOwners(t), "round %d", round)
		require.Zero(t, b.invariantViolations(t))
	}
}

func TestBuyerCancelsSomeSeatsFromTheBookingPage(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	buyer := sb.browser(t, "Ada", account.Customer)
	bk := sb.sold(t, buyer.id, sb.show, "G4", "G5", "G6")
	page := fmt.Sprintf("/bookings/%d", bk.ID)
	form := page + "/cancel-seats"

	_, body := buyer.Get(t, page)
	require.Contains(t, body, `href="`+form+`"`, "the booking page offers to cancel some seats")
	res, body := buyer.Get(t, form)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `value="G5"`)

	stranger := sb.browser(t, "Eve", account.Customer)
	res, _ = stranger.Get(t, form)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "only the buyer sees the form")
	res, _ = stranger.Post(t, form, url.Values{"seats": {"G5"}, "confirm": {"1"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "only the buyer may cancel")

	res, body = buyer.Post(t, form, url.Values{})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose at least one seat or item to cancel.")
	res, body = buyer.Post(t, form, url.Values{"seats": {"A9"}, "confirm": {"1"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Seat A9 is not in this booking.")

	res, body = buyer.Post(t, form, url.Values{"seats": {"G5"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Cancelling G5 gives back")
	require.Contains(t, body, "Yes, cancel and refund")
	require.Len(t, sb.seatOwners(t), 3, "a quote changes nothing")

	res, _ = buyer.Post(t, form, url.Values{"seats": {"G5"}, "confirm": {"1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = buyer.Get(t, page)
	require.Contains(t, body, "Seats G5 are cancelled and back on sale.")
	require.Contains(t, body, "Confirmed")
	require.Equal(t, map[string]int64{"G4": bk.ID, "G6": bk.ID}, sb.seatOwners(t))

	sb.clock.advance(sb.show.StartsAt.Sub(sb.clock.now()) - time.Hour) // an hour before the show
	res, body = buyer.Post(t, form, url.Values{"seats": {"G6"}, "confirm": {"1"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "the window has closed")
	require.Contains(t, body, "can no longer be cancelled online")
	require.Len(t, sb.seatOwners(t), 2)
}

func TestAPICancelSomeSeats(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "F3", "F4")
	require.NoError(t, pg.InTx(context.Background(), ab.pool, func(ctx context.Context, tx pgx.Tx) error { return ab.svc.Confirm(ctx, tx, held.ID) }))
	path := fmt.Sprintf("/api/v1/bookings/%d/cancel-seats", held.ID)

	require.Equal(t, "not_found", bo.problem(t, http.MethodPost, path, map[string]any{"seats": []string{"F3"}}).Code)
	p := ada.problem(t, http.MethodPost, path, map[string]any{"seats": []string{"Z9"}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["seats"], "Z9")

	status, raw := ada.call(t, http.MethodGet, path+"?seats=F4", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var q struct {
		Allowed bool     `json:"allowed"`
		Seats   []string `json:"seats"`
		Refund  int64    `json:"refund"`
	}
	require.NoError(t, json.Unmarshal(raw, &q))
	require.True(t, q.Allowed)
	require.Equal(t, []string{"F4"}, q.Seats)

	status, raw = ada.call(t, http.MethodPost, path, map[string]any{"seats": []string{"F4"}})
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var got apiBookingBody
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, "confirmed", got.Status)
	require.Len(t, got.Seats, 1)
	require.Equal(t, "F3", got.Seats[0].Label)
	_, states := ada.states(t)
	require.Equal(t, "free", states["F4"], "the seat is on sale again")
	require.Zero(t, ab.invariantViolations(t))
}
