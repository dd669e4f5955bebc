package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// QuoteExchange says what moving userID's booking id to seats of show
// toShowID would cost or give back, reading the seats as they are now.
// Errors: ErrNotFound, ErrNotExchangeable, ErrSameShow, ErrShowNotAllowed,
// validate.Errors, *SeatsTakenError.
func (s *Service) QuoteExchange(ctx context.Context, userID, id, toShowID int64, seats []string) (ExchangeQuote, error) {
	row, err := s.ownBooking(ctx, s.pool, userID, id)
	if err != nil {
		return ExchangeQuote{}, err
	}
	if err := s.exchangeable(ctx, s.pool, row); err != nil {
		return ExchangeQuote{}, err
	}
	if err := s.openTarget(ctx, row.ShowID, toShowID); err != nil {
		return ExchangeQuote{}, err
	}
	from, to, err := s.exchangeShows(ctx, row.ShowID, toShowID, func(ctx context.Context, id int64) (catalog.ShowDetail, error) {
		return s.shows.ShowDetail(ctx, id)
	})
	if err != nil {
		return ExchangeQuote{}, err
	}
	all, err := s.q.BookingSeatList(ctx, s.pool, id)
	if err != nil {
		return ExchangeQuote{}, fmt.Errorf("seats of booking %d: %w", id, err)
	}
	onMap, err := s.q.ShowSeatList(ctx, s.pool, toShowID)
	if err != nil {
		return ExchangeQuote{}, fmt.Errorf("seats of show %d: %w", toShowID, err)
	}
	found := make(map[string]newSeat, len(onMap))
	for _, st := range onMap {
		found[st.Seat] = newSeat{seat: st.Seat, state: st.State, category: st.Category, price: st.PriceMinor, available: st.State == "free"}
	}
	return s.priceExchange(ctx, row, liveSeats(all), from, to, seats, found)
}

// openTarget makes sure the seats of show toID exist (its first seat map
// or hold would create them), outside any transaction. Errors:
// ErrSameShow, ErrShowNotAllowed (no such show).
func (s *Service) openTarget(ctx context.Context, fromID, toID int64) error {
	if toID == fromID {
		return ErrSameShow
	}
	if _, err := s.openShow(ctx, toID); errors.Is(err, ErrNotFound) {
		return fmt.Errorf("show %d: %w", toID, ErrShowNotAllowed)
	} else if err != nil {
		return err
	}
	return nil
}

// exchangeShows reads the booking's show and the one it would move to
// (with read) and checks the move. Errors: ErrNotFound (no such show),
// ErrSameShow, ErrShowNotAllowed.
func (s *Service) exchangeShows(ctx context.Context, fromID, toID int64,
	read func(context.Context, int64) (catalog.ShowDetail, error),
) (from, to catalog.ShowDetail, err error) {
	if from, err = read(ctx, fromID); err != nil {
		return from, to, fmt.Errorf("show %d: %w", fromID, err)
	}
	if toID == fromID {
		return from, from, ErrSameShow
	}
	if to, err = read(ctx, toID); errors.Is(err, catalog.ErrNotFound) {
		return from, to, fmt.Errorf("show %d: %w", toID, ErrShowNotAllowed)
	} else if err != nil {
		return from, to, fmt.Errorf("show %d: %w", toID, err)
	}
	return from, to, exchangeTarget(from, to, s.opts.Now())
}

