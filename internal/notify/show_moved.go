package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// ShowMoved asks, inside tx, for the message that the show of booking
// m.BookingID now starts at m.StartsAt instead of m.OldStartsAt, and moves
// the booking's reminder to go out ReminderBefore the new time. Asking
// again about the same move sends nothing more (a retried job); a later
// move of the same show is a new message.
func (s *Service) ShowMoved(ctx context.Context, tx pgx.Tx, m BookingMessage) error {
	userID, email, ok := bookingRecipient(ctx, &m)
	if !ok {
		return nil // the buyer deleted their account
	}
	id := strconv.FormatInt(m.BookingID, 10)
	move := id + ":" + strconv.FormatInt(m.StartsAt.Unix(), 10)
	jobID, err := s.enqueue(ctx, tx, message{key: "booking.show_moved:" + move, kind: KindShowMoved,
		category: Transactional, userID: userID, email: email, data: payload{Booking: &m}})
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
			category: Reminders, userID: userID, email: email, data: payload{Booking: &m}, at: at})
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
func composeShowMoved(ctx context.Context, r *rendered, base string, b BookingMessage) {
	e := &r.email
	when, was := showTime(ctx, b.StartsAt, b.TimeZone), showTime(ctx, b.OldStartsAt, b.TimeZone)
	page := base + "/bookings/" + strconv.FormatInt(b.BookingID, 10)
	e.Subject = i18n.T(ctx, "{{.Movie}} has moved to {{.When}}", "Movie", b.Movie, "When", when)
	e.Heading = i18n.T(ctx, "Your show has moved")
	e.Paragraphs = []string{
		i18n.T(ctx, "The cinema changed the time of your show. It now starts at {{.When}} instead of {{.Was}}.", "When", when, "Was", was),
		i18n.T(ctx, "Your seats and e-ticket stay the same. If the new time doesn't suit you, you can cancel from your booking's page."),
	}
	facts := []views.Fact{e.Facts[0], e.Facts[1], {Label: i18n.T(ctx, "New time"), Value: when}, {Label: i18n.T(ctx, "Was"), Value: was}}
	e.Facts = append(facts, e.Facts[3:]...)
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "See your booking"), page
	local := location(b.TimeZone)
	r.sms = fitSMS(
		i18n.T(ctx, "Marquee: your show {{.Movie}} (booking {{.Code}}) has moved to {{.When}} (was {{.Was}}). Seats unchanged. To cancel: {{.Link}}",
			"Movie", b.Movie, "Code", b.Code, "When", when, "Was", was, "Link", page),
		i18n.T(ctx, "Marquee: {{.Movie}} has moved to {{.When}} (was {{.Was}}). To cancel: {{.Link}}",
			"Movie", b.Movie, "When", i18n.DayTime(ctx, b.StartsAt.In(local)), "Was", i18n.DayTime(ctx, b.OldStartsAt.In(local)), "Link", page))
	r.push = Push{Title: i18n.T(ctx, "{{.Movie}} has moved", "Movie", b.Movie),
		Body: i18n.T(ctx, "Now {{.When}} (was {{.Was}}).", "When", when, "Was", was), URL: page}
}
