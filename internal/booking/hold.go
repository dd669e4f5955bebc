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
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// SeatsChannel is the PostgreSQL NOTIFY channel on which seat changes are
// announced (payload: the show id), for live seat maps on every instance.
const SeatsChannel = "booking_seats"

// Hold holds seats of a show for userID, all or nothing: one statement
// locks those seat rows, with the seats of the buyer's own earlier hold on
// the show, with SELECT ... FOR UPDATE (in seat order, so buyers never
// deadlock), checks each is free or its hold ran out, and holds them for
// HoldTTL; it goes to PostgreSQL with BEGIN and COMMIT in one round trip.
// A seat whose old hold ran out is taken over and the old booking expires
// (no job waits for the hold to run out: the sweeper, SweepHolds, tidies
// the ones nobody took); the buyer's own earlier hold on the show is
// replaced. The unique index on live booking seats refuses any double sale
// the code might attempt. No network call happens inside. Open seat maps
// hear of it right after the commit (announceSoon).
// Errors: ErrNotFound, ErrNotOnSale, ErrInvalid, ErrSeatTaken (*SeatsTakenError),
// ErrHoldLimit (*LimitError: holds on MaxUnpaidHolds other shows already).
func (s *Service) Hold(ctx context.Context, userID, showID int64, seats []string) (Booking, error) {
	b, err := s.hold(ctx, userID, GuestContact{}, showID, seats)
	s.opts.Events.Hold(holdResult(err))
	return b, err
}

// holdResult is what the hold metrics call a hold's outcome.
func holdResult(err error) string {
	switch {
	case err == nil:
		return metrics.HoldHeld
	case errors.Is(err, ErrSeatTaken):
		return metrics.HoldTaken
	case errors.Is(err, ErrHoldLimit):
		return metrics.HoldLimit
	case errors.Is(err, ErrInvalid), errors.Is(err, ErrNotOnSale), errors.Is(err, ErrNotFound):
		return metrics.HoldRefused
	}
	return metrics.HoldError
}

// hold is Hold, uncounted.
func (s *Service) hold(ctx context.Context, userID int64, g GuestContact, showID int64, seats []string) (Booking, error) {
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
	b, err := s.holdTx(ctx, userID, g, d, seats)
	if err != nil {
		return Booking{}, fmt.Errorf("hold %v of show %d: %w", seats, showID, err)
	}
	s.announceSoon(ctx, showID)
	s.publishAvailability(ctx, showID)
	return b, nil
}

// maxTakeAttempts bounds how often a hold runs HoldTake again when it could
// not decide (a seat's booking began while it waited for the seat) or lost a
// race it can win on a second try (the buyer's other tab held first; a
// booking code was drawn twice).
const maxTakeAttempts = 5

// holdTx runs HoldTake until it decides: the seats are held, or the choice
// is refused with the seats that went or the reason (among them the cap on
// unpaid holds, MaxUnpaidHolds, which the statement checks too).
func (s *Service) holdTx(ctx context.Context, userID int64, g GuestContact, d catalog.ShowDetail, seats []string) (Booking, error) {
	now := s.opts.Now()
	p := bookingdb.HoldTakeParams{UserID: userID, ShowID: d.ID, TheaterID: d.TheaterID, MaxUnpaid: int32(max(s.opts.MaxUnpaidHolds, 0)), Now: now,
		Seats: seats, ReplacedNote: "replaced by a new choice of seats", StaleNote: "hold ran out; seats taken by another buyer",
		ExpiresAt: now.Add(s.opts.HoldTTL), Currency: d.City.Currency, Note: "held " + fmt.Sprint(seats),
		GuestEmail: g.Email, GuestPhone: g.Phone, GuestLang: g.Lang}
	for attempt := 1; ; attempt++ {
		code, err := newCode()
		if err != nil {
			return Booking{}, err
		}
		p.Code = code
		rows, err := s.takeSeats(ctx, p)
		again := attempt < maxTakeAttempts
		switch {
		// The buyer's other tab got its hold in first: go again, replacing it.
		case again && pg.IsUniqueViolation(err, "bookings_one_hold_per_show"):
			continue
		case again && pg.IsUniqueViolation(err, "bookings_code_key"):
			continue
		case err != nil:
			return Booking{}, fmt.Errorf("take seats: %w", err)
		case len(rows) > 0 && rows[0].NewID != 0:
			return s.heldBooking(p, rows)
		}
		if len(rows) > 0 && p.MaxUnpaid > 0 && rows[0].Unpaid >= p.MaxUnpaid {
			return Booking{}, unpaidHoldsLimit(rows[0].Unpaid)
		}
		// A chosen seat that went to a booking made while the statement
		// waited might have gone to the buyer's own other tab: look again,
		// now seeing that booking; on the last try, it went.
		if err := refusal(seats, rows, !again); err != nil {
			return Booking{}, err
		}
		if !again {
			return Booking{}, fmt.Errorf("take seats: refused for no reason it names, %d times", attempt)
		}
	}
}

