package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// LeaveWaitlist takes the buyer out of a show's line; an offer they hold
// is declined (DeclineWaitlistOffer). Errors: ErrNotFound (not in it).
func (s *Service) LeaveWaitlist(ctx context.Context, userID, showID int64) error {
	e, err := s.MyWaitlistEntry(ctx, userID, showID)
	if err != nil {
		return err
	}
	return s.DeclineWaitlistOffer(ctx, userID, e.ID)
}

// DeclineWaitlistOffer ends the buyer's entry: a waiting one leaves the
// line, an offered one is declined and the offer's hold (unless its
// payment has begun) is released at once, so its seats go to the next in
// line. Errors: ErrNotFound (not the buyer's, or no longer active).
func (s *Service) DeclineWaitlistOffer(ctx context.Context, userID, entryID int64) error {
	e, err := s.q.WaitlistGet(ctx, s.pool, entryID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && e.UserID != userID) {
		return fmt.Errorf("waitlist entry %d: %w", entryID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("waitlist entry %d: %w", entryID, err)
	}
	released := false
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		released = false
		if err := s.q.WaitlistLockShow(ctx, tx, e.ShowID); err != nil {
			return fmt.Errorf("lock waitlist: %w", err)
		}
		was, err := s.q.WaitlistEnd(ctx, tx, bookingdb.WaitlistEndParams{ID: entryID, UserID: userID})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil || was.State != string(WaitlistOffered) || was.OfferBookingID == nil {
			return err
		}
		b, err := s.lockBooking(ctx, tx, *was.OfferBookingID)
		if err != nil {
			return fmt.Errorf("lock offered booking: %w", err)
		}
		if Status(b.Status) != Held {
			return nil
		}
		if err := s.releaseLocked(ctx, tx, b.ID, b.ShowID, "waitlist offer declined"); err != nil {
			return err
		}
		released = true
		return s.seatsFreed(ctx, tx, b.ShowID)
	})
	if err != nil {
		return fmt.Errorf("leave waitlist entry %d: %w", entryID, err)
	}
	if released {
		s.publishAvailability(ctx, e.ShowID)
	}
	return nil
}

// WaitlistOffer is an offer as its page shows it: the entry, the held
// booking (seats, total, deadline) and the show.
type WaitlistOffer struct {
	Entry   WaitlistEntry
	Booking Booking
	Show    catalog.ShowDetail
	// Open: the seats are still held for the buyer (checkout may go on).
	Open bool
}

// WaitlistOfferFor reads the buyer's offer. Errors: ErrNotFound (not the
// buyer's entry, or it never had an offer).
func (s *Service) WaitlistOfferFor(ctx context.Context, userID, entryID int64) (WaitlistOffer, error) {
	r, err := s.q.WaitlistGet(ctx, s.pool, entryID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (r.UserID != userID || r.OfferBookingID == nil)) {
		return WaitlistOffer{}, fmt.Errorf("waitlist offer %d: %w", entryID, ErrNotFound)
	}
	if err != nil {
		return WaitlistOffer{}, fmt.Errorf("waitlist offer %d: %w", entryID, err)
	}
	b, err := s.Booking(ctx, userID, *r.OfferBookingID)
	if err != nil {
		return WaitlistOffer{}, fmt.Errorf("waitlist offer %d: %w", entryID, err)
	}
	d, err := s.shows.ShowDetail(ctx, r.ShowID)
	if err != nil {
		return WaitlistOffer{}, fmt.Errorf("waitlist offer %d: show: %w", entryID, err)
	}
	o := WaitlistOffer{Entry: waitlistEntry(r), Booking: b, Show: d}
	o.Open = o.Entry.State == WaitlistOffered && (b.Status == Held || b.Status == PendingPayment) &&
		b.HoldExpiresAt.After(s.opts.Now())
	return o, nil
}
