package waitroom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
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

type testBundle struct {
	pool  *pgxpool.Pool
	clock *clock
	svc   *waitroom.Service
}

// setup returns a waiting-room service whose clock stands at 12:00 on a
// day in 2031, and which admits for a 15-minute pass.
func setup(t testing.TB) *testBundle {
	t.Helper()
	pool := pgtest.New(t)
	c := &clock{now: time.Date(2031, 3, 14, 12, 0, 0, 0, time.UTC)}
	return &testBundle{pool: pool, clock: c, svc: newService(t, pool, c)}
}

// newService is another app instance over the same database.
func newService(t testing.TB, pool *pgxpool.Pool, c *clock) *waitroom.Service {
	t.Helper()
	keys, err := waitroom.ParseKeys(testKeys)
	require.NoError(t, err)
	return waitroom.NewService(pool, waitroom.Options{Keys: keys, Catalog: fakeCatalog{}, Now: c.Now, Pass: 15 * time.Minute})
}

// room puts a room in front of show 100 going on sale after onSaleIn, at
// rate buyers per minute.
func (b *testBundle) room(t testing.TB, onSaleIn time.Duration, rate int) waitroom.Room {
	t.Helper()
	r, err := b.svc.SaveRoom(context.Background(), waitroom.RoomInput{ShowID: 100, OnSaleAt: b.clock.Now().Add(onSaleIn),
		TimeZone: "Europe/London", Rate: rate})
	require.NoError(t, err)
	return r
}
