package booking

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// DefaultWaitlistOfferTTL is how long seats offered to the waitlist stay
// held for the buyer when Options.WaitlistOfferTTL is not set.
const DefaultWaitlistOfferTTL = 15 * time.Minute

// WaitlistNotifier is the part of a Notifier that tells a buyer on a
// waitlist that seats are held for them. A Notifier without it sends
// nothing (the offer still shows on the buyer's pages).
type WaitlistNotifier interface {
	WaitlistOffer(ctx context.Context, tx pgx.Tx, m notify.WaitlistOfferMessage) error
}

// offerTTL is how long an offer's hold lasts.
func (s *Service) offerTTL() time.Duration {
	if s.opts.WaitlistOfferTTL > 0 {
		return s.opts.WaitlistOfferTTL
	}
	return DefaultWaitlistOfferTTL
}

// MatchWaitlist offers a show's free seats to its line, in one
// transaction that holds the show's waitlist lock (so two runs at once
// never offer the same seats twice, and an entry never gets two offers):
// first it ends the offers that were paid (booked) or ran out, were
// released or declined (expired); then, taking the waiting entries in the
// order they joined, it offers each one the free seats can serve (how
// many, together, price limit) those seats, held for the buyer for the
// offer's time as an ordinary hold; an entry they cannot serve is skipped,
// not blocked on. A show no longer on sale ends its line. It returns how
// many offers it made.
func (s *Service) MatchWaitlist(ctx context.Context, showID int64) (int, error) {
	d, err := s.shows.ShowDetail(ctx, showID)
	if errors.Is(err, catalog.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("match waitlist of show %d: %w", showID, err)
	}
	made := 0
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		made = 0
		if err := s.q.WaitlistLockShow(ctx, tx, showID); err != nil {
			return fmt.Errorf("lock waitlist: %w", err)
		}
		if _, err := s.q.WaitlistSettle(ctx, tx, showID); err != nil {
			return fmt.Errorf("settle offers: %w", err)
		}
		// Seats kept for the line are free again, locked until this commits:
		// offered below, or anyone's after.
		if _, err := s.q.WaitlistUnreserve(ctx, tx, showID); err != nil {
			return fmt.Errorf("free seats kept for the line: %w", err)
		}
		if !s.onSale(d) {
			_, err := s.q.WaitlistExpireShow(ctx, tx, showID)
			return err
		}
		waiting, err := s.q.WaitlistWaiting(ctx, tx, showID)
		if err != nil || len(waiting) == 0 {
			return err
		}
		seats, err := s.q.ShowSeatList(ctx, tx, showID)
		if err != nil {
			return fmt.Errorf("read seats: %w", err)
		}
		free := freeSeats(seats)
		for _, e := range waiting {
			if len(free) == 0 {
				break
			}
			pick := pickSeats(free, int(e.Seats), e.Together, derefInt(e.MaxPriceMinor))
			if pick == nil {
				continue
			}
			ok, err := s.offerSeats(ctx, tx, e, d, pick)
			if err != nil {
				return err
			}
			if ok {
				free = without(free, pick)
				made++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("match waitlist of show %d: %w", showID, err)
	}
	if made > 0 {
		s.announceSoon(ctx, showID)
		s.publishAvailability(ctx, showID)
	}
	return made, nil
}

// offerSeats holds seats for an entry's buyer (HoldTake, in a savepoint of
// tx) and records the offer and its message. It returns false, having
// written nothing, when the hold was refused (a seat's booking began while
// the statement waited, the buyer's other tab held at the same moment):
// the entry waits for the next run.
func (s *Service) offerSeats(ctx context.Context, tx pgx.Tx, e bookingdb.BookingWaitlistEntry, d catalog.ShowDetail, seats []string) (bool, error) {
	code, err := newCode()
	if err != nil {
		return false, err
	}
	now := s.opts.Now()
	expires := now.Add(s.offerTTL())
	p := bookingdb.HoldTakeParams{UserID: e.UserID, ShowID: d.ID, TheaterID: d.TheaterID, Now: now, Seats: seats,
		ReplacedNote: "replaced by a waitlist offer", StaleNote: "hold ran out; seats offered to the waitlist",
		Code: code, ExpiresAt: expires, Currency: d.City.Currency,
		Note: "held for a waitlist offer " + fmt.Sprint(seats)}
	sp, err := tx.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("savepoint: %w", err)
	}
	defer func() { _ = sp.Rollback(ctx) }() // released: a no-op
	rows, err := s.q.HoldTake(ctx, sp, p)
	switch {
	case pg.IsUniqueViolation(err, "bookings_one_hold_per_show"), pg.IsUniqueViolation(err, "bookings_code_key"):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("hold offered seats: %w", err)
	case len(rows) == 0 || rows[0].NewID == 0:
		return false, nil
	}
	id := rows[0].NewID
	if err := s.q.WaitlistOffered(ctx, sp, bookingdb.WaitlistOfferedParams{ID: e.ID, BookingID: &id, ExpiresAt: &expires}); err != nil {
		return false, fmt.Errorf("record offer: %w", err)
	}
	if n, ok := s.opts.Notifier.(WaitlistNotifier); ok {
		m := notify.WaitlistOfferMessage{EntryID: e.ID, BookingID: id, UserID: e.UserID, Movie: d.Movie.Title,
			Theater: d.Theater.Name, TimeZone: d.Theater.TimeZone, StartsAt: d.StartsAt, Seats: seats,
			Path: "/waitlist/offers/" + strconv.FormatInt(e.ID, 10), ExpiresAt: expires}
		if err := n.WaitlistOffer(ctx, sp, m); err != nil {
			return false, fmt.Errorf("message for offer: %w", err)
		}
	}
	if err := announce(ctx, sp, d.ID); err != nil {
		return false, err
	}
	if err := sp.Commit(ctx); err != nil {
		return false, fmt.Errorf("release savepoint: %w", err)
	}
	return true, nil
}
