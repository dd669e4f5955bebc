package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Waitlist errors. Their messages are written for buyers.
var (
	// ErrNotSoldOut: the show has the seats the buyer wants; book them.
	ErrNotSoldOut = errors.New("this show still has the seats you want: choose them on the seat map")
	// ErrAlreadyWaiting: the buyer is already in this show's line.
	ErrAlreadyWaiting = errors.New("you are already on the waitlist for this show")
)

// WaitlistState is where a waitlist entry is in its life: waiting ->
// offered -> booked | expired | declined; waiting -> left.
type WaitlistState string

// Waitlist entry states.
const (
	WaitlistWaiting  WaitlistState = "waiting"
	WaitlistOffered  WaitlistState = "offered"
	WaitlistBooked   WaitlistState = "booked"
	WaitlistExpired  WaitlistState = "expired"
	WaitlistDeclined WaitlistState = "declined"
	WaitlistLeft     WaitlistState = "left"
)

// Active reports whether the entry is still in the line.
func (s WaitlistState) Active() bool { return s == WaitlistWaiting || s == WaitlistOffered }

// WaitlistEntry is a buyer's place in a sold-out show's line.
type WaitlistEntry struct {
	ID       int64
	ShowID   int64
	UserID   int64
	Seats    int
	Together bool
	// MaxPrice is the most a seat's ticket may cost (minor units; 0: any).
	MaxPrice int64
	State    WaitlistState
	// OfferBookingID is the held booking of the offer (0: none yet), open
	// until OfferExpiresAt.
	OfferBookingID int64
	OfferExpiresAt time.Time
	// Position is the entry's place in the line, from 1 (0: not in it).
	Position  int
	CreatedAt time.Time
}

// WaitlistJoin is what a buyer asks for: Seats (1..10) anywhere or
// Together in one row, each at most MaxPrice (0: any price).
type WaitlistJoin struct {
	Seats    int
	Together bool
	MaxPrice int64
}

// check validates the request against the service's seat limit.
func (j WaitlistJoin) check(maxSeats int) error {
	errs := validate.Errors{}
	if j.Seats < 1 || j.Seats > maxSeats {
		errs["seats"] = fmt.Sprintf("Choose between 1 and %d seats.", maxSeats)
	}
	if j.MaxPrice < 0 {
		errs["max_price"] = "Enter a price limit of zero or more, or leave it empty."
	}
	return errs.Err()
}

// JoinWaitlist puts userID in the line of a show that has fewer free seats
// than they want. Errors: ErrNotFound, ErrNotOnSale, ErrInvalid,
// ErrNotSoldOut, ErrAlreadyWaiting.
func (s *Service) JoinWaitlist(ctx context.Context, userID, showID int64, j WaitlistJoin) (WaitlistEntry, error) {
	if err := j.check(s.opts.MaxSeats); err != nil {
		return WaitlistEntry{}, err
	}
	d, err := s.openShow(ctx, showID)
	if err != nil {
		return WaitlistEntry{}, err
	}
	if !s.onSale(d) {
		return WaitlistEntry{}, ErrNotOnSale
	}
	p := bookingdb.WaitlistInsertParams{ShowID: showID, UserID: userID, Seats: int32(j.Seats), Together: j.Together}
	if j.MaxPrice > 0 {
		p.MaxPriceMinor = &j.MaxPrice
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.WaitlistLockShow(ctx, tx, showID); err != nil {
			return fmt.Errorf("lock waitlist: %w", err)
		}
		n, err := s.q.ShowSeatAvailable(ctx, tx, showID)
		if err != nil {
			return fmt.Errorf("count free seats: %w", err)
		}
		if int(n.Available) >= j.Seats {
			return ErrNotSoldOut
		}
		_, err = s.q.WaitlistInsert(ctx, tx, p)
		if pg.IsUniqueViolation(err, "waitlist_entries_one_active") {
			return ErrAlreadyWaiting
		}
		if err != nil {
			return err
		}
		if in, ok := s.opts.Interactions.(Interests); ok {
			if err := in.Followed(ctx, tx, userID, d.Movie.ID); err != nil {
				return fmt.Errorf("recommendations of user %d: %w", userID, err)
			}
		}
		return nil
	})
	if err != nil {
		return WaitlistEntry{}, fmt.Errorf("join waitlist of show %d: %w", showID, err)
	}
	return s.MyWaitlistEntry(ctx, userID, showID)
}

