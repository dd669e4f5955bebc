package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// SeatsCancelQuote is what cancelling some seats and food of a booking
// now would mean for its buyer.
type SeatsCancelQuote struct {
	// Allowed is true while the cancellation window is open for the seats
	// chosen and the food cut-off has not passed for the food chosen.
	Allowed  bool
	Deadline time.Time
	// FoodDeadline is the last moment to cancel food.
	FoodDeadline time.Time
	// Seats are the seats to cancel, in seat order.
	Seats []string
	// Food are the food lines to cancel, each with its quantity.
	Food []CancelledFood
	// Cost is what the seats cost (their prices and shares of the
	// booking's fee and tax, less their share of its discount) and what
	// the food cost (FoodRefund: its price and tax, refunded in full).
	Cost       int64
	FoodRefund int64
	// Fee is the seats' share of the chain's cancellation fee, kept.
	Fee      int64
	Refund   int64
	Currency string
	// Whole is true when the seats are all the booking still has: that is
	// a whole cancellation, food included, on its terms (Cancel).
	Whole bool
}

// SeatsCancelledNotifier is the part of a Notifier that tells a buyer
// some seats of their booking were cancelled (the booking, with its
// remaining seats, and a fresh e-ticket, stays valid). A Notifier without
// it sends nothing for a partial cancellation; *notify.Service has it.
type SeatsCancelledNotifier interface {
	BookingSeatsCancelled(ctx context.Context, tx pgx.Tx, m notify.SeatsCancelledMessage) error
}

// QuoteCancelSeats says whether userID may cancel seats and food of
// booking id now and what they would get back. Errors: ErrNotFound,
// ErrNotCancellable, ErrNothingToCancel, validate.Errors.
func (s *Service) QuoteCancelSeats(ctx context.Context, userID, id int64, seats []string, food ...FoodCancel) (SeatsCancelQuote, error) {
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
	lines, err := s.cancellableLines(ctx, s.pool, id)
	if err != nil {
		return SeatsCancelQuote{}, err
	}
	pc, err := s.priceSeatsCancel(row, liveSeats(live), prior, d, seats, lines, food)
	return pc.quote, err
}

// liveSeats keeps the seats a booking still holds.
func liveSeats(all []bookingdb.BookingBookingSeat) []bookingdb.BookingBookingSeat {
	return slices.DeleteFunc(all, func(st bookingdb.BookingBookingSeat) bool { return !st.Live })
}

