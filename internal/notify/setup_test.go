package notify_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/sealer"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testBundle is a notify service with its database, accounts and keys:
// built here (setup) or the app's own (httpSetup, srv set).
type testBundle struct {
	srv      *apptest.Server
	pool     *pgxpool.Pool
	accounts *account.Service
	svc      *notify.Service
	jobs     *jobs.Client
	smtp     *smtpServer
	movies   *movieShelf
	keys     *notify.Keys
	seq      atomic.Int64
}

// setup gives a notify service that sends email to a real SMTP server
// started here, over a running River client; opts adjust the service
// (channels, clock).
func setup(t testing.TB, adjust ...func(*notify.Options)) *testBundle {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	dataKey, err := sealer.NewKey("t1")
	require.NoError(t, err)
	seal, err := sealer.New(dataKey)
	require.NoError(t, err)
	b := &testBundle{pool: pool, smtp: startSMTP(t), movies: &movieShelf{byID: map[int64]notify.Movie{}}}
	b.accounts = account.NewService(pool, account.Options{BaseURL: "http://marquee.test", Sealer: seal, MaxConcurrentHashes: 2})
	signKey, err := sealer.NewKey("n1")
	require.NoError(t, err)
	b.keys, err = notify.ParseKeys(signKey)
	require.NoError(t, err)
	email, err := notify.NewSMTP(b.smtp.URL(), "Marquee <tickets@marquee.test>")
	require.NoError(t, err)
	o := notify.Options{BaseURL: "http://marquee.test", Email: email, Keys: b.keys,
		RetryDelay: func(int) time.Duration { return 50 * time.Millisecond }}
	for _, f := range adjust {
		f(&o)
	}
	// As main does: an insert-only client for the service, then the
	// working client with the workers.
	inserter, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	b.svc = notify.NewService(pool, contacts{b.accounts}, b.movies, inserter, o)
	w := river.NewWorkers()
	notify.Workers(w, b.svc)
	b.jobs, err = jobs.New(pool, jobs.Options{Workers: w, RetryPolicy: jobs.QuickRetry{}, MaxWorkers: 10})
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(ctx)
	require.NoError(t, b.jobs.Start(runCtx))
	t.Cleanup(func() {
		stopCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = b.jobs.Stop(stopCtx)
		cancel()
	})
	return b
}

// httpSetup builds the app, whose notify signs unsubscribe links with
// b.keys and mails through the development Outbox; movies come from its
// catalogue.
func httpSetup(t testing.TB) *testBundle {
	t.Helper()
	spec, err := sealer.NewKey("n1")
	require.NoError(t, err)
	keys, err := notify.ParseKeys(spec)
	require.NoError(t, err)
	s := apptest.New(t, apptest.Options{Env: map[string]string{"NOTIFY_KEYS": spec}})
	return &testBundle{srv: s, pool: s.Pool, accounts: s.Account, svc: s.Notify, keys: keys}
}

// user makes an account; phone may be "".
func (b *testBundle) user(t testing.TB, name, phone string) account.User {
	t.Helper()
	n := b.seq.Add(1)
	u, err := b.accounts.CreateUser(context.Background(), account.NewUser{Email: fmt.Sprintf("user%d@example.com", n),
		Name: name, Password: "correct horse battery", Phone: phone, Verified: true})
	require.NoError(t, err)
	return u
}

// inTx runs fn in a committed transaction, as booking or account would.
func (b *testBundle) inTx(t testing.TB, fn func(ctx context.Context, tx pgx.Tx) error) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error { return fn(ctx, tx) }))
}

// booking is a confirmed booking's message for user, the show starting in
// startsIn.
func (b *testBundle) booking(userID int64, startsIn time.Duration) notify.BookingMessage {
	id := b.seq.Add(1)
	return notify.BookingMessage{BookingID: 1000 + id, UserID: userID, Code: fmt.Sprintf("MQ%04d", id), MovieID: 7,
		Movie: "Hold Tight", Theater: "Test Cinema", Screen: "Screen 1", TimeZone: "Asia/Kolkata",
		StartsAt: time.Date(2031, 3, 14, 14, 0, 0, 0, time.UTC), Seats: []string{"F7", "F8"}, Total: 2150,
		Currency: "GBP", TicketPath: fmt.Sprintf("/bookings/%d/ticket", 1000+id), TicketToken: "ticket-token-" + fmt.Sprint(id)}
}

// deliveries counts the deliveries of a status.
func (b *testBundle) deliveries(t testing.TB, status string) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM notify.deliveries WHERE status = $1", status).Scan(&n))
	return n
}

// jobsIdle reports whether no River job is waiting or running.
func (b *testBundle) jobsIdle(t testing.TB) bool {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM river.river_job WHERE state IN ('available', 'running', 'retryable')").Scan(&n))
	return n == 0
}

// eventually polls cond for up to 20 seconds.
func eventually(t testing.TB, cond func() bool, what string) {
	t.Helper()
	eventuallyWithin(t, 20*time.Second, cond, what)
}

// eventuallyWithin polls cond for up to d.
func eventuallyWithin(t testing.TB, d time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// contacts adapts the account service as cmd/server does.
type contacts struct{ a *account.Service }

func (c contacts) Contacts(ctx context.Context, ids []int64) ([]notify.Contact, error) {
	list, err := c.a.Contacts(ctx, ids)
	return toNotifyContacts(list), err
}

func (c contacts) ContactsTx(ctx context.Context, tx pgx.Tx, ids []int64) ([]notify.Contact, error) {
	list, err := c.a.ContactsTx(ctx, tx, ids)
	return toNotifyContacts(list), err
}

func toNotifyContacts(list []account.Contact) []notify.Contact {
	out := make([]notify.Contact, len(list))
	for i, x := range list {
		out[i] = notify.Contact{ID: x.ID, Email: x.Email, Name: x.Name, Phone: x.Phone, HomeCity: x.HomeCity,
			Genres: x.PreferredGenres, Languages: x.PreferredLanguages, Lang: x.Lang}
	}
	return out
}

// movieShelf is the catalogue's answer for the movies a test declares.
type movieShelf struct{ byID map[int64]notify.Movie }

func (m *movieShelf) Movie(_ context.Context, id int64) (notify.Movie, error) {
	mv, ok := m.byID[id]
	if !ok {
		return notify.Movie{}, notify.ErrNotFound
	}
	return mv, nil
}

func (m *movieShelf) MovieBySlug(_ context.Context, slug string) (notify.Movie, error) {
	for _, mv := range m.byID {
		if mv.Slug == slug {
			return mv, nil
		}
	}
	return notify.Movie{}, notify.ErrNotFound
}

func (m *movieShelf) SegmentChoices(context.Context) ([]notify.Choice, []string, []notify.Choice, error) {
	return []notify.Choice{{Value: "london", Label: "London"}}, []string{"Drama"}, nil, nil
}
