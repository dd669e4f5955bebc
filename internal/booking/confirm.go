package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// ErrSeatsGone: a payment arrived after the hold ran out and someone else
// has the seats now; the payment must be refunded.
var ErrSeatsGone = errors.New("the seats were released before the payment arrived and are taken now")

// Confirm marks a booking paid, inside the caller's transaction (the
// payments module's, so the payment's state and the booking's change
// together). It is idempotent. A payment after the hold ran out still
// confirms when every seat is free (or again ours); otherwise it returns
// ErrSeatsGone and changes nothing. Errors: ErrNotFound, ErrSeatsGone.
func (s *Service) Confirm(ctx context.Context, tx pgx.Tx, bookingID int64) error {
	// The difference of a change of show makes the change, with its own locks.
	if o, err := s.q.ExchangeOrderGet(ctx, tx, bookingID); err == nil {
		return s.confirmExchangeOrder(ctx, tx, o)
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("is booking %d an exchange order: %w", bookingID, err)
	}
	// Seats first, in seat order, then the booking row (see lockBooking).
	seats, err := s.q.ShowSeatLockForBooking(ctx, tx, &bookingID)
	if err != nil {
		return fmt.Errorf("lock seats of booking %d: %w", bookingID, err)
	}
	b, err := s.q.BookingGetForUpdate(ctx, tx, bookingID)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("confirm booking %d: %w", bookingID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("lock booking %d: %w", bookingID, err)
	}
	// A food order added to a paid booking has no seats: its own rules.
	if parentID, err := s.q.FoodAddonParent(ctx, tx, bookingID); err == nil {
		return s.confirmFoodAddon(ctx, tx, b, parentID)
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("is booking %d a food order: %w", bookingID, err)
	}
	switch Status(b.Status) {
	case Confirmed:
		return nil
	case Held, PendingPayment, Expired, PaymentFailed:
	default:
		return fmt.Errorf("confirm booking %d in state %s: %w", bookingID, b.Status, ErrSeatsGone)
	}
	// A show cancelled while its buyer was paying sells nothing: the
	// payment is refunded.
	d, err := s.shows.ShowDetailTx(ctx, tx, b.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %d: %w", bookingID, err)
	}
	if d.Status == catalog.Cancelled {
		return fmt.Errorf("confirm booking %d: the show was cancelled: %w", bookingID, ErrSeatsGone)
	}
	var stale []int64
	for _, st := range seats {
		if !st.Available {
			return fmt.Errorf("confirm booking %d: seat %s: %w", bookingID, st.Seat, ErrSeatsGone)
		}
		if st.BookingID != nil && *st.BookingID != bookingID {
			stale = append(stale, *st.BookingID)
		}
	}
	// Food stock is taken here, before anything is written, so a sold-out
	// item refuses the whole confirmation (the payment is refunded).
	if err := s.takeFoodStock(ctx, tx, bookingID); err != nil {
		return err
	}
	if len(stale) > 0 {
		if err := s.expire(ctx, tx, slices.Compact(slices.Sorted(slices.Values(stale))), "a late payment took the seats after the hold ran out"); err != nil {
			return err
		}
	}
	if err := s.q.BookingSeatRevive(ctx, tx, bookingID); err != nil {
		return fmt.Errorf("revive seats of booking %d: %w", bookingID, err)
	}
	if err := s.q.ShowSeatBook(ctx, tx, &bookingID); err != nil {
		return fmt.Errorf("book seats of booking %d: %w", bookingID, err)
	}
	if err := s.q.BookingConfirm(ctx, tx, bookingID); err != nil {
		return fmt.Errorf("confirm booking %d: %w", bookingID, err)
	}
	pg.AfterCommit(ctx, s.opts.Events.Purchase)
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID,
		Status: string(Confirmed), Note: "paid"}); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	if err := s.confirmed(ctx, tx, bookingID, d); err != nil {
		return err
	}
	if err := s.q.WaitlistBooked(ctx, tx, &bookingID); err != nil {
		return fmt.Errorf("waitlist offer of booking %d paid: %w", bookingID, err)
	}
	return announce(ctx, tx, b.ShowID)
}
