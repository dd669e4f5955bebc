package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// The statements of booking.Service.Hold and Release, as in
// db/queries/booking/*.sql; keep them in step with internal/booking/hold.go
// and expire.go.
const (
	sqlSeatList = `SELECT seat, row_idx, col_idx,
       CASE WHEN state = 'held' AND hold_expires_at <= now() THEN 'free' ELSE state END::text AS state
FROM booking.show_seats WHERE show_id = $1 ORDER BY row_idx, col_idx`
	sqlSeatLock = `SELECT seat, category, price_minor, booking_id, state, hold_expires_at,
       (state = 'free' OR (state = 'held' AND hold_expires_at <= now()))::boolean AS available
FROM booking.show_seats WHERE show_id = $1 AND seat = ANY($2::text[]) ORDER BY seat FOR UPDATE`
	sqlBookingInsert = `INSERT INTO booking.bookings (code, show_id, user_id, status, hold_expires_at, currency, subtotal_minor, total_minor)
VALUES ($1, $2, $3, 'held', $4, $5, $6, $6) RETURNING *`
	sqlBookingSeatInsert = `INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor)
SELECT $1::bigint, $2::bigint, unnest($3::text[]), unnest($4::text[]), unnest($5::bigint[])`
	sqlSeatHold = `UPDATE booking.show_seats SET state = 'held', booking_id = $1, hold_expires_at = $2
WHERE show_id = $3 AND seat = ANY($4::text[])`
	sqlEventInsert = `INSERT INTO booking.booking_events (booking_id, status, note) VALUES ($1, $2, $3)`
	sqlNotify      = `SELECT pg_notify($1, $2)`
	sqlBookingLock = `SELECT * FROM booking.bookings WHERE id = $1 FOR UPDATE`
	sqlExpireHeld  = `UPDATE booking.bookings SET status = 'expired', updated_at = now()
WHERE id = ANY($1::bigint[]) AND status IN ('held', 'pending_payment') RETURNING id`
	sqlSeatRetire  = `UPDATE booking.booking_seats SET live = false WHERE booking_id = ANY($1::bigint[]) AND live`
	sqlSeatRelease = `UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
WHERE booking_id = $1 AND state = 'held'`
	holdTTL      = 8 * time.Minute // the server's default HOLD_TTL
	codeAlphabet = "34679ACDEFGHJKMNPQRTUVWXY"
)

// rawPlayer does a buyer's hold work straight on PostgreSQL: the same
// statements in the same transactions (retried on deadlock, like pg.InTx
// does for the server), without HTTP, JSON, token checks, the catalogue
// reads before the transaction or the availability count after it.
type rawPlayer struct {
	pool     *pgxpool.Pool
	jobs     booking.RiverJobs
	show     show
	userID   int64
	rng      *rand.Rand
	notifyID string
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
	err := pg.InTx(ctx, p.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, sqlSeatLock, p.show.id, seats)
		if err != nil {
			return err
		}
		var cats []string
		var prices []int64
		var stale []int64
		var subtotal int64
		var label, category, state string
		var price int64
		var bookingID *int64
		var expires *time.Time
		var available, taken bool
		_, err = pgx.ForEachRow(rows, []any{&label, &category, &price, &bookingID, &state, &expires, &available}, func() error {
			if !available {
				taken = true
			} else if bookingID != nil {
				stale = append(stale, *bookingID)
			}
			cats, prices, subtotal = append(cats, category), append(prices, price), subtotal+price
			return nil
		})
		if err != nil {
			return err
		}
		if taken {
			return errTaken // roll back, as the server does
		}
		if len(cats) != len(seats) {
			return fmt.Errorf("seats %v are not all in the show", seats)
		}
		if len(stale) > 0 {
			if err := p.expire(ctx, tx, sortedCompact(stale)); err != nil {
				return err
			}
		}
		until := time.Now().Add(holdTTL)
		if id, err = p.insertBooking(ctx, tx, until, subtotal); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlBookingSeatInsert, id, p.show.id, seats, cats, prices); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlSeatHold, id, until, p.show.id, seats); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlEventInsert, id, "held", "held "+fmt.Sprint(seats)); err != nil {
			return err
		}
		if err := p.jobs.ScheduleHoldExpiry(ctx, tx, id, until); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, sqlNotify, booking.SeatsChannel, p.notifyID)
		return err
	})
	if errors.Is(err, errTaken) {
		return 0, true, nil
	}
	return id, false, err
}

// errTaken rolls back a hold of which a seat went first.
var errTaken = errors.New("a seat was taken")

// insertBooking inserts the booking row inside a savepoint, retrying a
// repeated code, as the server does.
func (p *rawPlayer) insertBooking(ctx context.Context, tx pgx.Tx, until time.Time, subtotal int64) (int64, error) {
	for range 5 {
		var id int64
		err := pg.InTx(ctx, tx, func(sp pgx.Tx) error {
			rows, err := sp.Query(ctx, sqlBookingInsert, p.code(), p.show.id, p.userID, until, p.show.currency, subtotal)
			if err != nil {
				return err
			}
			defer rows.Close()
			if !rows.Next() {
				return fmt.Errorf("insert booking: %w", rows.Err())
			}
			vals, err := rows.Values()
			if err != nil {
				return err
			}
			id = vals[0].(int64)
			rows.Close()
			return rows.Err()
		})
		if pg.IsUniqueViolation(err, "bookings_code_key") {
			continue
		}
		return id, err
	}
	return 0, errors.New("insert booking: no free code after 5 tries")
}

func (p *rawPlayer) release(ctx context.Context, id int64) error {
	return pg.InTx(ctx, p.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, sqlBookingLock, id)
		if err != nil {
			return err
		}
		var status string
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				return err
			}
			status, _ = vals[4].(string)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if status != "held" {
			return nil
		}
		if err := p.expire(ctx, tx, []int64{id}); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlSeatRelease, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlEventInsert, id, "expired", "released by the buyer"); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, sqlNotify, booking.SeatsChannel, p.notifyID)
		return err
	})
}

// expire is the server's expire: the bookings lose their claim on seats.
func (p *rawPlayer) expire(ctx context.Context, tx pgx.Tx, ids []int64) error {
	rows, err := tx.Query(ctx, sqlExpireHeld, ids)
	if err != nil {
		return err
	}
	gone, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, sqlSeatRetire, gone); err != nil {
		return err
	}
	for _, g := range gone {
		if _, err := tx.Exec(ctx, sqlEventInsert, g, "expired", "hold ran out"); err != nil {
			return err
		}
	}
	return nil
}

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
		players[i] = &rawPlayer{pool: pool, jobs: booking.RiverJobs{Client: client}, show: s, userID: b.id,
			rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(b.id))), notifyID: strconv.FormatInt(s.id, 10)}
	}
	return play(ctx, players, cfg.rawDuration, cfg.maxRequests, cfg), nil
}
