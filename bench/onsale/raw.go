package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// The on-sale statements are the server's own (bookingdb, generated from
// db/queries/booking/holds.sql): sqlSeatList is ShowSeatList's seat map.
const (
	sqlSeatList = `SELECT seat, row_idx, col_idx,
       CASE WHEN state = 'held' AND hold_expires_at <= now() THEN 'free' ELSE state END::text AS state
FROM booking.show_seats WHERE show_id = $1 ORDER BY row_idx, col_idx`
	holdTTL        = 8 * time.Minute // the server's default HOLD_TTL
	maxUnpaidHolds = 3               // the server's default MAX_UNPAID_HOLDS
	codeAlphabet   = "34679ACDEFGHJKMNPQRTUVWXY"
)

// rawPlayer does a buyer's hold work straight on PostgreSQL: the same
// statements in the same transactions (pg.InTx, as the server), without
// HTTP, JSON, token checks, the show cache, or the coalesced seat count and
// seat map announcements after the commit.
type rawPlayer struct {
	pool   *pgxpool.Pool
	show   show
	userID int64
	rng    *rand.Rand
}

func (p *rawPlayer) seatMap(ctx context.Context) (*seatMap, error) {
	rows, err := p.pool.Query(ctx, sqlSeatList, p.show.id)
	if err != nil {
		return nil, err
	}
	var seats []seat
	var label, state string
	var row, col int16
	_, err = pgx.ForEachRow(rows, []any{&label, &row, &col, &state}, func() error {
		seats = append(seats, seat{label: label, row: int(row), col: int(col), free: state == "free"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return newSeatMap(seats), nil
}

func (p *rawPlayer) hold(ctx context.Context, seats []string) (int64, bool, error) {
	seats = sortedCopy(seats)
	var id int64
	var err error
	for range 3 { // as the server: a deadlock victim runs again
		id, err = p.holdTx(ctx, seats)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			break
		}
	}
	if errors.Is(err, errTaken) {
		return 0, true, nil
	}
	return id, false, err
}

// holdTx is the server's hold transaction: BEGIN, the settings, the one
// statement that locks, checks and writes (HoldTake) and COMMIT in one
// round trip.
func (p *rawPlayer) holdTx(ctx context.Context, seats []string) (int64, error) {
	for range 5 {
		var rows []bookingdb.HoldTakeRow
		b := &pgx.Batch{}
		b.BeginTx(pgx.TxOptions{})
		b.Queue(holdSettings)
		b.Queue(bookingdb.HoldTakeSQL, p.userID, p.show.id, maxUnpaidHolds, time.Now(), seats, "replaced by a new choice of seats",
			"hold ran out; seats taken by another buyer", p.code(), time.Now().Add(holdTTL), p.show.currency,
			"held "+fmt.Sprint(seats)).Query(func(r pgx.Rows) error {
			var err error
			rows, err = pgx.CollectRows(r, pgx.RowToStructByPos[bookingdb.HoldTakeRow])
			return err
		})
		b.Queue("COMMIT")
		br := p.pool.SendBatch(ctx, b)
		err := br.Close()
		_ = br.Tx().Rollback(ctx) // committed: a no-op
		var pgErr *pgconn.PgError
		switch {
		case errors.As(err, &pgErr) && pgErr.Code == "23505":
			continue // the code is taken, or this buyer's hold raced in: again
		case err != nil:
			return 0, err
		case len(rows) > 0 && rows[0].NewID != 0:
			return rows[0].NewID, nil
		}
		if len(rows) != len(seats) {
			return 0, fmt.Errorf("seats %v are not all in the show", seats)
		}
		if slices.ContainsFunc(rows, func(r bookingdb.HoldTakeRow) bool { return r.Chosen && r.Known && !r.Available && !r.Own }) {
			return 0, errTaken
		}
		// A seat went to a booking made while the statement waited: look again.
	}
	return 0, errors.New("hold: undecided after 5 tries")
}

// errTaken rolls back a hold of which a seat went first.
var errTaken = errors.New("a seat was taken")

// release is the server's: BEGIN, generic plans, the one statement and
// COMMIT in one round trip.
func (p *rawPlayer) release(ctx context.Context, id int64) error {
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(holdSettings)
	b.Queue(bookingdb.HoldReleaseSQL, id, &p.userID, "released by the buyer")
	b.Queue("COMMIT")
	br := p.pool.SendBatch(ctx, b)
	tx := br.Tx()
	defer func() { _ = tx.Rollback(ctx) }()
	return br.Close()
}

// holdSettings is the server's: the on-sale statements run on generic
// plans, and holds and releases do not wait for their WAL flush.
const holdSettings = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), " +
	"set_config('synchronous_commit', 'off', true)"

func (p *rawPlayer) code() string {
	b := []byte("XXX-XXX")
	for i := range b {
		if i != 3 {
			b[i] = codeAlphabet[p.rng.IntN(len(codeAlphabet))]
		}
	}
	return string(b)
}

// playRaw runs the same hold work from one goroutine per buyer on a pool
// of cfg.rawConns connections.
func playRaw(ctx context.Context, pool *pgxpool.Pool, buyers []*buyer, s show, cfg config) (*tally, error) {
	players := make([]player, len(buyers))
	for i, b := range buyers {
		players[i] = &rawPlayer{pool: pool, show: s, userID: b.id,
			rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(b.id)))}
	}
	return play(ctx, players, cfg.rawDuration, cfg.maxRequests, cfg), nil
}
