package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Locked runs fn while holding the session-level advisory lock key, so that
// several app instances starting at once take turns (migrations, demo data).
func Locked(ctx context.Context, pool *pgxpool.Pool, key int64, fn func() error) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquire connection for lock %d: %w", key, err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("take lock %d: %w", key, err)
	}
	defer func() {
		// Ending the session would release it too; unlock so the pooled
		// connection goes back clean.
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
	}()
	return fn()
}
