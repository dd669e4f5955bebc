package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// maxHoldAttempts bounds how often a hold or release that PostgreSQL picked
// as a deadlock victim (or lost a serialisation conflict) runs again.
const maxHoldAttempts = 3

// genericPlans makes the transaction's prepared statements run on their
// generic plan: PostgreSQL would otherwise plan the on-sale statements
// (CTEs over array parameters) afresh on every execution, and planning was
// the biggest single cost of a hold in the database.
const genericPlans = "SET LOCAL plan_cache_mode = force_generic_plan"

// asyncCommit lets a hold or release commit without waiting for its WAL
// flush. Nothing is lost that matters: a crash can forget at most the last
// fraction of a second of holds and releases, whole (the seats are then
// simply free or held again), and any later ordinary commit (paying,
// confirming, cancelling) flushes the WAL up to itself first, so a hold a
// payment builds on is always durable before the payment is recorded.
const asyncCommit = "SET LOCAL synchronous_commit = off"

// inLockedTx runs fn in a transaction that begins by locking the hold's
// seats (HoldSeatLock): BEGIN, genericPlans, asyncCommit and the lock go to PostgreSQL
// in one round trip (pgx's Batch.BeginTx). It commits when fn returns nil
// and rolls back otherwise; like pg.InTx, a deadlock or serialisation
// failure runs it all again, so fn must be safe to re-run and must not
// call out to the network.
func (s *Service) inLockedTx(ctx context.Context, p bookingdb.HoldSeatLockParams,
	fn func(tx pgx.Tx, locked []bookingdb.HoldSeatLockRow) error) error {
	var err error
	for range maxHoldAttempts {
		err = s.lockedTx(ctx, p, fn)
		if !retryable(err) {
			return err
		}
	}
	return fmt.Errorf("transaction failed after %d attempts: %w", maxHoldAttempts, err)
}

func (s *Service) lockedTx(ctx context.Context, p bookingdb.HoldSeatLockParams,
	fn func(tx pgx.Tx, locked []bookingdb.HoldSeatLockRow) error) error {
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(genericPlans)
	b.Queue(asyncCommit)
	var locked []bookingdb.HoldSeatLockRow
	b.Queue(bookingdb.HoldSeatLockSQL, p.Seats, p.UserID, p.ShowID).Query(func(rows pgx.Rows) error {
		var err error
		locked, err = pgx.CollectRows(rows, pgx.RowToStructByPos[bookingdb.HoldSeatLockRow])
		return err
	})
	br := s.pool.SendBatch(ctx, b)
	tx := br.Tx()
	defer func() { _ = tx.Rollback(ctx) }() // after Commit: a no-op
	if err := br.Close(); err != nil {
		return fmt.Errorf("lock seats: %w", err)
	}
	if err := fn(tx, locked); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// retryable reports whether PostgreSQL picked the statement or transaction
// as a deadlock victim or failed it on a serialisation conflict: running it
// again from the start is safe.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001")
}