// Exchange moves userID's confirmed booking id to seats of show toShowID
// before the cancellation cut-off. Seats that cost more are held for an
// order of the difference instead, returned as q.Awaiting: its payment
// makes the exchange (confirmExchangeOrder), and asking again with the
// same seats meanwhile returns it again. Otherwise, in one
// transaction it locks the booking's seats and the new ones (in show and
// seat order), then the booking, checks the new seats are free, frees the
// old seats and sells the new ones to the booking (its code, payment and
// food stay), lowers its total by any difference, records the exchange and
// its history, asks payments for the refund of the difference (key
// "exchange:<booking>:<n>"), tells the buyer (with the new e-ticket: the
// old one names the old show and is refused at the door) and the
// recommender when the movie changed. The buyer never holds both sets of
// seats or neither. Errors: ErrNotFound (not theirs), ErrNotExchangeable,
// ErrExchangeClosed, ErrSameShow, ErrShowNotAllowed,
// ErrExchangeChanged (the booking changed meanwhile), validate.Errors,
// *SeatsTakenError (nothing changed).
func (s *Service) Exchange(ctx context.Context, userID, id, toShowID int64, seats []string) (Booking, ExchangeQuote, error) {
	first, err := s.ownBooking(ctx, s.pool, userID, id)
	if err != nil {
		return Booking{}, ExchangeQuote{}, err
	}
	if err := s.openTarget(ctx, first.ShowID, toShowID); err != nil {
		return Booking{}, ExchangeQuote{}, err
	}
	var q ExchangeQuote
	var out bookingdb.BookingBooking
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		locked, err := s.q.ExchangeSeatLock(ctx, tx, bookingdb.ExchangeSeatLockParams{FromShowID: first.ShowID,
			BookingID: id, ToShowID: toShowID, Seats: upperSeats(seats)})
		if err != nil {
			return fmt.Errorf("lock seats: %w", err)
		}
		b, err := s.q.BookingGetForUpdate(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		if b.ShowID != first.ShowID {
			return ErrExchangeChanged
		}
		if err := s.exchangeable(ctx, tx, b); err != nil {
			return err
		}
		from, to, err := s.exchangeShows(ctx, b.ShowID, toShowID, func(ctx context.Context, id int64) (catalog.ShowDetail, error) {
			return s.shows.ShowDetailTx(ctx, tx, id)
		})
		if err != nil {
			return err
		}
		all, err := s.q.BookingSeatList(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("seats: %w", err)
		}
		// Seats an earlier, unpaid try of this booking's holds are its own.
		open, err := s.openExchangeOrders(ctx, tx, id)
		if err != nil {
			return err
		}
		mine := func(bookingID *int64) bool {
			return bookingID != nil && slices.ContainsFunc(open, func(o bookingdb.ExchangeOrdersOpenRow) bool { return o.ID == *bookingID })
		}
		found := map[string]newSeat{}
		var stale, dropped []int64
		for _, l := range locked {
			if l.ShowID == toShowID {
				found[l.Seat] = newSeat{seat: l.Seat, state: l.State, category: l.Category, price: l.PriceMinor,
					available: l.Available || mine(l.BookingID)}
				if l.Available && l.BookingID != nil && !mine(l.BookingID) {
					stale = append(stale, *l.BookingID)
				}
			}
		}
		for _, o := range open {
			dropped = append(dropped, o.ID)
		}
		if q, err = s.priceExchange(ctx, b, liveSeats(all), from, to, seats, found); err != nil {
			return err
		}
		if !q.Allowed {
			return ErrExchangeClosed
		}
		out = b
		if replay := s.replayOf(open, q.To.ID, q.Seats); replay != 0 && q.Difference > 0 {
			pay, err := s.replayExchangeOrder(ctx, tx, userID, b, replay, q.To)
			q.Awaiting = &pay
			return err
		}
		if len(dropped) > 0 {
			if err := s.dropExchangeOrders(ctx, tx, dropped); err != nil {
				return err
			}
		}
		if len(stale) > 0 {
			// Holds that ran out on the new seats give them up, as a hold would take them.
			if err := s.expire(ctx, tx, stale, "an exchange took the seats after the hold ran out"); err != nil {
				return err
			}
		}
		if q.Difference > 0 {
			pay, err := s.exchangeOrder(ctx, tx, userID, b, q)
			q.Awaiting = &pay
			return err
		}
		return s.exchangeLocked(ctx, tx, b, q, 0, &out)
	})
	if err != nil {
		return Booking{}, q, fmt.Errorf("exchange booking %d: %w", id, err)
	}
	if q.Awaiting == nil {
		s.publishAvailability(ctx, q.From.ID)
	}
	s.publishAvailability(ctx, q.To.ID)
	return bookingFromRow(out), q, nil
}

// upperSeats is the seats as they are stored (the lock reads them before
// they are checked; priceExchange validates them).
func upperSeats(seats []string) []string {
	out := make([]string, 0, len(seats))
	for _, c := range seats {
		for _, one := range strings.Split(c, ",") {
			out = append(out, strings.ToUpper(strings.TrimSpace(one)))
		}
	}
	return out
}

