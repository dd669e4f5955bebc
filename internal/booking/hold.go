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
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// SeatsChannel is the PostgreSQL NOTIFY channel on which seat changes are
// announced (payload: the show id), for live seat maps on every instance.
const SeatsChannel = "booking_seats"

// Hold holds seats of a show for userID, all or nothing: one transaction
// locks exactly those seat rows with SELECT ... FOR UPDATE (in seat order,
// so buyers never deadlock), checks each is free or its hold ran out, and
// holds them for HoldTTL. A seat whose old hold ran out is taken over and
// the old booking expires. The unique index on live booking seats refuses
// any double sale the code might attempt. No network call happens inside.
// Errors: ErrNotFound, ErrNotOnSale, ErrInvalid, ErrSeatTaken (*SeatsTakenError).
func (s *Service) Hold(ctx context.Context, userID, showID int64, seats []string) (Booking, error) {
	seats, err := s.checkSelection(seats)
	if err != nil {
		return Booking{}, err
	}
	d, err := s.openShow(ctx, showID)
	if err != nil {
		return Booking{}, err
	}
	if !s.onSale(d) {
		return Booking{}, ErrNotOnSale
	}
	var b Booking
	for attempt := 0; ; attempt++ {
		b, err = s.holdTx(ctx, userID, d, seats)
		// The buyer's other tab got its hold in first: go again, replacing it.
		if attempt < 3 && pg.IsUniqueViolation(err, "bookings_one_hold_per_show") {
			continue
		}
		break
	}
	if err != nil {
		return Booking{}, fmt.Errorf("hold %v of show %d: %w", seats, showID, err)
	}
	s.publishAvailability(ctx, showID)
	return b, nil
}

// holdTx is Hold's transaction.
func (s *Service) holdTx(ctx context.Context, userID int64, d catalog.ShowDetail, seats []string) (Booking, error) {
	showID := d.ID
	var b Booking
	err := pg.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		locked, err := s.q.ShowSeatLock(ctx, tx, bookingdb.ShowSeatLockParams{ShowID: showID, Seats: seats})
		if err != nil {
			return fmt.Errorf("lock seats: %w", err)
		}
		if len(locked) != len(seats) {
			return validate.Errors{"seats": "Some of those seats are not in this screen: " + missing(seats, locked) + "."}
		}
		// The buyer's own unpaid hold on this show (another tab, a changed
		// mind) gives way to this choice: one cart per show.
		mine, err := s.q.BookingHeldForUserShow(ctx, tx, bookingdb.BookingHeldForUserShowParams{UserID: &userID, ShowID: showID})
		if err != nil {
			return fmt.Errorf("find the buyer's holds: %w", err)
		}
		var taken, blocked []string
		var stale []int64
		var subtotal int64
		cats, prices := make([]string, len(locked)), make([]int64, len(locked))
		for i, l := range locked {
			switch {
			case l.State == "blocked":
				blocked = append(blocked, l.Seat)
			case l.BookingID != nil && slices.Contains(mine, *l.BookingID):
			case !l.Available:
				taken = append(taken, l.Seat)
			case l.BookingID != nil:
				stale = append(stale, *l.BookingID)
			}
			cats[i], prices[i] = l.Category, l.PriceMinor
			subtotal += l.PriceMinor
		}
		if len(blocked) > 0 {
			return validate.Errors{"seats": "Not for sale: " + strings.Join(blocked, ", ") + "."}
		}
		if len(taken) > 0 {
			return &SeatsTakenError{Seats: taken}
		}
		if len(stale) > 0 {
			if err := s.expire(ctx, tx, slices.Compact(slices.Sorted(slices.Values(stale))), "hold ran out; seats taken by another buyer"); err != nil {
				return err
			}
		}
		for _, id := range mine {
			if err := s.releaseLocked(ctx, tx, id, showID, "replaced by a new choice of seats"); err != nil {
				return err
			}
		}
		expires := s.opts.Now().Add(s.opts.HoldTTL)
		row, err := s.insertBooking(ctx, tx, bookingdb.BookingInsertParams{ShowID: showID, UserID: &userID,
			HoldExpiresAt: expires, Currency: d.City.Currency, SubtotalMinor: subtotal})
		if err != nil {
			return err
		}
		if err := s.q.BookingSeatInsert(ctx, tx, bookingdb.BookingSeatInsertParams{BookingID: row.ID, ShowID: showID,
			Seats: seats, Categories: cats, Prices: prices}); err != nil {
			return fmt.Errorf("record booking seats: %w", err)
		}
		if err := s.q.ShowSeatHold(ctx, tx, bookingdb.ShowSeatHoldParams{BookingID: &row.ID, ExpiresAt: &expires,
			ShowID: showID, Seats: seats}); err != nil {
			return fmt.Errorf("hold seats: %w", err)
		}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: row.ID, Status: string(Held),
			Note: "held " + fmt.Sprint(seats)}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		if err := s.jobs.ScheduleHoldExpiry(ctx, tx, row.ID, expires); err != nil {
			return fmt.Errorf("schedule hold expiry: %w", err)
		}
		if err := announce(ctx, tx, showID); err != nil {
			return err
		}
		b = bookingFromRow(row)
		for i, st := range seats {
			b.Seats = append(b.Seats, BookedSeat{Seat: st, Category: catalog.Category(cats[i]), Price: prices[i]})
		}
		return nil
	})
	return b, err
}

