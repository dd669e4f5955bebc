package notify_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

// TestShowMovedTellsTheNewTimeOnceOnEveryChosenChannel: a buyer who chose
// email and SMS for bookings hears, once even when asked twice about the
// move, that their show now starts at the new time (in the theater's
// zone, the old one beside it) and where to cancel; their reminder moves
// with the show.
func TestShowMovedTellsTheNewTimeOnceOnEveryChosenChannel(t *testing.T) {
	t.Parallel()
	tw, url := startTwilio(t)
	b := setup(t, func(o *notify.Options) { o.SMS = notify.NewTwilio(url, "AC123", "secret-token", "+15005550006") })
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "+44 7700 900123")
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, SMS: true}
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))
	m := b.booking(u.ID, 0) // 14:00 UTC, 19:30 in Kolkata
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })
	var oldReminder int64
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT reminder_job_id FROM notify.bookings WHERE booking_id = $1",
		m.BookingID).Scan(&oldReminder))

	moved := m
	moved.OldStartsAt, moved.StartsAt = m.StartsAt, m.StartsAt.Add(90*time.Minute)
	for range 2 { // the second, as a retried job asks again
		b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.ShowMoved(ctx, tx, moved) })
	}

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 2 && tw.count() == 2 && b.jobsIdle(t) },
		"the confirmation and the move, by email and SMS")
	// The two messages are sent by separate jobs, in either order.
	mails := b.smtp.to(u.Email)
	got := mails[1]
	if strings.HasPrefix(mails[0].Subject, "Hold Tight has moved") {
		got = mails[0]
	}
	require.Equal(t, "Hold Tight has moved to Friday 14 March, 21:00", got.Subject)
	text, ok := got.part("text/plain")
	require.True(t, ok, "a plain-text part")
	require.Contains(t, string(text.Body), "It now starts at Friday 14 March, 21:00 instead of Friday 14 March, 19:30.")
	require.Contains(t, string(text.Body), "If the new time doesn't suit you, you can cancel from your booking's page.")
	require.Contains(t, string(text.Body), fmt.Sprintf("See your booking: http://marquee.test/bookings/%d", m.BookingID))
	require.Contains(t, tw.sent[0]["Body"]+"\n"+tw.sent[1]["Body"], "has moved to Friday 14 March, 21:00 (was Friday 14 March, 19:30)")
	require.Empty(t, got.Header.Get("List-Unsubscribe"), "a booking message, not marketing")

	var state string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT state FROM river.river_job WHERE id = $1", oldReminder).Scan(&state))
	require.Equal(t, "cancelled", state, "the old time's reminder is dropped")
	var at time.Time
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT j.scheduled_at FROM river.river_job j
		JOIN notify.bookings nb ON nb.reminder_job_id = j.id WHERE nb.booking_id = $1 AND nb.starts_at = $2`,
		m.BookingID, moved.StartsAt).Scan(&at))
	require.WithinDuration(t, moved.StartsAt.Add(-3*time.Hour), at, time.Second, "the reminder goes three hours before the new time")
}