// CancelSeats cancels some seats and food lines of a buyer's confirmed
// booking, the seats within the cancellation window and the food until
// the food cut-off. In one transaction, with the booking (and its food
// orders) locked: the seats go back on sale, their rows move to the
// booking's cancellations with what they cost and what is refunded, the
// food's units leave their lines and go back into stock, the booking's
// amounts drop, its history says so, the refund is asked of payments (key
// "cancel-seats:<booking>:<n>"; food of a later food order from that
// order's payment, "cancel-food:<order>:<n>") and the buyer is told. The
// booking stays confirmed with its other seats; its e-ticket, issued from
// the seats, names only those (check-in refuses an older ticket naming a
// cancelled seat). Choosing every seat left is Cancel, food included.
// Errors: ErrNotFound (not theirs), ErrNotCancellable, ErrCancelClosed,
// ErrFoodCancelClosed, ErrNothingToCancel, validate.Errors (a seat or a
// food line not in the booking, a quantity more than is left).
func (s *Service) CancelSeats(ctx context.Context, userID, id int64, seats []string, food ...FoodCancel) (Booking, SeatsCancelQuote, error) {
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
		if err := s.lockFoodOrders(ctx, tx, b.ID, food); err != nil {
			return err
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
		lines, err := s.cancellableLines(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		if pc, err = s.priceSeatsCancel(b, liveSeats(all), prior, d, seats, lines, food); err != nil {
			return err
		}
		switch {
		case len(pc.quote.Seats) > 0 && !s.opts.Now().Before(pc.quote.Deadline):
			return ErrCancelClosed
		case !pc.quote.Allowed:
			return ErrFoodCancelClosed
		case pc.quote.Whole:
			return errWholeCancel
		}
		if pc.n, err = s.q.BookingCancellationNext(ctx, tx, b.ID); err != nil {
			return fmt.Errorf("number the cancellation: %w", err)
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
	if len(pc.quote.Seats) > 0 {
		s.publishAvailability(ctx, out.ShowID)
	}
	return bookingFromRow(out), pc.quote, nil
}

// errWholeCancel: the buyer chose every seat left, so CancelSeats cancels
// the booking (after rolling its own transaction back).
var errWholeCancel = errors.New("every seat left: cancel the booking")

// cancelSeatsLocked does the partial cancellation pc of locked booking b:
// its seats, its food, the booking's refund, history and message.
func (s *Service) cancelSeatsLocked(ctx context.Context, tx pgx.Tx, b bookingdb.BookingBooking, d catalog.ShowDetail,
	pc seatsCancel, out *bookingdb.BookingBooking,
) error {
	q := pc.quote
	if err := s.takeSeatsLocked(ctx, tx, b, pc); err != nil {
		return err
	}
	ownFood, err := s.cancelFoodLocked(ctx, tx, b, pc.n, q.Food)
	if err != nil {
		return err
	}
	if *out, err = s.q.BookingGet(ctx, tx, b.ID); err != nil {
		return fmt.Errorf("booking after cancellation: %w", err)
	}
	// The booking's own payment gives back the seats' refund and its own
	// food; food orders' lines were refunded from their payments.
	refund := q.Refund - q.FoodRefund + ownFood
	key := foodRefundKey(b.ID, b.ID, pc.n)
	// The staff booking page shows the note: whose act it was, what went
	// back and what was kept.
	var what []string
	if len(q.Seats) > 0 {
		what = append(what, "Seats "+strings.Join(q.Seats, ", "))
	}
	what = append(what, foodItems(q)...)
	note := strings.Join(what, "; ") + " cancelled by the buyer; refund " + money.Format(q.Refund, b.Currency) +
		"; cancellation fee kept " + money.Format(q.Fee, b.Currency)
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID,
		Status: string(Confirmed), Note: note}); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	if refund > 0 && s.opts.Refunds != nil {
		if err := s.opts.Refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: b.ID, Amount: refund,
			Reason: strings.Join(what, "; ") + " cancelled by you", Key: key}); err != nil {
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
			Items: foodItems(q), Fee: q.Fee}); err != nil {
			return fmt.Errorf("message for cancelled seats: %w", err)
		}
	}
	if len(q.Seats) == 0 {
		return nil
	}
	return s.announceFreed(ctx, tx, b.ShowID)
}

// takeSeatsLocked frees the seats of pc, moves them to the booking's
// cancellations and lowers its amounts (nothing without seats).
func (s *Service) takeSeatsLocked(ctx context.Context, tx pgx.Tx, b bookingdb.BookingBooking, pc seatsCancel) error {
	q := pc.quote
	if len(q.Seats) == 0 {
		return nil
	}
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
	key := foodRefundKey(b.ID, b.ID, pc.n)
	seatCost := q.Cost - q.FoodRefund
	var sum bookingdb.BookingSeatsCancelAmountsParams
	sum.ID, sum.CancelFee, sum.Refund = b.ID, q.Fee, seatCost-q.Fee
	feeLeft := q.Fee
	for i, sh := range pc.shares {
		// The kept fee spread over the seats, the last taking the rest.
		seatFee := min(share(q.Fee, sh.cost, max(seatCost, 1)), feeLeft, sh.cost)
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
	if _, err := s.q.BookingSeatsCancelAmounts(ctx, tx, sum); err != nil {
		return fmt.Errorf("lower amounts: %w", err)
	}
	return nil
}
