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

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/jobs"
)

// The on-sale statements are the server's own (bookingdb, generated from
// db/queries/booking/holds.sql): sqlSeatList is ShowSeatList's seat map.
const (
	sqlSeatList = `SELECT seat, row_idx, col_idx,
       CASE WHEN state = 'held' AND hold_expires_at <= now() THEN 'free' ELSE state END::text AS state
FROM booking.show_seats WHERE show_id = $1 ORDER BY row_idx, col_idx`
	holdTTL      = 8 * time.Minute // the server's default HOLD_TTL
	codeAlphabet = "34679ACDEFGHJKMNPQRTUVWXY"
)

// rawPlayer does a buyer's hold work straight on PostgreSQL: the same
// statements in the same transactions (pg.InTx, as the server), without
// HTTP, JSON, token checks, the show cache, or the coalesced seat count and
// seat map announcements after the commit.
type rawPlayer struct {
	pool   *pgxpool.Pool
	q      *bookingdb.Queries
	jobs   booking.RiverJobs
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

// holdTx is the server's hold transaction: BEGIN and the lock in one round
// trip, the write, River's expiry job, COMMIT.
func (p *rawPlayer) holdTx(ctx context.Context, seats []string) (int64, error) {
	lock := bookingdb.HoldSeatLockParams{Seats: seats, UserID: &p.userID, ShowID: p.show.id}
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(genericPlans)
	b.Queue(asyncCommit)
	var locked []bookingdb.HoldSeatLockRow
	b.Queue(bookingdb.HoldSeatLockSQL, lock.Seats, lock.UserID, lock.ShowID).Query(func(rows pgx.Rows) error {
		var err error
		locked, err = pgx.CollectRows(rows, pgx.RowToStructByPos[bookingdb.HoldSeatLockRow])
		return err
	})
	br := p.pool.SendBatch(ctx, b)
	tx := br.Tx()
	defer func() { _ = tx.Rollback(ctx) }()
	if err := br.Close(); err != nil {
		return 0, err
	}
	var err error
	if slices.ContainsFunc(locked, func(l bookingdb.HoldSeatLockRow) bool { return l.Chosen && !l.Available && !l.Known }) {
		if locked, err = p.q.HoldSeatLock(ctx, tx, lock); err != nil {
			return 0, err
		}
	}
	var mine, stale, prices []int64
	var cats []string
	var subtotal int64
	if len(locked) > 0 {
		mine = locked[0].Mine
	}
	for _, l := range locked {
		switch {
		case !l.Chosen:
			continue
		case l.BookingID != nil && slices.Contains(mine, *l.BookingID):
		case !l.Available:
			return 0, errTaken // roll back, as the server does
		case l.BookingID != nil && !slices.Contains(stale, *l.BookingID):
			stale = append(stale, *l.BookingID)
		}
		cats, prices, subtotal = append(cats, l.Category), append(prices, l.PriceMinor), subtotal+l.PriceMinor
	}
	if len(cats) != len(seats) {
		return 0, fmt.Errorf("seats %v are not all in the show", seats)
	}
	params := bookingdb.HoldInsertParams{StaleIds: stale, StaleNote: "hold ran out; seats taken by another buyer",
		ReplacedIds: mine, ReplacedNote: "replaced by a new choice of seats", ShowID: p.show.id, UserID: p.userID,
		ExpiresAt: time.Now().Add(holdTTL), Currency: p.show.currency, Subtotal: subtotal, Seats: seats,
		Categories: cats, Prices: prices, Note: "held " + fmt.Sprint(seats)}
	for range 5 {
		params.Code = p.code()
		row, err := p.q.HoldInsert(ctx, tx, params)
		if errors.Is(err, pgx.ErrNoRows) {
			continue // the code is taken: draw another
		}
		if err != nil {
			return 0, err
		}
		if err := p.jobs.ScheduleHoldExpiry(ctx, tx, row.ID, row.HoldExpiresAt); err != nil {
			return 0, err
		}
		return row.ID, tx.Commit(ctx)
	}
	return 0, errors.New("insert hold: no free code after 5 tries")
}

// errTaken rolls back a hold of which a seat went first.
var errTaken = errors.New("a seat was taken")

// release is the server's: BEGIN, generic plans, the one statement and
// COMMIT in one round trip.
func (p *rawPlayer) release(ctx context.Context, id int64) error {
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(genericPlans)
	b.Queue(asyncCommit)
	b.Queue(bookingdb.HoldReleaseSQL, id, &p.userID, "released by the buyer")
	b.Queue("COMMIT")
	br := p.pool.SendBatch(ctx, b)
	tx := br.Tx()
	defer func() { _ = tx.Rollback(ctx) }()
	return br.Close()
}

// genericPlans is the server's: the on-sale statements run on generic plans.
const genericPlans = "SET LOCAL plan_cache_mode = force_generic_plan"

// asyncCommit is the server's: holds and releases do not wait for their
// WAL flush.
const asyncCommit = "SET LOCAL synchronous_commit = off"

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
	client, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	if err != nil {
		return nil, err
	}
	players := make([]player, len(buyers))
	for i, b := range buyers {
		players[i] = &rawPlayer{pool: pool, q: bookingdb.New(), jobs: booking.RiverJobs{Client: client}, show: s, userID: b.id,
			rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(b.id)))}
	}
	return play(ctx, players, cfg.rawDuration, cfg.maxRequests, cfg), nil
}
