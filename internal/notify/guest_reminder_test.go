package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

// TestAGuestIsRemindedByEmailAndTextInTheLanguageTheyBookedIn: a guest
// booking (no account) gets its reminder at the guest's address, in the
// language of the page they bought on, and by text to the phone they
// gave; a guest without a phone gets the email only.
func TestAGuestIsRemindedByEmailAndTextInTheLanguageTheyBookedIn(t *testing.T) {
	t.Parallel()
	tw, url := startTwilio(t)
	b := setup(t, func(o *notify.Options) {
		o.ReminderBefore = 3*time.Hour - 300*time.Millisecond
		o.SMS = notify.NewTwilio(url, "AC123", "secret-token", "+15005550006")
	})
	withPhone := b.booking(0, 0)
	withPhone.StartsAt = time.Now().Add(3 * time.Hour)
	withPhone.Guest = &notify.Recipient{Email: "lucia@example.es", Phone: "+34912345678", Lang: "es"}
	noPhone := b.booking(0, 0)
	noPhone.StartsAt = withPhone.StartsAt
	noPhone.Guest = &notify.Recipient{Email: "omar@example.com"}
	for _, m := range []notify.BookingMessage{withPhone, noPhone} {
		b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	}

	eventually(t, func() bool {
		return len(b.smtp.to("lucia@example.es")) == 2 && len(b.smtp.to("omar@example.com")) == 2 && tw.count() == 1
	}, "confirmation and reminder to each guest, and one text")
	var subjects []string
	for _, r := range b.smtp.to("lucia@example.es") {
		subjects = append(subjects, r.Subject)
	}
	require.Contains(t, strings.Join(subjects, "\n"), "Recordatorio: Hold Tight a las ", "the reminder speaks Spanish")
	require.Equal(t, "+34912345678", tw.sent[0]["To"], "the text goes to the phone the guest gave")
	require.Contains(t, tw.sent[0]["Body"], "Recordatorio de Marquee")
	var reminded bool
	for _, r := range b.smtp.to("omar@example.com") {
		reminded = reminded || strings.HasPrefix(r.Subject, "Reminder: Hold Tight at ")
	}
	require.True(t, reminded, "the guest without a phone is reminded by email, in English")
	eventually(t, func() bool { return b.jobsIdle(t) }, "all sent")
	require.Equal(t, 1, tw.count(), "no text without a phone, and none with the confirmation")
}

// TestCancellingAGuestBookingDropsItsReminder: the guest's reminder waits
// in the queue and a cancellation drops it, as an account's.
func TestCancellingAGuestBookingDropsItsReminder(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := b.booking(0, 0)
	m.StartsAt = time.Now().Add(5 * time.Hour)
	m.Guest = &notify.Recipient{Email: "kim@example.org"}
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	var state, to string
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT j.state, msg.email FROM river.river_job j
		JOIN notify.bookings nb ON nb.reminder_job_id = j.id
		JOIN notify.messages msg ON msg.dedup_key = 'booking.reminder:' || nb.booking_id
		WHERE nb.booking_id = $1`, m.BookingID).Scan(&state, &to))
	require.Equal(t, "scheduled", state)
	require.Equal(t, "kim@example.org", to)

	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingCancelled(ctx, tx, m) })
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT state FROM river.river_job j
		JOIN notify.bookings nb ON nb.reminder_job_id = j.id WHERE nb.booking_id = $1`, m.BookingID).Scan(&state))
	require.Equal(t, "cancelled", state, "the reminder is dropped")
}