// MyWaitlistEntry is the buyer's active entry for the show with its
// position. Errors: ErrNotFound (not in the line).
func (s *Service) MyWaitlistEntry(ctx context.Context, userID, showID int64) (WaitlistEntry, error) {
	r, err := s.q.WaitlistActiveForUser(ctx, s.pool, bookingdb.WaitlistActiveForUserParams{ShowID: showID, UserID: userID})
	if errors.Is(err, pgx.ErrNoRows) {
		return WaitlistEntry{}, fmt.Errorf("waitlist entry for show %d: %w", showID, ErrNotFound)
	}
	if err != nil {
		return WaitlistEntry{}, fmt.Errorf("waitlist entry for show %d: %w", showID, err)
	}
	e := waitlistEntry(bookingdb.BookingWaitlistEntry{ID: r.ID, ShowID: r.ShowID, UserID: r.UserID, Seats: r.Seats,
		Together: r.Together, MaxPriceMinor: r.MaxPriceMinor, State: r.State, OfferBookingID: r.OfferBookingID,
		OfferExpiresAt: r.OfferExpiresAt, CreatedAt: r.CreatedAt})
	e.Position = int(r.Ahead) + 1
	return e, nil
}

// MyWaitlist lists the buyer's entries, newest first (the last 50).
func (s *Service) MyWaitlist(ctx context.Context, userID int64) ([]WaitlistEntry, error) {
	rows, err := s.q.WaitlistForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("waitlist of user %d: %w", userID, err)
	}
	out := make([]WaitlistEntry, len(rows))
	for i, r := range rows {
		out[i] = waitlistEntry(bookingdb.BookingWaitlistEntry{ID: r.ID, ShowID: r.ShowID, UserID: r.UserID, Seats: r.Seats,
			Together: r.Together, MaxPriceMinor: r.MaxPriceMinor, State: r.State, OfferBookingID: r.OfferBookingID,
			OfferExpiresAt: r.OfferExpiresAt, CreatedAt: r.CreatedAt})
		if out[i].State.Active() {
			out[i].Position = int(r.Ahead) + 1
		}
	}
	return out, nil
}

// waitlistEntry converts a row.
func waitlistEntry(r bookingdb.BookingWaitlistEntry) WaitlistEntry {
	e := WaitlistEntry{ID: r.ID, ShowID: r.ShowID, UserID: r.UserID, Seats: int(r.Seats), Together: r.Together,
		MaxPrice: derefInt(r.MaxPriceMinor), State: WaitlistState(r.State), OfferBookingID: derefInt(r.OfferBookingID),
		CreatedAt: r.CreatedAt}
	if r.OfferExpiresAt != nil {
		e.OfferExpiresAt = *r.OfferExpiresAt
	}
	return e
}

// derefInt is *p, or 0 for nil.
func derefInt(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// ShowWaitlist is a show's line for its staff: the active entries in
// order (with positions), then the ended ones.
func (s *Service) ShowWaitlist(ctx context.Context, showID int64) ([]WaitlistEntry, error) {
	rows, err := s.q.WaitlistForShow(ctx, s.pool, showID)
	if err != nil {
		return nil, fmt.Errorf("waitlist of show %d: %w", showID, err)
	}
	out := make([]WaitlistEntry, len(rows))
	for i, r := range rows {
		out[i] = waitlistEntry(r)
		if out[i].State.Active() {
			out[i].Position = i + 1
		}
	}
	return out, nil
}
