package booking_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type testBundle struct {
	pool    *pgxpool.Pool
	catalog *catalog.Service
	svc     *booking.Service
	show    catalog.Show
}

// setup makes a London theater with a 10x20 screen (back two rows premium,
// A1 blocked) and a show tomorrow, and the booking service over it.
func setup(t testing.TB, opts ...booking.Options) *testBundle {
	t.Helper()
	pool := pgtest.New(t)
	cat := catalog.NewService(pool, catalog.Options{})
	show := catalogtest.Show(t, cat, catalogtest.ShowOptions{Rows: 10, Seats: 20, Title: "Hold Tight",
		Prices: map[catalog.Category]int64{catalog.Standard: 1000, catalog.Premium: 1500},
		Shape: func(l *catalog.Layout) {
			l.Rows[8].Cells, l.Rows[9].Cells = "pppppppppppppppppppp", "pppppppppppppppppppp"
			l.Rows[0].Cells = "S" + l.Rows[0].Cells[1:]
		}})

	client, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	var o booking.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	svc := booking.NewService(pool, cat, booking.RiverJobs{Client: client}, o)
	cat.AddListener(svc) // as main wires it: booking hears of cancelled and changed shows
	return &testBundle{pool: pool, catalog: cat, svc: svc, show: show}
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
