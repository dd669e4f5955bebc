package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// SeatsCancelQuote is what cancelling some seats of a booking now would
// mean for its buyer.
type SeatsCancelQuote struct {
	// Allowed is true while the cancellation window is open.
	Allowed  bool
	Deadline time.Time
	// Seats are the seats to cancel, in seat order.
	Seats []string
	// Cost is what those seats cost: their prices and shares of the
	// booking's fee and tax, less their share of its discount.
	Cost int64
	// Fee is their share of the chain's cancellation fee, kept.
	Fee      int64
	Refund   int64
	Currency string
	// Whole is true when the seats are all the booking still has: that is
	// a whole cancellation, on its terms (Cancel).
	Whole bool
}

// SeatsCancelledNotifier is the part of a Notifier that tells a buyer
// some seats of their booking were cancelled (the booking, with its
// remaining seats, and a fresh e-ticket, stays valid). A Notifier without
// it sends nothing for a partial cancellation; *notify.Service has it.
type SeatsCancelledNotifier interface {
	BookingSeatsCancelled(ctx context.Context, tx pgx.Tx, m notify.SeatsCancelledMessage) error
}

// seatShare is a seat's part of the booking's amounts.
type seatShare struct {
	row                      bookingdb.BookingBookingSeat
	fee, tax, discount, cost int64
}

// seatsCancel is a priced partial cancellation: the quote and each seat's
// shares.
type seatsCancel struct {
	quote  SeatsCancelQuote
	shares []seatShare
	n      int32 // the booking's n-th partial cancellation
}

// share is x * part / whole rounded half up (whole > 0).
func share(x, part, whole int64) int64 { return (2*x*part + whole) / (2 * whole) }

// priceSeatsCancel checks the chosen seats against the booking's seats
// (live) and prices their cancellation: each seat gives back what it cost
// less its share of the chain's fee, the shares of all partial
// cancellations of the booking adding up to the fee (the share of n seats
// out of the booking's original count, less what earlier cancellations
// kept). Errors: validate.Errors (no seat, a seat not in the booking).
func (s *Service) priceSeatsCancel(row bookingdb.BookingBooking, live []bookingdb.BookingBookingSeat,
	prior bookingdb.BookingSeatCancellationSummaryRow, d catalog.ShowDetail, chosen []string,
) (seatsCancel, error) {
	window, fee := s.cancelPolicy(d.Chain)
	out := seatsCancel{n: prior.Cancellations + 1}
	q := &out.quote
	q.Deadline, q.Currency = d.StartsAt.Add(-window), row.Currency
	q.Allowed = Status(row.Status) == Confirmed && s.opts.Now().Before(q.Deadline)
	var want []string
	for _, c := range chosen {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" && !slices.Contains(want, c) {
			want = append(want, c)
		}
	}
	if len(want) == 0 {
		return out, validate.Errors{"seats": "Choose at least one seat to cancel."}
	}
	slices.Sort(want)
	var subtotal int64
	for _, st := range live {
		subtotal += st.PriceMinor
	}
	for _, seat := range want {
		i := slices.IndexFunc(live, func(st bookingdb.BookingBookingSeat) bool { return st.Seat == seat })
		if i < 0 {
			return out, validate.Errors{"seats": "Seat " + seat + " is not in this booking."}
		}
		sh := seatShare{row: live[i]}
		part, whole := live[i].PriceMinor, subtotal
		if whole == 0 { // free seats: shares by count
			part, whole = 1, int64(len(live))
		}
		sh.fee, sh.tax = share(row.FeeMinor, part, whole), share(row.TaxMinor, part, whole)
		sh.discount = share(row.DiscountMinor, part, whole)
		sh.cost = max(sh.row.PriceMinor+sh.fee+sh.tax-sh.discount, 0)
		out.shares = append(out.shares, sh)
		q.Seats = append(q.Seats, seat)
		q.Cost += sh.cost
	}
	if len(want) == len(live) {
		// Every seat left: the whole booking, on a whole cancellation's terms
		// (what is left of the payment, less the rest of the fee).
		wq := s.quote(row, d, prior.CancelFeeMinor)
		q.Whole, q.Cost, q.Fee, q.Refund = true, wq.Fee+wq.Refund, wq.Fee, wq.Refund
		return out, nil
	}
	// The booking's seats before any partial cancellation, and the share of
	// the fee this cancellation brings the kept total to.
	seats := int64(len(live)) + int64(prior.Seats)
	kept := share(fee, int64(prior.Seats)+int64(len(want)), seats) - prior.CancelFeeMinor
	q.Fee = min(max(kept, 0), q.Cost)
	q.Refund = q.Cost - q.Fee
	return out, nil
}

