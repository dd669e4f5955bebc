package booking_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

// clock is a service clock that can be set back: a hold made while it is
// an hour behind ran out long ago (the database's now() decides).
type clock struct{ behind atomic.Int64 }

func (c *clock) now() time.Time { return time.Now().Add(-time.Duration(c.behind.Load())) }

func (c *clock) setBehind(d time.Duration) { c.behind.Store(int64(d)) }

// listen opens a connection of its own LISTENing for seat changes.
func (b *testBundle) listen(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.ConnectConfig(context.Background(), b.pool.Config().ConnConfig.Copy())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	_, err = conn.Exec(context.Background(), "LISTEN "+pgx.Identifier{booking.SeatsChannel}.Sanitize())
	require.NoError(t, err)
	return conn
}

// announced waits for the next seat change announcement and returns its show.
func announced(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	n, err := conn.WaitForNotification(ctx)
	require.NoError(t, err, "no seat change was announced")
	return n.Payload
}

func TestTheSweeperFreesRanOutHoldsInBatchesAndTellsSeatMaps(t *testing.T) {
	t.Parallel()
	c := &clock{}
	b := setup(t, booking.Options{Now: c.now})
	ctx := context.Background()
	c.setBehind(time.Hour)
	var ranOut []int64
	for i, seats := range [][]string{{"C1", "C2"}, {"C3"}, {"C4", "C5"}, {"C6"}, {"C7", "C8", "C9"}} {
		h, err := b.svc.Hold(ctx, int64(10+i), b.show.ID, seats)
		require.NoError(t, err)
		ranOut = append(ranOut, h.ID)
	}
	c.setBehind(0)
	live, err := b.svc.Hold(ctx, 20, b.show.ID, []string{"D1", "D2"})
	require.NoError(t, err)
	conn := b.listen(t)

	n, err := b.svc.SweepHolds(ctx, 2)
	require.NoError(t, err)
	require.Equal(t, 5, n, "every ran-out hold, two per transaction")
	show := strconv.FormatInt(b.show.ID, 10)
	for range 3 {
		require.Equal(t, show, announced(t, conn), "each batch tells the show's open seat maps")
	}
	require.Equal(t, map[string]int64{"D1": live.ID, "D2": live.ID}, b.seatOwners(t), "only the live hold keeps its seats")
	for _, id := range ranOut {
		require.Equal(t, "expired", b.status(t, id))
	}
	require.Equal(t, "held", b.status(t, live.ID))
	var events int
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT count(*) FROM booking.booking_events
		WHERE booking_id = ANY($1) AND status = 'expired' AND note = 'hold ran out'`, ranOut).Scan(&events))
	require.Equal(t, 5, events, "each expired booking says why")
	require.Zero(t, b.invariantViolations(t))

	n, err = b.svc.SweepHolds(ctx, 2)
	require.NoError(t, err)
	require.Zero(t, n, "nothing is left to sweep")
}

func TestTheSweeperSkipsAHoldSomebodyIsWorkingOnInsteadOfWaiting(t *testing.T) {
	t.Parallel()
	c := &clock{}
	b := setup(t, booking.Options{Now: c.now})
	ctx := context.Background()
	c.setBehind(time.Hour)
	busy, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"E1", "E2"})
	require.NoError(t, err)
	idle, err := b.svc.Hold(ctx, 2, b.show.ID, []string{"E5"})
	require.NoError(t, err)

	// Another transaction has one of busy's seats locked, as a buyer taking
	// it over would.
	tx, err := b.pool.Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, "SELECT 1 FROM booking.show_seats WHERE show_id = $1 AND seat = 'E2' FOR UPDATE", b.show.ID)
	require.NoError(t, err)

	n, err := b.svc.SweepHolds(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the idle hold is reclaimed; the busy one is skipped, not waited for")
	require.Equal(t, "expired", b.status(t, idle.ID))
	require.Equal(t, "held", b.status(t, busy.ID), "a booking is reclaimed only with all its seats")

	require.NoError(t, tx.Rollback(ctx))
	n, err = b.svc.SweepHolds(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the next sweep gets it")
	require.Empty(t, b.seatOwners(t))
	require.Zero(t, b.invariantViolations(t))
}

func TestARanOutHoldIsFreeToOthersBeforeTheSweeperRuns(t *testing.T) {
	t.Parallel()
	c := &clock{}
	b := setup(t, booking.Options{Now: c.now})
	ctx := context.Background()
	c.setBehind(time.Hour)
	old, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"H1", "H2"})
	require.NoError(t, err)
	c.setBehind(0)

	m, err := b.svc.SeatMap(ctx, b.show.ID)
	require.NoError(t, err)
	for _, s := range m.Seats {
		if s.Seat == "H1" || s.Seat == "H2" {
			require.Equal(t, booking.Free, s.State, "the seat map shows %s free", s.Seat)
		}
	}
	next, err := b.svc.Hold(ctx, 2, b.show.ID, []string{"H2", "H3"})
	require.NoError(t, err, "no sweeper has run, and the seat is anybody's")
	require.Equal(t, next.ID, b.seatOwners(t)["H2"])
	require.Equal(t, "expired", b.status(t, old.ID), "the old booking lost a seat, so it expired")
	again, err := b.svc.Hold(ctx, 3, b.show.ID, []string{"H1"})
	require.NoError(t, err, "its other seat is free too")
	require.Equal(t, again.ID, b.seatOwners(t)["H1"])
	require.Zero(t, b.invariantViolations(t))
}
