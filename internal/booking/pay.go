package booking

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Payment errors. Their messages are written for buyers.
var (
	// ErrNotPayable: the booking can't be paid (its hold ran out, or it
	// was cancelled).
	ErrNotPayable = errors.New("this booking can't be paid any more: its seats are no longer held for you")
	// ErrPaid: the booking is already paid.
	ErrPaid = errors.New("this booking is already paid")
)

// StartPayment readies userID's booking for payment and returns what the
// payment needs. A held booking moves to pending_payment and its hold
// (booking and seats) is extended once, with a new expiry job; a booking
// whose payment failed may try again while its hold lasts. A booking that
// costs nothing (a 100% promo) is confirmed at once and the request's
// Amount is 0. Errors: ErrNotFound (also another user's booking),
// ErrNotPayable, ErrPaid.
func (s *Service) StartPayment(ctx context.Context, userID, bookingID int64) (payments.PaymentRequest, error) {
	var req payments.PaymentRequest
	var showID int64
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.lockBooking(ctx, tx, bookingID)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(b.UserID, userID)) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		now := s.opts.Now()
		switch st := Status(b.Status); {
		case st == Confirmed:
			return ErrPaid
		case st != Held && st != PendingPayment && st != PaymentFailed, !b.HoldExpiresAt.After(now):
			return ErrNotPayable
		}
		if b.TotalMinor == 0 {
			showID = b.ShowID
			req = payments.PaymentRequest{BookingID: b.ID, Code: b.Code, UserID: accountID(userID), Currency: b.Currency,
				ReturnPath: "/bookings/" + strconv.FormatInt(b.ID, 10)}
			return s.Confirm(ctx, tx, b.ID)
		}
		expires, note := b.HoldExpiresAt, "payment started"
		if Status(b.Status) != Held {
			note = "payment tried again"
		}
		if !b.HoldExtended {
			if ext := now.Add(s.opts.HoldTTL); ext.After(expires) {
				expires = ext
			}
			note += "; hold extended"
			if err := s.q.ShowSeatExtendHold(ctx, tx, bookingdb.ShowSeatExtendHoldParams{BookingID: &b.ID, ExpiresAt: &expires}); err != nil {
				return fmt.Errorf("extend seat hold: %w", err)
			}
		}
		if err := s.q.BookingStartPayment(ctx, tx, bookingdb.BookingStartPaymentParams{ID: b.ID, ExpiresAt: expires,
			HoldExtended: true}); err != nil {
			return fmt.Errorf("start payment: %w", err)
		}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID,
			Status: string(PendingPayment), Note: note}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		req, err = s.paymentRequest(ctx, tx, b, userID, expires)
		return err
	})
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("start payment of booking %d: %w", bookingID, err)
	}
	if showID != 0 {
		s.publishAvailability(ctx, showID)
	}
	return req, nil
}

// paymentRequest describes a booking for its payment: what the card page
// and the buyer's statement show, in the buyer's language (ctx's).
func (s *Service) paymentRequest(ctx context.Context, tx pgx.Tx, b bookingdb.BookingBooking, userID int64, expires time.Time) (payments.PaymentRequest, error) {
	d, err := s.showTx(ctx, tx, b.ShowID)
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("show of booking %d: %w", b.ID, err)
	}
	seats, err := s.q.BookingSeatList(ctx, tx, b.ID)
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("seats of booking %d: %w", b.ID, err)
	}
	when := i18n.DayTime(ctx, d.StartsAt.In(d.Theater.Location()))
	tickets := i18n.N(ctx, "{{.Count}} tickets", len(seats))
	return payments.PaymentRequest{BookingID: b.ID, Code: b.Code, UserID: accountID(userID), Amount: b.TotalMinor, Currency: b.Currency,
		Description: d.Movie.Title + " · " + d.Theater.Name + " · " + when + " · " + tickets,
		ReturnPath:  "/bookings/" + strconv.FormatInt(b.ID, 10), HoldExpiresAt: expires}, nil
}
