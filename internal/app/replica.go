package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// replicaWait bounds how long a cache drop waits for the read replica: a
// replica further behind is already failing its readers, and the entries
// it refills live at most CACHE_TTL.
const replicaWait = 5 * time.Second

// caughtUp returns what waits until read has replayed everything primary
// had written when it was called; nil when read is the primary itself.
func caughtUp(primary, read *pgxpool.Pool) func(context.Context) error {
	if read == nil || read == primary {
		return nil
	}
	return func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, replicaWait)
		defer cancel()
		var lsn string
		if err := primary.QueryRow(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&lsn); err != nil {
			return fmt.Errorf("read the primary's WAL position: %w", err)
		}
		for {
			// NULL when read is not a standby: nothing to wait for.
			var done bool
			err := read.QueryRow(ctx, "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true)", lsn).Scan(&done)
			if err != nil {
				return fmt.Errorf("wait for the replica to replay %s: %w", lsn, err)
			}
			if done {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("wait for the replica to replay %s: %w", lsn, ctx.Err())
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
}