// refusal says why HoldTake wrote nothing: seats not in the screen, not
// for sale, or taken (*SeatsTakenError). It returns nil when the only
// reason is a seat whose booking the statement could not see (run again),
// unless last: then that seat counts as taken.
func refusal(seats []string, rows []bookingdb.HoldTakeRow, last bool) error {
	var chosen int
	var taken, blocked []string
	for _, r := range rows {
		switch {
		case !r.Chosen:
			continue
		case r.State == "blocked":
			blocked = append(blocked, r.Seat)
		case !r.Known && !last:
		case !r.Known, !r.Available && !r.Own:
			taken = append(taken, r.Seat)
		}
		chosen++
	}
	if chosen != len(seats) {
		return validate.Errors{"seats": "Some of those seats are not in this screen: " + missing(seats, rows) + "."}
	}
	if len(blocked) > 0 {
		return validate.Errors{"seats": "Not for sale: " + strings.Join(blocked, ", ") + "."}
	}
	if len(taken) > 0 {
		return &SeatsTakenError{Seats: taken}
	}
	return nil
}

// heldBooking is the booking HoldTake wrote.
func (s *Service) heldBooking(p bookingdb.HoldTakeParams, rows []bookingdb.HoldTakeRow) (Booking, error) {
	first := rows[0]
	if int(first.SeatsRecorded) != len(p.Seats) || int(first.SeatsHeld) != len(p.Seats) {
		return Booking{}, fmt.Errorf("take seats: %d of %d seats recorded, %d held",
			first.SeatsRecorded, len(p.Seats), first.SeatsHeld)
	}
	b := Booking{ID: first.NewID, Code: p.Code, ShowID: p.ShowID, UserID: p.UserID, Status: Held,
		HoldExpiresAt: first.HoldExpiresAt, Currency: p.Currency, CreatedAt: first.CreatedAt}
	for _, r := range rows {
		if r.Chosen {
			b.Seats = append(b.Seats, BookedSeat{Seat: r.Seat, Category: catalog.Category(r.Category), Price: r.PriceMinor})
			b.Subtotal += r.PriceMinor
		}
	}
	b.Total = b.Subtotal
	return b, nil
}

// checkSelection is the one check of a buyer's seat choice, for the web
// form and the API alike: the submitted values read as ParseSelection reads
// them (trimmed, upper-cased, split at commas), then at least one seat, at
// most MaxSeats, no seat twice, every label a seat label. It returns the
// labels sorted (the lock order).
func (s *Service) checkSelection(seats []string) ([]string, error) {
	sel, err := ParseSelection(seats, s.opts.MaxSeats)
	if err == nil {
		err = sel.RepeatError()
	}
	if err == nil && len(sel.Seats) == 0 {
		err = validate.Errors{"seats": "Choose at least one seat: tap a seat on the map, or use Best available."}
	}
	if err != nil {
		return nil, err
	}
	return slices.Sorted(slices.Values(sel.Seats)), nil
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

func missing(want []string, got []bookingdb.HoldTakeRow) string {
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
