package booking

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// maxHoldAttempts bounds how often a hold or release that PostgreSQL picked
// as a deadlock victim (or lost a serialisation conflict) runs again.
const maxHoldAttempts = 3

// holdSettings opens a hold's or release's transaction, in one statement:
//   - plan_cache_mode: the transaction's prepared statements run on their
//     generic plan; PostgreSQL would otherwise plan the on-sale statements
//     (CTEs over array parameters) afresh on every execution, and planning
//     was the biggest single cost of a hold in the database.
//   - synchronous_commit: a hold or release commits without waiting for
//     its WAL flush. Nothing is lost that matters: a crash can forget at
//     most the last fraction of a second of holds and releases, whole (the
//     seats are then simply free or held again), and any later ordinary
//     commit (paying, confirming, cancelling) flushes the WAL up to itself
//     first, so a hold a payment builds on is always durable before the
//     payment is recorded.
const holdSettings = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), " +
	"set_config('synchronous_commit', 'off', true)"

// takeSeats runs HoldTake in a transaction of its own: BEGIN, holdSettings,
// the statement and COMMIT go to PostgreSQL in one round trip (pgx's
// Batch.BeginTx), so the seats stay locked for one statement, not for a
// conversation. A refused choice commits nothing (the statement wrote
// nothing); a failed statement rolls it all back. A deadlock or
// serialisation failure runs it again.
func (s *Service) takeSeats(ctx context.Context, p bookingdb.HoldTakeParams) ([]bookingdb.HoldTakeRow, error) {
	var rows []bookingdb.HoldTakeRow
	var err error
	for range maxHoldAttempts {
		rows, err = s.takeSeatsOnce(ctx, p)
		if !pg.Retryable(err) {
			return rows, err
		}
	}
	return nil, fmt.Errorf("transaction failed after %d attempts: %w", maxHoldAttempts, err)
}

func (s *Service) takeSeatsOnce(ctx context.Context, p bookingdb.HoldTakeParams) ([]bookingdb.HoldTakeRow, error) {
	var rows []bookingdb.HoldTakeRow
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(holdSettings)
	if p.GuestEmail != "" {
		b.Queue(guestHoldLock, p.GuestEmail)
	}
	b.Queue(bookingdb.HoldTakeSQL, p.UserID, p.GuestEmail, p.ShowID, p.MaxUnpaid, p.Now, p.Seats, p.ReplacedNote, p.StaleNote,
		p.Code, p.TheaterID, p.ExpiresAt, p.Currency, p.GuestPhone, p.GuestLang, p.Note).Query(func(r pgx.Rows) error {
		var err error
		rows, err = pgx.CollectRows(r, pgx.RowToStructByPos[bookingdb.HoldTakeRow])
		return err
	})
	b.Queue("COMMIT")
	br := s.pool.SendBatch(ctx, b)
	tx := br.Tx()
	defer func() { _ = tx.Rollback(ctx) }() // committed: a no-op
	if err := br.Close(); err != nil {
		return nil, err
	}
	return rows, nil
}
