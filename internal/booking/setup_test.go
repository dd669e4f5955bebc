package booking_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testBundle is one show of "Hold Tight" on a 10x20 screen (back two rows
// premium, A1 blocked) and the booking service selling it: a service of
// its own (setup), or the whole app's, served over HTTP (httpSetup).
type testBundle struct {
	// Server is the assembled app; nil in service tests (setup).
	*apptest.Server
	pool    *pgxpool.Pool
	catalog *catalog.Service
	svc     *booking.Service
	show    catalog.Show
	// clock is the time every module reads when the test moves it (nil:
	// the real time).
	clock *testClock
	// later is a second show an hour after the first film ends, and
	// tickets signs e-tickets with the app's TICKET_KEYS (staffSetup).
	later   catalog.Show
	tickets *booking.Tickets
}

// holdTightShow makes the show every booking test sells.
func holdTightShow(t testing.TB, cat *catalog.Service) catalog.Show {
	t.Helper()
	return catalogtest.Show(t, cat, catalogtest.ShowOptions{Rows: 10, Seats: 20, Title: "Hold Tight",
		Prices: map[catalog.Category]int64{catalog.Standard: 1000, catalog.Premium: 1500},
		Shape: func(l *catalog.Layout) {
			l.Rows[8].Cells, l.Rows[9].Cells = "pppppppppppppppppppp", "pppppppppppppppppppp"
			l.Rows[0].Cells = "S" + l.Rows[0].Cells[1:]
		}})
}

// setup makes the show and a booking service of its own over it, for
// tests of the service alone.
func setup(t testing.TB, opts ...booking.Options) *testBundle {
	t.Helper()
	pool := pgtest.New(t)
	cat := catalog.NewService(pool, catalog.Options{})
	show := holdTightShow(t, cat)

	client, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	var o booking.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	svc := booking.NewService(pool, cat, booking.RiverJobs{Client: client}, o)
	cat.AddListener(svc) // as the app wires it: booking hears of cancelled and changed shows
	return &testBundle{pool: pool, catalog: cat, svc: svc, show: show}
}

// httpSetup builds the whole app (apptest) and makes the show through its
// catalogue, for tests through the real router.
func httpSetup(t testing.TB, o apptest.Options) *testBundle {
	t.Helper()
	s := apptest.New(t, o)
	return &testBundle{Server: s, pool: s.Pool, catalog: s.Catalog, svc: s.Booking, show: holdTightShow(t, s.Catalog)}
}

// clockedSetup is httpSetup with a clock the test moves, starting now.
func clockedSetup(t testing.TB, o apptest.Options) *testBundle {
	t.Helper()
	c := &testClock{at: time.Now()}
	o.Now = c.now
	b := httpSetup(t, o)
	b.clock = c
	return b
}

// testClock is a clock the test sets.
type testClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}

func (c *testClock) set(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = at
}

// testBrowser is a browser (cookie jar, no redirects followed), signed in
// as a new account unless its name was "".
type testBrowser struct {
	b *testBundle
	*webtest.Browser
	id int64
}

// browser returns a browser signed in as a new account named name with
// role, or no one when name is "".
func (b *testBundle) browser(t testing.TB, name string, role account.Role) *testBrowser {
	t.Helper()
	if name == "" {
		return &testBrowser{b: b, Browser: b.Browser(t)}
	}
	br, u := b.SignedIn(t, name, role)
	return &testBrowser{b: b, Browser: br, id: u.ID}
}

// seatOwners maps every held or booked seat of the show to its booking.
func (b *testBundle) seatOwners(t testing.TB) map[string]int64 {
	t.Helper()
	rows, err := b.pool.Query(context.Background(),
		"SELECT seat, booking_id FROM booking.show_seats WHERE show_id = $1 AND booking_id IS NOT NULL", b.show.ID)
	require.NoError(t, err)
	out := map[string]int64{}
	for rows.Next() {
		var seat string
		var id int64
		require.NoError(t, rows.Scan(&seat, &id))
		out[seat] = id
	}
	require.NoError(t, rows.Err())
	return out
}

// invariantViolations runs the database's own consistency checks: no seat
// in two live bookings, and every held (not expired) or booked seat row
// agrees with the live seats of its booking, and back.
func (b *testBundle) invariantViolations(t testing.TB) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), `
		SELECT
		  (SELECT count(*) FROM (SELECT show_id, seat FROM booking.booking_seats WHERE live
		                         GROUP BY show_id, seat HAVING count(*) > 1) dup)
		+ (SELECT count(*) FROM booking.show_seats ss WHERE ss.booking_id IS NOT NULL
		      AND NOT (ss.state = 'held' AND ss.hold_expires_at <= now()) AND NOT EXISTS (
		      SELECT 1 FROM booking.booking_seats bs WHERE bs.booking_id = ss.booking_id AND bs.seat = ss.seat AND bs.live))
		+ (SELECT count(*) FROM booking.booking_seats bs WHERE bs.live AND NOT EXISTS (
		      SELECT 1 FROM booking.show_seats ss WHERE ss.show_id = bs.show_id AND ss.seat = bs.seat AND ss.booking_id = bs.booking_id))`).Scan(&n))
	return n
}
