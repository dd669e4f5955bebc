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
// locks those seat rows, with the seats of the buyer's own earlier hold on
// the show, with SELECT ... FOR UPDATE (in seat order, so buyers never
// deadlock), checks each is free or its hold ran out, and holds them for
// HoldTTL. A seat whose old hold ran out is taken over and
// the old booking expires; the buyer's own earlier hold on the show is
// replaced. The unique index on live booking seats refuses any double sale
// the code might attempt. No network call happens inside. Open seat maps
// hear of it right after the commit (announceSoon).
// Errors: ErrNotFound, ErrNotOnSale, ErrInvalid, ErrSeatTaken (*SeatsTakenError),
// ErrHoldLimit (*LimitError: holds on MaxUnpaidHolds other shows already).
func (s *Service) Hold(ctx context.Context, userID, showID int64, seats []string) (Booking, error) {
	seats, err := s.checkSelection(seats)
	if err != nil {
		return Booking{}, err
	}
	if err := s.checkUnpaidHolds(ctx, userID, showID); err != nil {
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
	s.announceSoon(ctx, showID)
	s.publishAvailability(ctx, showID)
	return b, nil
}

// holdTx is Hold's transaction, in four round trips: BEGIN with one
// statement that locks the chosen seats and those of the buyer's own hold
// on the show (which the new choice replaces) in seat order; the checks
// run here; one statement writes everything; River schedules the expiry;
// COMMIT. A refused choice costs two (the lock, then ROLLBACK).
func (s *Service) holdTx(ctx context.Context, userID int64, d catalog.ShowDetail, seats []string) (Booking, error) {
	showID := d.ID
	var b Booking
	lock := bookingdb.HoldSeatLockParams{Seats: seats, UserID: &userID, ShowID: showID}
	err := s.inLockedTx(ctx, lock, func(tx pgx.Tx, locked []bookingdb.HoldSeatLockRow) error {
		if heldByNewcomer(locked) {
			// The buyer's other tab may have just held one of these seats:
			// lock again, now seeing that hold (and locking its seats too).
			var err error
			if locked, err = s.q.HoldSeatLock(ctx, tx, lock); err != nil {
				return fmt.Errorf("lock seats: %w", err)
			}
		}
		var mine []int64
		if len(locked) > 0 {
			mine = locked[0].Mine
		}
		var taken, blocked []string
		var stale []int64
		var subtotal int64
		cats, prices := make([]string, 0, len(seats)), make([]int64, 0, len(seats))
		for _, l := range locked {
			switch {
			case !l.Chosen: // a seat of the hold being replaced: freed below
				continue
			case l.State == "blocked":
				blocked = append(blocked, l.Seat)
			case l.BookingID != nil && slices.Contains(mine, *l.BookingID):
			case !l.Available:
				taken = append(taken, l.Seat)
			case l.BookingID != nil && !slices.Contains(stale, *l.BookingID):
				stale = append(stale, *l.BookingID)
			}
			cats, prices = append(cats, l.Category), append(prices, l.PriceMinor)
			subtotal += l.PriceMinor
		}
		if len(cats) != len(seats) {
			return validate.Errors{"seats": "Some of those seats are not in this screen: " + missing(seats, locked) + "."}
		}
		if len(blocked) > 0 {
			return validate.Errors{"seats": "Not for sale: " + strings.Join(blocked, ", ") + "."}
		}
		if len(taken) > 0 {
			return &SeatsTakenError{Seats: taken}
		}
		row, err := s.insertHold(ctx, tx, bookingdb.HoldInsertParams{
			StaleIds: stale, StaleNote: "hold ran out; seats taken by another buyer",
			ReplacedIds: mine, ReplacedNote: "replaced by a new choice of seats",
			ShowID: showID, UserID: userID, ExpiresAt: s.opts.Now().Add(s.opts.HoldTTL), Currency: d.City.Currency,
			Subtotal: subtotal, Seats: seats, Categories: cats, Prices: prices, Note: "held " + fmt.Sprint(seats)})
		if err != nil {
			return err
		}
		if err := s.jobs.ScheduleHoldExpiry(ctx, tx, row.ID, row.HoldExpiresAt); err != nil {
			return fmt.Errorf("schedule hold expiry: %w", err)
		}
		b = Booking{ID: row.ID, Code: row.Code, ShowID: row.ShowID, UserID: userID, Status: Status(row.Status),
			HoldExpiresAt: row.HoldExpiresAt, Currency: row.Currency, Subtotal: row.SubtotalMinor, Total: row.TotalMinor,
			CreatedAt: row.CreatedAt}
		for i, st := range seats {
			b.Seats = append(b.Seats, BookedSeat{Seat: st, Category: catalog.Category(cats[i]), Price: prices[i]})
		}
		return nil
	})
	return b, err
}

// heldByNewcomer reports whether a chosen seat is held by a booking made
// while the lock waited, which might be the buyer's own.
func heldByNewcomer(locked []bookingdb.HoldSeatLockRow) bool {
	for _, l := range locked {
		if l.Chosen && !l.Available && !l.Known {
			return true
		}
	}
	return false
}

// insertHold writes the hold with a fresh booking code, drawing another on
// the rare repeat (the statement then writes nothing and can run again).
func (s *Service) insertHold(ctx context.Context, tx pgx.Tx, p bookingdb.HoldInsertParams) (bookingdb.HoldInsertRow, error) {
	for range 5 {
		code, err := newCode()
		if err != nil {
			return bookingdb.HoldInsertRow{}, err
		}
		p.Code = code
		row, err := s.q.HoldInsert(ctx, tx, p)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return bookingdb.HoldInsertRow{}, fmt.Errorf("insert hold: %w", err)
		}
		if int(row.SeatsRecorded) != len(p.Seats) || int(row.SeatsHeld) != len(p.Seats) {
			return bookingdb.HoldInsertRow{}, fmt.Errorf("insert hold: %d of %d seats recorded, %d held",
				row.SeatsRecorded, len(p.Seats), row.SeatsHeld)
		}
		return row, nil
	}
	return bookingdb.HoldInsertRow{}, errors.New("insert hold: no free booking code after 5 tries")
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

func missing(want []string, got []bookingdb.HoldSeatLockRow) string {
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
