package waitroom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/waitroom"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testKeys sign place tokens in tests.
const testKeys = "t1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

// clock is a clock the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fakeCatalog knows show 100 (of movie 7) and movie 7.
type fakeCatalog struct{}

func (fakeCatalog) ShowDetail(_ context.Context, id int64) (catalog.ShowDetail, error) {
	if id != 100 && id != 101 {
		return catalog.ShowDetail{}, catalog.ErrNotFound
	}
	return catalog.ShowDetail{Show: catalog.Show{ID: id, MovieID: 7, StartsAt: time.Date(2031, 3, 14, 19, 30, 0, 0, time.UTC)},
		Movie: catalog.Movie{ID: 7, Title: "Dune"}, Theater: catalog.Theater{Name: "Test Cinema", TimeZone: "Europe/London"},
		Screen: catalog.Screen{Name: "Screen 1"}}, nil
}

func (fakeCatalog) ScheduleChoices(context.Context) (catalog.ScheduleChoices, error) {
	return catalog.ScheduleChoices{Movies: []catalog.Movie{{ID: 7, Title: "Dune"}}}, nil
}

// testBundle is a waiting-room service and its clock; srv is the whole app
// over the same service, for the tests that go through its pages.
type testBundle struct {
	pool  *pgxpool.Pool
	clock *clock
	svc   *waitroom.Service
	srv   *apptest.Server
	// show is the show rooms are put in front of.
	show int64
}

// setup returns a waiting-room service whose clock stands at 12:00 on a
// day in 2031, and which admits for a 15-minute pass, over a catalogue
// that knows show 100.
func setup(t testing.TB) *testBundle {
	t.Helper()
	pool := pgtest.New(t)
	c := &clock{now: time.Date(2031, 3, 14, 12, 0, 0, 0, time.UTC)}
	return &testBundle{pool: pool, clock: c, svc: newService(t, pool, c), show: 100}
}

// httpSetup builds the app (15-minute pass) with its clock stopped at the
// present, and a show of Dune at Test Cinema, Screen 1.
func httpSetup(t testing.TB) *testBundle {
	t.Helper()
	c := &clock{now: time.Now()}
	s := apptest.New(t, apptest.Options{Now: c.Now, Env: map[string]string{"WAITROOM_PASS": "15m"}})
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{Title: "Dune"})
	return &testBundle{pool: s.Pool, clock: c, svc: s.Waitroom, srv: s, show: show.ID}
}

// newService is another app instance over the same database.
func newService(t testing.TB, pool *pgxpool.Pool, c *clock) *waitroom.Service {
	t.Helper()
	keys, err := waitroom.ParseKeys(testKeys)
	require.NoError(t, err)
	return waitroom.NewService(pool, waitroom.Options{Keys: keys, Catalog: fakeCatalog{}, Now: c.Now, Pass: 15 * time.Minute})
}

// room puts a room in front of the bundle's show going on sale after onSaleIn, at
// rate buyers per minute.
func (b *testBundle) room(t testing.TB, onSaleIn time.Duration, rate int) waitroom.Room {
	t.Helper()
	r, err := b.svc.SaveRoom(context.Background(), waitroom.RoomInput{ShowID: b.show, OnSaleAt: b.clock.Now().Add(onSaleIn),
		TimeZone: "Europe/London", Rate: rate})
	require.NoError(t, err)
	return r
}