// insertBooking adds the booking row with a fresh code, retrying the rare
// code collision inside a savepoint.
func (s *Service) insertBooking(ctx context.Context, tx pgx.Tx, p bookingdb.BookingInsertParams) (bookingdb.BookingBooking, error) {
	for attempt := 0; attempt < 5; attempt++ {
		code, err := newCode()
		if err != nil {
			return bookingdb.BookingBooking{}, err
		}
		p.Code = code
		var row bookingdb.BookingBooking
		err = pg.InTx(ctx, tx, func(sp pgx.Tx) error {
			row, err = s.q.BookingInsert(ctx, sp, p)
			return err
		})
		if pg.IsUniqueViolation(err, "bookings_code_key") {
			continue
		}
		if err != nil {
			return bookingdb.BookingBooking{}, fmt.Errorf("insert booking: %w", err)
		}
		return row, nil
	}
	return bookingdb.BookingBooking{}, errors.New("insert booking: no free booking code after 5 tries")
}

// checkSelection validates the requested seat labels: at least one, at most
// MaxSeats, no duplicates, sane labels. It returns them sorted (the lock order).
func (s *Service) checkSelection(seats []string) ([]string, error) {
	if len(seats) == 0 {
		return nil, validate.Errors{"seats": "Choose at least one seat."}
	}
	if len(seats) > s.opts.MaxSeats {
		return nil, validate.Errors{"seats": "You can book up to " + strconv.Itoa(s.opts.MaxSeats) + " seats at a time."}
	}
	out := slices.Clone(seats)
	slices.Sort(out)
	for i, st := range out {
		if !validSeatLabel(st) {
			return nil, validate.Errors{"seats": fmt.Sprintf("%q is not a seat.", st)}
		}
		if i > 0 && out[i-1] == st {
			return nil, validate.Errors{"seats": "Seat " + st + " is chosen twice."}
		}
	}
	return out, nil
}

// validSeatLabel accepts 1-3 capital letters or digits followed by 1-3 digits.
func validSeatLabel(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	digits := 0
	for i := len(s) - 1; i >= 0 && s[i] >= '0' && s[i] <= '9'; i-- {
		digits++
	}
	if digits == 0 || digits > 3 || digits == len(s) {
		return false
	}
	for _, c := range s[:len(s)-digits] {
		if !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func missing(want []string, got []bookingdb.ShowSeatLockRow) string {
	have := map[string]bool{}
	for _, g := range got {
		have[g.Seat] = true
	}
	var out []string
	for _, w := range want {
		if !have[w] {
			out = append(out, w)
		}
	}
	return fmt.Sprint(out)
}

// announce notifies open seat maps (on every instance) once tx commits.
func announce(ctx context.Context, tx pgx.Tx, showID int64) error {
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", SeatsChannel, strconv.FormatInt(showID, 10)); err != nil {
		return fmt.Errorf("announce seat change: %w", err)
	}
	return nil
}
