package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// ShowMoved asks, inside tx, for the message that the show of booking
// m.BookingID now starts at m.StartsAt instead of m.OldStartsAt, and moves
// the booking's reminder to go out ReminderBefore the new time. Asking
// again about the same move sends nothing more (a retried job); a later
// move of the same show is a new message.
func (s *Service) ShowMoved(ctx context.Context, tx pgx.Tx, m BookingMessage) error {
	if m.UserID == 0 {
		return nil // the buyer deleted their account
	}
	id := strconv.FormatInt(m.BookingID, 10)
	move := id + ":" + strconv.FormatInt(m.StartsAt.Unix(), 10)
	jobID, err := s.enqueue(ctx, tx, message{key: "booking.show_moved:" + move, kind: KindShowMoved,
		category: Transactional, userID: m.UserID, data: payload{Booking: &m}})
	if err != nil || jobID == 0 {
		return err // 0: this move was told, and its reminder moved, already
	}
	rec, err := s.q.BookingRecordGet(ctx, tx, m.BookingID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && rec.Cancelled) {
		return nil // no reminder to move
	}
	if err != nil {
		return fmt.Errorf("booking record %d: %w", m.BookingID, err)
	}
	if rec.ReminderJobID != nil {
		_, err := s.jobs.JobCancelTx(ctx, tx, *rec.ReminderJobID)
		if err != nil && !errors.Is(err, river.ErrNotFound) {
			return fmt.Errorf("drop old reminder of booking %d: %w", m.BookingID, err)
		}
	}
	var reminderJob *int64
	if at := m.StartsAt.Add(-s.opts.ReminderBefore); at.After(s.opts.Now()) {
		// A key of its own: the old time's reminder is recorded already.
		jobID, err := s.enqueue(ctx, tx, message{key: "booking.reminder:" + move, kind: KindBookingReminder,
			category: Reminders, userID: m.UserID, data: payload{Booking: &m}, at: at})
		if err != nil {
			return err
		}
		if jobID != 0 {
			reminderJob = &jobID
		}
	}
	if err := s.q.BookingRecordMove(ctx, tx, notifydb.BookingRecordMoveParams{BookingID: m.BookingID,
		StartsAt: m.StartsAt, ReminderJobID: reminderJob}); err != nil {
		return fmt.Errorf("move booking record %d: %w", m.BookingID, err)
	}
	return nil
}

// composeShowMoved writes the "your show has moved" message: the new time
// first, the old one beside it, both in the theater's zone, and where to
// cancel if the new time does not suit.
func composeShowMoved(r *rendered, base string, b BookingMessage) {
	e := &r.email
	when, was := showTime(b.StartsAt, b.TimeZone), showTime(b.OldStartsAt, b.TimeZone)
	page := base + "/bookings/" + strconv.FormatInt(b.BookingID, 10)
	e.Subject = b.Movie + " has moved to " + when
	e.Heading = "Your show has moved"
	e.Paragraphs = []string{
		"The cinema changed the time of your show. It now starts at " + when + " instead of " + was + ".",
		"Your seats and e-ticket stay the same. If the new time doesn't suit you, you can cancel from your booking's page.",
	}
	facts := []views.Fact{e.Facts[0], e.Facts[1], {Label: "New time", Value: when}, {Label: "Was", Value: was}}
	e.Facts = append(facts, e.Facts[3:]...)
	e.ButtonLabel, e.ButtonURL = "See your booking", page
	r.sms = fmt.Sprintf("Marquee: your show %s (booking %s) has moved to %s (was %s). Seats unchanged. To cancel: %s",
		b.Movie, b.Code, when, was, page)
	r.push = Push{Title: b.Movie + " has moved", Body: "Now " + when + " (was " + was + ").", URL: page}
}
