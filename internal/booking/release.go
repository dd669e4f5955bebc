package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// ReleaseHold gives up the buyer's held booking at once ("change seats",
// the app's back button): its seats are free for everyone. It returns the
// booking's status as found: Held when it was released now; any other
// status (a hold that ran out, a booking being paid or paid) is left as it
// is. One statement locks the seats, then the booking, and writes; it
// goes to PostgreSQL with BEGIN and COMMIT in one round trip.
// Errors: ErrNotFound (also for another buyer's booking).
func (s *Service) ReleaseHold(ctx context.Context, userID, bookingID int64) (Status, error) {
	var row bookingdb.HoldReleaseRow
	var err error
	for range maxHoldAttempts {
		row, err = s.releaseTx(ctx, userID, bookingID)
		if !pg.Retryable(err) {
			break
		}
	}
	if err == nil && !ownedBy(row.UserID, userID) {
		err = ErrNotFound // another buyer's: the statement wrote nothing
	}
	if errors.Is(err, pgx.ErrNoRows) || errors.Is(err, ErrNotFound) {
		return "", fmt.Errorf("release booking %d: %w", bookingID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("release booking %d: %w", bookingID, err)
	}
	if row.Released == 0 {
		if Status(row.Status) != Held {
			return Status(row.Status), nil
		}
		// It moved on (to payment, or ran out) between the statement's
		// start and its lock: read where it went.
		b, err := s.q.BookingGet(ctx, s.pool, bookingID)
		if err != nil {
			return "", fmt.Errorf("release booking %d: %w", bookingID, err)
		}
		return Status(b.Status), nil
	}
	s.announceSoon(ctx, row.ShowID)
	s.seatsFreedAfter(ctx, row.ShowID)
	s.publishAvailability(ctx, row.ShowID)
	return Held, nil
}

// releaseTx runs HoldRelease in a transaction of its own: BEGIN, the
// statement and COMMIT in one round trip (pgx's Batch.BeginTx).
func (s *Service) releaseTx(ctx context.Context, userID, bookingID int64) (bookingdb.HoldReleaseRow, error) {
	var row bookingdb.HoldReleaseRow
	if userID == web.GuestBuyer {
		userID = 0 // the statement reads 0 as "no account"
	}
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	b.Queue(holdSettings)
	b.Queue(bookingdb.HoldReleaseSQL, bookingID, userID, "released by the buyer").QueryRow(func(r pgx.Row) error {
		return r.Scan(&row.ID, &row.UserID, &row.ShowID, &row.Status, &row.Released)
	})
	b.Queue("COMMIT")
	br := s.pool.SendBatch(ctx, b)
	tx := br.Tx()
	defer func() { _ = tx.Rollback(ctx) }() // committed: a no-op
	err := br.Close()
	return row, err
}