// exchangeLocked swaps the seats of locked booking b as quote q says, with
// the old and new seats locked and the new ones free; paidBy is the
// exchange order that paid the difference (0: none due).
func (s *Service) exchangeLocked(ctx context.Context, tx pgx.Tx, b bookingdb.BookingBooking, q ExchangeQuote, paidBy int64,
	out *bookingdb.BookingBooking,
) error {
	n, err := s.q.ExchangeCount(ctx, tx, b.ID)
	if err != nil {
		return fmt.Errorf("earlier exchanges: %w", err)
	}
	n++
	freed, err := s.q.ShowSeatFreeSome(ctx, tx, bookingdb.ShowSeatFreeSomeParams{ShowID: b.ShowID, BookingID: &b.ID, Seats: q.OldSeats})
	if err != nil {
		return fmt.Errorf("free old seats: %w", err)
	}
	gone, err := s.q.BookingSeatTake(ctx, tx, bookingdb.BookingSeatTakeParams{BookingID: b.ID, Seats: q.OldSeats})
	if err != nil {
		return fmt.Errorf("take old seats: %w", err)
	}
	sold, err := s.q.ExchangeSeatBook(ctx, tx, bookingdb.ExchangeSeatBookParams{BookingID: b.ID, ShowID: q.To.ID, Seats: q.Seats})
	if err != nil {
		return fmt.Errorf("sell new seats: %w", err)
	}
	given, err := s.q.ExchangeBookingSeatInsert(ctx, tx, bookingdb.ExchangeBookingSeatInsertParams{BookingID: b.ID,
		ShowID: q.To.ID, Seats: q.Seats})
	if err != nil {
		return fmt.Errorf("record new seats: %w", err)
	}
	if k := len(q.Seats); int(freed) != k || len(gone) != k || int(sold) != k || int(given) != k {
		return fmt.Errorf("exchange %v for %v: %d freed, %d taken, %d sold, %d given", q.OldSeats, q.Seats, freed, len(gone), sold, given)
	}
	if err := s.sellAsTickets(ctx, tx, b.ID, q.To.ID, q.tickets); err != nil {
		return err
	}
	if *out, err = s.q.ExchangeBookingMove(ctx, tx, bookingdb.ExchangeBookingMoveParams{ID: b.ID, FromShowID: b.ShowID,
		ToShowID: q.To.ID, TheaterID: q.To.Theater.ID, Difference: q.Difference}); err != nil {
		return fmt.Errorf("move booking: %w", err)
	}
	ex := bookingdb.ExchangeInsertParams{BookingID: b.ID, N: n, FromShowID: b.ShowID, ToShowID: q.To.ID, OldSeats: q.OldSeats,
		NewSeats: q.Seats, OldAmountMinor: q.OldAmount, NewAmountMinor: q.NewAmount, DifferenceMinor: q.Difference}
	key := "exchange:" + strconv.FormatInt(b.ID, 10) + ":" + strconv.Itoa(int(n))
	if q.Difference < 0 {
		ex.RefundKey = &key
	}
	if paidBy != 0 {
		ex.PaymentBookingID = &paidBy
	}
	if _, err := s.q.ExchangeInsert(ctx, tx, ex); err != nil {
		return fmt.Errorf("record exchange: %w", err)
	}
	note := fmt.Sprintf("Moved by you from show #%d (seats %s) to show #%d (seats %s)", b.ShowID,
		strings.Join(q.OldSeats, ", "), q.To.ID, strings.Join(q.Seats, ", "))
	if q.Refund() > 0 {
		note += "; refund " + money.Format(q.Refund(), b.Currency)
	} else if q.Difference > 0 {
		note += "; paid " + money.Format(q.Difference, b.Currency) + " more"
	}
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID,
		Status: string(Confirmed), Note: note}); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	if q.Refund() > 0 && s.opts.Refunds != nil {
		if err := s.opts.Refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: b.ID, Amount: q.Refund(),
			Reason: "Moved to another show by you", Key: key}); err != nil {
			return fmt.Errorf("request refund: %w", err)
		}
	}
	if err := s.exchanged(ctx, tx, *out, q, n); err != nil {
		return err
	}
	// People waiting for the old show hear of the seats freed.
	if err := s.seatsFreed(ctx, tx, b.ShowID); err != nil {
		return err
	}
	if err := announce(ctx, tx, b.ShowID); err != nil {
		return err
	}
	return announce(ctx, tx, q.To.ID)
}
