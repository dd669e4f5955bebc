package notify_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

func TestConfirmationEmailCarriesTheTicket(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	m := b.booking(u.ID, 48*time.Hour)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 }, "the confirmation")
	got := b.smtp.to(u.Email)[0]
	require.Equal(t, "Your tickets for Hold Tight · "+m.Code, got.Subject)
	require.Contains(t, got.Header.Get("From"), "tickets@marquee.test")
	text, ok := got.part("text/plain")
	require.True(t, ok, "a plain-text part")
	require.Contains(t, string(text.Body), "Hi Asha,")
	require.Contains(t, string(text.Body), "F7, F8")
	// 14:00 UTC is 19:30 in the theater's zone.
	require.Contains(t, string(text.Body), "Friday 14 March, 19:30")
	html, ok := got.part("text/html")
	require.True(t, ok, "an HTML part")
	require.Contains(t, string(html.Body), "cid:ticket-qr")
	require.Contains(t, string(html.Body), "http://marquee.test"+m.TicketPath)
	img, ok := got.part("image/png")
	require.True(t, ok, "the QR image")
	require.Equal(t, "ticket-qr", img.ContentID)
	require.True(t, strings.HasPrefix(string(img.Body), "\x89PNG"), "a PNG")
	require.Empty(t, got.Header.Get("List-Unsubscribe"), "transactional mail has no unsubscribe")
}

func TestRolledBackBookingSendsNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	ctx := context.Background()
	tx, err := b.pool.Begin(ctx)
	require.NoError(t, err)
	require.NoError(t, b.svc.BookingConfirmed(ctx, tx, b.booking(u.ID, 48*time.Hour)))
	require.NoError(t, tx.Rollback(ctx))

	later := b.booking(u.ID, 48*time.Hour) // a committed one, to know the workers ran
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, later) })
	eventually(t, func() bool { return len(b.smtp.to(u.Email)) >= 1 }, "the committed confirmation")
	time.Sleep(200 * time.Millisecond)
	require.Len(t, b.smtp.to(u.Email), 1)
	require.Contains(t, b.smtp.to(u.Email)[0].Subject, later.Code)
}

func TestReminderIsScheduledAndDroppedOnCancel(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	m := b.booking(u.ID, 0)
	m.StartsAt = time.Now().Add(5 * time.Hour)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })

	var at time.Time
	var state string
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT scheduled_at, state FROM river.river_job j
		JOIN notify.bookings nb ON nb.reminder_job_id = j.id WHERE nb.booking_id = $1`, m.BookingID).Scan(&at, &state))
	require.Equal(t, "scheduled", state)
	require.WithinDuration(t, m.StartsAt.Add(-3*time.Hour), at, time.Second, "three hours before the show")

	m.Refund = 2150
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingCancelled(ctx, tx, m) })
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT state FROM river.river_job j
		JOIN notify.bookings nb ON nb.reminder_job_id = j.id WHERE nb.booking_id = $1`, m.BookingID).Scan(&state))
	require.Equal(t, "cancelled", state, "the reminder is dropped")

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 2 }, "confirmation and cancellation")
	subjects := []string{b.smtp.to(u.Email)[0].Subject, b.smtp.to(u.Email)[1].Subject}
	require.Contains(t, subjects, "Booking "+m.Code+" is cancelled")
	for _, r := range b.smtp.to(u.Email) {
		if strings.Contains(r.Subject, "cancelled") {
			text, _ := r.part("text/plain")
			require.Contains(t, string(text.Body), "£21.50")
		}
	}
}

func TestReminderArrivesBeforeTheShow(t *testing.T) {
	t.Parallel()
	b := setup(t, func(o *notify.Options) { o.ReminderBefore = 3*time.Hour - 300*time.Millisecond })
	u := b.user(t, "Asha Rao", "")
	m := b.booking(u.ID, 0)
	m.StartsAt = time.Now().Add(3 * time.Hour)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 2 }, "confirmation and reminder")
	var reminder received
	for _, r := range b.smtp.to(u.Email) {
		if strings.HasPrefix(r.Subject, "Reminder: Hold Tight at ") {
			reminder = r
		}
	}
	require.NotEmpty(t, reminder.Subject, "a reminder")
	_, ok := reminder.part("image/png")
	require.True(t, ok, "the reminder carries the ticket too")
}

func TestJobRunTwiceSendsOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	m := b.booking(u.ID, 48*time.Hour)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	// The same request again (booking retrying its transaction) asks nothing new.
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 && b.jobsIdle(t) }, "the confirmation")

	// Run the very same job again, twice at once, as a duplicated job would.
	var messageID int64
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT id FROM notify.messages WHERE kind = 'booking.confirmed'").Scan(&messageID))
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		for range 2 {
			if _, err := b.jobs.InsertTx(ctx, tx, notify.SendArgs{MessageID: messageID}, nil); err != nil {
				return err
			}
		}
		return nil
	})
	eventually(t, func() bool { return b.jobsIdle(t) }, "the duplicate jobs")
	require.Len(t, b.smtp.to(u.Email), 1, "sent once")
	require.Equal(t, 1, b.deliveries(t, "sent"))
}

func TestTemporaryFailuresAreRetriedAndDeliverOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	b.smtp.failNext(2)
	m := b.booking(u.ID, 48*time.Hour)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 && b.jobsIdle(t) }, "the delivery")
	require.Len(t, b.smtp.to(u.Email), 1)
	var attempts int
	var status string
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT attempts, status FROM notify.deliveries").Scan(&attempts, &status))
	require.Equal(t, "sent", status)
	require.Equal(t, 3, attempts)
}

func TestPermanentFailureIsNotRetried(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	b.smtp.mu.Lock()
	b.smtp.refuse[u.Email] = true
	b.smtp.mu.Unlock()
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingConfirmed(ctx, tx, b.booking(u.ID, 48*time.Hour))
	})
	eventually(t, func() bool { return b.deliveries(t, "failed") == 1 && b.jobsIdle(t) }, "the failure")
	var attempts int
	var errText string
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT attempts, error FROM notify.deliveries").Scan(&attempts, &errText))
	require.Equal(t, 1, attempts)
	require.Contains(t, errText, "550")
}

func TestAccountEmailGoesToTheAddress(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.SendAccount(ctx, tx, notify.AccountMessage{Kind: notify.KindPasswordReset, To: "new@example.com",
			Name: "Noor Khan", Link: "http://marquee.test/password/reset?token=abc"})
	})
	eventually(t, func() bool { return len(b.smtp.to("new@example.com")) == 1 }, "the reset email")
	got := b.smtp.to("new@example.com")[0]
	require.Equal(t, "Reset your Marquee password", got.Subject)
	text, _ := got.part("text/plain")
	require.Contains(t, string(text.Body), "Hi Noor,")
	require.Contains(t, string(text.Body), "http://marquee.test/password/reset?token=abc")

	err := b.svc.SendAccount(context.Background(), nil, notify.AccountMessage{Kind: "account.nope", To: "x@example.com"})
	require.True(t, errors.Is(err, notify.ErrInvalid))
}
