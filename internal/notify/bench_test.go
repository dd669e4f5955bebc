package notify_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/sealer"
)

// directory answers contacts for any user id, so a benchmark measures
// notify and not password hashing for thousands of accounts.
type directory struct{}

func (directory) Contacts(_ context.Context, ids []int64) ([]notify.Contact, error) {
	out := make([]notify.Contact, len(ids))
	for i, id := range ids {
		out[i] = notify.Contact{ID: id, Email: fmt.Sprintf("fan%d@example.com", id), Name: "Fan Number",
			Genres: []string{"Drama"}, Languages: []string{"English"}}
	}
	return out, nil
}

func (d directory) ContactsTx(ctx context.Context, _ pgx.Tx, ids []int64) ([]notify.Contact, error) {
	return d.Contacts(ctx, ids)
}

// benchService is notify over a real SMTP server and a running River
// client with 20 workers, as one production instance has.
func benchService(b *testing.B, movies *movieShelf) (*pgxpool.Pool, *notify.Service, *smtpServer) {
	pool := pgtest.New(b)
	smtpSrv := startSMTP(b)
	key, err := sealer.NewKey("b1")
	require.NoError(b, err)
	keys, err := notify.ParseKeys(key)
	require.NoError(b, err)
	email, err := notify.NewSMTP(smtpSrv.URL(), "Marquee <tickets@marquee.test>")
	require.NoError(b, err)
	inserter, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(b, err)
	svc := notify.NewService(pool, directory{}, movies, inserter, notify.Options{BaseURL: "http://marquee.test", Email: email, Keys: keys})
	w := river.NewWorkers()
	notify.Workers(w, svc)
	client, err := jobs.New(pool, jobs.Options{Workers: w, MaxWorkers: 20})
	require.NoError(b, err)
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(b, client.Start(ctx))
	b.Cleanup(func() {
		stop, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = client.Stop(stop)
		cancel()
	})
	return pool, svc, smtpSrv
}

// BenchmarkConfirmationDelay measures, over 1,000 bookings committed one
// after another, the delay from the booking's commit to the SMTP server
// accepting its confirmation (with the QR code): p50 and p99.
func BenchmarkConfirmationDelay(b *testing.B) {
	const bookings = 1000
	for range b.N {
		pool, svc, smtpSrv := benchService(b, &movieShelf{byID: map[int64]notify.Movie{}})
		ctx := context.Background()
		committed := make(map[string]time.Time, bookings)
		start := time.Now()
		for i := range bookings {
			m := notify.BookingMessage{BookingID: int64(i + 1), UserID: int64(i%50 + 1), Code: fmt.Sprintf("BK%05d", i),
				MovieID: 1, Movie: "Hold Tight", Theater: "Test Cinema", Screen: "Screen 1", TimeZone: "Europe/London",
				StartsAt: time.Now().Add(48 * time.Hour), Seats: []string{"F7", "F8"}, Total: 2150, Currency: "GBP",
				TicketPath: fmt.Sprintf("/bookings/%d/ticket", i+1), TicketToken: fmt.Sprintf("signed-ticket-%d", i)}
			require.NoError(b, pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error { return svc.BookingConfirmed(ctx, tx, m) }))
			committed[m.Code] = time.Now()
		}
		eventuallyWithin(b, 5*time.Minute, func() bool { return len(smtpSrv.messages()) == bookings }, "every confirmation")
		elapsed := time.Since(start)
		delays := make([]time.Duration, 0, bookings)
		for _, r := range smtpSrv.messages() {
			code := r.Subject[strings.LastIndex(r.Subject, " ")+1:]
			acceptedAt := smtpSrv.acceptedAt(r)
			delays = append(delays, acceptedAt.Sub(committed[code]))
		}
		slices.Sort(delays)
		b.ReportMetric(float64(delays[len(delays)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(delays[len(delays)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(bookings/elapsed.Seconds(), "emails/s")
	}
}

// BenchmarkBulkAlert measures a new-release alert fanning out to 5,000
// opted-in users, from the catalogue change's commit to the last email
// accepted by the SMTP server: messages per second.
func BenchmarkBulkAlert(b *testing.B) {
	const users = 5000
	for range b.N {
		movies := &movieShelf{byID: map[int64]notify.Movie{1: {ID: 1, Slug: "big-one", Title: "The Big One",
			Status: "now_showing", Genres: []string{"Drama"}, Languages: []string{"English"}}}}
		pool, svc, smtpSrv := benchService(b, movies)
		ctx := context.Background()
		_, err := pool.Exec(ctx, `INSERT INTO notify.preferences (user_id, category, email, sms, push)
			SELECT g, 'alerts', true, false, false FROM generate_series(1, $1) g`, users)
		require.NoError(b, err)
		_, err = pool.Exec(ctx, `INSERT INTO notify.settings (user_id, quiet_on, quiet_from, quiet_to, time_zone)
			SELECT g, false, 0, 0, 'UTC' FROM generate_series(1, $1) g`, users)
		require.NoError(b, err)
		start := time.Now()
		require.NoError(b, pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
			return svc.CatalogChanged(ctx, tx, notify.CatalogChange{Kind: "movie_saved", MovieID: 1, Created: true, NewStatus: "now_showing"})
		}))
		eventuallyWithin(b, 5*time.Minute, func() bool { return len(smtpSrv.messages()) == users }, "every alert")
		elapsed := time.Since(start)
		b.ReportMetric(users/elapsed.Seconds(), "messages/s")
		b.ReportMetric(elapsed.Seconds(), "total-s")
	}
}