// QuoteCancelSeats says whether userID may cancel seats of booking id now
// and what they would get back. Errors: ErrNotFound, ErrNotCancellable,
// validate.Errors.
func (s *Service) QuoteCancelSeats(ctx context.Context, userID, id int64, seats []string) (SeatsCancelQuote, error) {
	if userID == 0 {
		return SeatsCancelQuote{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(row.UserID, userID)) {
		return SeatsCancelQuote{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return SeatsCancelQuote{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	if Status(row.Status) != Confirmed {
		return SeatsCancelQuote{}, fmt.Errorf("booking %d: %w", id, ErrNotCancellable)
	}
	live, err := s.q.BookingSeatList(ctx, s.pool, id)
	if err != nil {
		return SeatsCancelQuote{}, fmt.Errorf("seats of booking %d: %w", id, err)
	}
	prior, err := s.q.BookingSeatCancellationSummary(ctx, s.pool, id)
	if err != nil {
		return SeatsCancelQuote{}, fmt.Errorf("cancellations of booking %d: %w", id, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return SeatsCancelQuote{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	pc, err := s.priceSeatsCancel(row, liveSeats(live), prior, d, seats)
	return pc.quote, err
}

// liveSeats keeps the seats a booking still holds.
func liveSeats(all []bookingdb.BookingBookingSeat) []bookingdb.BookingBookingSeat {
	return slices.DeleteFunc(all, func(st bookingdb.BookingBookingSeat) bool { return !st.Live })
}

// CancelSeats cancels some seats of a buyer's confirmed booking within
// the cancellation window. In one transaction, with the booking locked:
// the seats go back on sale, their rows move to the booking's
// cancellations with what they cost and what is refunded, the booking's
// amounts drop, its history says so, the refund is asked of payments
// (key "cancel-seats:<booking>:<n>") and the buyer is told. The booking
// stays confirmed with its other seats; its e-ticket, issued from the
// seats, names only those (check-in refuses an older ticket naming a
// cancelled seat). Choosing every seat left is Cancel. Errors:
// ErrNotFound (not theirs), ErrNotCancellable, ErrCancelClosed,
// validate.Errors (no seat chosen, a seat not in the booking).
func (s *Service) CancelSeats(ctx context.Context, userID, id int64, seats []string) (Booking, SeatsCancelQuote, error) {
	if userID == 0 {
		return Booking{}, SeatsCancelQuote{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	var out bookingdb.BookingBooking
	var pc seatsCancel
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.lockBooking(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(b.UserID, userID)) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		if addon, err := s.isFoodAddon(ctx, tx, b.ID); err != nil {
			return err
		} else if addon {
			return ErrNotFound
		}
		if Status(b.Status) != Confirmed || b.Channel == channelCounter {
			// A counter sale is refunded at the counter, by staff.
			return ErrNotCancellable
		}
		all, err := s.q.BookingSeatList(ctx, tx, b.ID)
		if err != nil {
			return fmt.Errorf("seats: %w", err)
		}
		prior, err := s.q.BookingSeatCancellationSummary(ctx, tx, b.ID)
		if err != nil {
			return fmt.Errorf("earlier cancellations: %w", err)
		}
		d, err := s.showTx(ctx, tx, b.ShowID)
		if err != nil {
			return fmt.Errorf("show of booking: %w", err)
		}
		if pc, err = s.priceSeatsCancel(b, liveSeats(all), prior, d, seats); err != nil {
			return err
		}
		if !pc.quote.Allowed {
			return ErrCancelClosed
		}
		if pc.quote.Whole {
			return errWholeCancel
		}
		return s.cancelSeatsLocked(ctx, tx, b, d, pc, &out)
	})
	if errors.Is(err, errWholeCancel) {
		whole, err := s.Cancel(ctx, userID, id)
		if err != nil {
			return Booking{}, SeatsCancelQuote{}, err
		}
		pc.quote.Refund = whole.Refund
		return whole, pc.quote, nil
	}
	if err != nil {
		return Booking{}, SeatsCancelQuote{}, fmt.Errorf("cancel seats of booking %d: %w", id, err)
	}
	s.publishAvailability(ctx, out.ShowID)
	return bookingFromRow(out), pc.quote, nil
}

// errWholeCancel: the buyer chose every seat left, so CancelSeats cancels
// the booking (after rolling its own transaction back).
var errWholeCancel = errors.New("every seat left: cancel the booking")

// cancelSeatsLocked does the partial cancellation pc of locked booking b.
func (s *Service) cancelSeatsLocked(ctx context.Context, tx pgx.Tx, b bookingdb.BookingBooking, d catalog.ShowDetail,
	pc seatsCancel, out *bookingdb.BookingBooking,
) error {
	q := pc.quote
	freed, err := s.q.ShowSeatFreeSome(ctx, tx, bookingdb.ShowSeatFreeSomeParams{ShowID: b.ShowID, BookingID: &b.ID, Seats: q.Seats})
	if err != nil {
		return fmt.Errorf("free seats: %w", err)
	}
	taken, err := s.q.BookingSeatTake(ctx, tx, bookingdb.BookingSeatTakeParams{BookingID: b.ID, Seats: q.Seats})
	if err != nil {
		return fmt.Errorf("take seats: %w", err)
	}
	if int(freed) != len(q.Seats) || len(taken) != len(q.Seats) {
		return fmt.Errorf("seats %v of booking %d: %d freed, %d taken", q.Seats, b.ID, freed, len(taken))
	}
	key := "cancel-seats:" + strconv.FormatInt(b.ID, 10) + ":" + strconv.Itoa(int(pc.n))
	var sum bookingdb.BookingSeatsCancelAmountsParams
	sum.ID, sum.CancelFee, sum.Refund = b.ID, q.Fee, q.Refund
	feeLeft := q.Fee
	for i, sh := range pc.shares {
		// The kept fee spread over the seats, the last taking the rest.
		seatFee := min(share(q.Fee, sh.cost, max(q.Cost, 1)), feeLeft, sh.cost)
		if i == len(pc.shares)-1 {
			seatFee = feeLeft
		}
		feeLeft -= seatFee
		sum.Subtotal += sh.row.PriceMinor
		sum.Fee += sh.fee
		sum.Tax += sh.tax
		sum.Discount += sh.discount
		if err := s.q.BookingSeatCancellationInsert(ctx, tx, bookingdb.BookingSeatCancellationInsertParams{
			BookingID: b.ID, N: pc.n, ShowID: b.ShowID, Seat: sh.row.Seat, Category: sh.row.Category,
			TicketTypeName: sh.row.TicketTypeName, PriceMinor: sh.row.PriceMinor, FeeMinor: sh.fee, TaxMinor: sh.tax,
			DiscountMinor: sh.discount, CancelFeeMinor: seatFee, RefundMinor: sh.cost - seatFee, RefundKey: key,
		}); err != nil {
			return fmt.Errorf("record cancelled seat %s: %w", sh.row.Seat, err)
		}
	}
	if *out, err = s.q.BookingSeatsCancelAmounts(ctx, tx, sum); err != nil {
		return fmt.Errorf("lower amounts: %w", err)
	}
	// The staff booking page shows the note: whose act it was, what went
	// back and what was kept.
	note := "Seats " + strings.Join(q.Seats, ", ") + " cancelled by the buyer; refund " + money.Format(q.Refund, b.Currency) +
		"; cancellation fee kept " + money.Format(q.Fee, b.Currency)
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID,
		Status: string(Confirmed), Note: note}); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	if q.Refund > 0 && s.opts.Refunds != nil {
		if err := s.opts.Refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: b.ID, Amount: q.Refund,
			Reason: "Seats " + strings.Join(q.Seats, ", ") + " cancelled by you", Key: key}); err != nil {
			return fmt.Errorf("request refund: %w", err)
		}
	}
	if n, ok := s.opts.Notifier.(SeatsCancelledNotifier); ok && (out.UserID != nil || out.GuestEmail != nil) {
		m, err := s.message(ctx, tx, *out, d)
		if err != nil {
			return err
		}
		m.Refund = q.Refund
		if err := n.BookingSeatsCancelled(ctx, tx, notify.SeatsCancelledMessage{Booking: m, N: pc.n, Seats: q.Seats,
			Fee: q.Fee}); err != nil {
			return fmt.Errorf("message for cancelled seats: %w", err)
		}
	}
	return s.announceFreed(ctx, tx, b.ShowID)
}
