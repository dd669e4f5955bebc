package notify

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// BookingConfirmed asks, inside tx, for the confirmation with the e-ticket
// and schedules the reminder (ReminderBefore the show, unless that moment
// has passed), to the account or to a guest's address. Asking twice for
// one booking sends one of each.
func (s *Service) BookingConfirmed(ctx context.Context, tx pgx.Tx, m BookingMessage) error {
	userID, email, ok := bookingRecipient(ctx, &m)
	if !ok {
		return nil // the buyer deleted their account
	}
	id := strconv.FormatInt(m.BookingID, 10)
	if _, err := s.enqueue(ctx, tx, message{key: "booking.confirmed:" + id, kind: KindBookingConfirmed,
		category: Transactional, userID: userID, email: email, data: payload{Booking: &m}}); err != nil {
		return err
	}
	var reminderJob *int64
	if at := m.StartsAt.Add(-s.opts.ReminderBefore); at.After(s.opts.Now()) {
		jobID, err := s.enqueue(ctx, tx, message{key: "booking.reminder:" + id, kind: KindBookingReminder,
			category: Reminders, userID: userID, email: email, data: payload{Booking: &m}, at: at})
		if err != nil {
			return err
		}
		if jobID != 0 {
			reminderJob = &jobID
		}
	}
	// A guest's record has user 0: cancelling drops its reminder all the same.
	if err := s.q.BookingRecordInsert(ctx, tx, notifydb.BookingRecordInsertParams{BookingID: m.BookingID, UserID: userID,
		MovieID: m.MovieID, StartsAt: m.StartsAt, ReminderJobID: reminderJob}); err != nil {
		return fmt.Errorf("record booking %d: %w", m.BookingID, err)
	}
	return nil
}

// BookingCancelled asks, inside tx, for the cancellation notice (with the
// refund, and the cinema's apology when it cancelled the show) and drops
// the booking's reminder.
func (s *Service) BookingCancelled(ctx context.Context, tx pgx.Tx, m BookingMessage) error {
	jobID, err := s.q.BookingRecordCancel(ctx, tx, m.BookingID)
	if err != nil && err != pgx.ErrNoRows {
		return fmt.Errorf("cancel booking record %d: %w", m.BookingID, err)
	}
	if jobID != nil {
		if _, err := s.jobs.JobCancelTx(ctx, tx, *jobID); err != nil {
			return fmt.Errorf("drop reminder of booking %d: %w", m.BookingID, err)
		}
	}
	userID, email, ok := bookingRecipient(ctx, &m)
	if !ok {
		return nil
	}
	_, err = s.enqueue(ctx, tx, message{key: "booking.cancelled:" + strconv.FormatInt(m.BookingID, 10),
		kind: KindBookingCancelled, category: Transactional, userID: userID, email: email, data: payload{Booking: &m}})
	return err
}

// PaymentFailed asks, inside tx, for the message that the booking's
// payment did not go through.
func (s *Service) PaymentFailed(ctx context.Context, tx pgx.Tx, m BookingMessage) error {
	if m.UserID == 0 {
		return nil
	}
	m.Lang = askedIn(ctx, m.Lang)
	_, err := s.enqueue(ctx, tx, message{key: "booking.payment_failed:" + strconv.FormatInt(m.BookingID, 10),
		kind: KindPaymentFailed, category: Transactional, userID: m.UserID, data: payload{Booking: &m}})
	return err
}

// askedIn is lang, or when it is empty the language of the request that
// asks for the message (English for one that named none).
func askedIn(ctx context.Context, lang string) string {
	if i18n.Supported(lang) {
		return lang
	}
	return i18n.Lang(ctx)
}

// bookingRecipient is whom booking m's messages go to: its account, or a
// guest's address (userID 0); ok is false when nobody can be told (the
// buyer deleted their account). It sets m.Lang to the language the
// booking was made in (else the asking request's).
func bookingRecipient(ctx context.Context, m *BookingMessage) (userID int64, email string, ok bool) {
	if to := m.guestEmail(); to != "" {
		m.Lang = askedIn(ctx, m.Guest.Lang)
		return 0, to, true
	}
	if m.UserID == 0 {
		return 0, "", false
	}
	m.Lang = askedIn(ctx, m.Lang)
	return m.UserID, "", true
}
