package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// TestMovedShowTellsItsBuyersOnce runs the whole app's workers: the
// cinema moves a show two hours later, the buyer of its paid booking is
// emailed the new time (with the old one and where to cancel) and their
// reminder moves with the show, a buyer who only holds seats is told
// nothing, and the job run again sends nothing more.
func TestMovedShowTellsItsBuyersOnce(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	ctx := context.Background()
	ada, bo := b.User(t, "Ada", account.Customer), b.User(t, "Bo", account.Customer)

	paid, err := b.svc.Hold(ctx, ada.ID, b.show.ID, []string{"F1", "F2"})
	require.NoError(t, err)
	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error { return b.svc.Confirm(ctx, tx, paid.ID) }))
	held, err := b.svc.Hold(ctx, bo.ID, b.show.ID, []string{"F5"})
	require.NoError(t, err)

	old := b.show.StartsAt
	moved, err := b.catalog.MoveShow(ctx, b.show.ID, old.Add(2*time.Hour))
	require.NoError(t, err)
	d, err := b.catalog.ShowDetail(ctx, b.show.ID)
	require.NoError(t, err)
	zone, err := time.LoadLocation(d.Theater.TimeZone)
	require.NoError(t, err)
	newTime := moved.StartsAt.In(zone).Format("Monday 2 January, 15:04")
	oldTime := old.In(zone).Format("Monday 2 January, 15:04")

	var subject, body string
	require.Eventually(t, func() bool {
		return b.pool.QueryRow(ctx, `SELECT d.subject, d.body_text FROM notify.deliveries d
			JOIN notify.messages m ON m.id = d.message_id
			WHERE m.kind = 'booking.show_moved' AND m.user_id = $1 AND d.channel = 'email' AND d.status = 'sent'`,
			ada.ID).Scan(&subject, &body) == nil
	}, time.Minute, 20*time.Millisecond, "Ada is emailed that her show moved")
	require.Equal(t, "Hold Tight has moved to "+newTime, subject)
	require.Contains(t, body, "It now starts at "+newTime+" instead of "+oldTime+".")
	require.Contains(t, body, "you can cancel from your booking's page")
	require.Contains(t, body, "/bookings/"+itoa(paid.ID))

	var reminderAt time.Time
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT j.scheduled_at FROM notify.bookings nb
		JOIN river.river_job j ON j.id = nb.reminder_job_id WHERE nb.booking_id = $1 AND nb.starts_at = $2`,
		paid.ID, moved.StartsAt).Scan(&reminderAt))
	require.WithinDuration(t, moved.StartsAt.Add(-3*time.Hour), reminderAt, time.Second, "the reminder moved with the show")

	// The job again, as a retry after it told everyone would run it.
	inserter, err := jobs.New(b.pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	res, err := inserter.Insert(ctx, booking.ShowMovedArgs{ShowID: b.show.ID, OldStartsAt: old.UTC()}, nil)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		var state string
		return b.pool.QueryRow(ctx, "SELECT state FROM river.river_job WHERE id = $1", res.Job.ID).Scan(&state) == nil &&
			state == "completed"
	}, time.Minute, 20*time.Millisecond, "the repeated job is done")
	var adaTold, boTold, sent int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT
		  count(*) FILTER (WHERE user_id = $1), count(*) FILTER (WHERE user_id = $2),
		  (SELECT count(*) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
		   WHERE m.kind = 'booking.show_moved')
		FROM notify.messages WHERE kind = 'booking.show_moved'`, ada.ID, bo.ID).Scan(&adaTold, &boTold, &sent))
	require.Equal(t, 1, adaTold, "one message for one move, however often the job runs")
	require.Zero(t, boTold, "a hold that was never paid for is not told (booking %d)", held.ID)
	require.Equal(t, 1, sent)
}
