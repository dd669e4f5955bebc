package pg_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// TestAfterCommitFollowsOnlyWhatCommitted: what a transaction asks to do
// after its commit happens once when it commits (also after a retry, and
// for a savepoint inside it), and never when it rolls back.
func TestAfterCommitFollowsOnlyWhatCommitted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	var counted []string
	count := func(what string) func() { return func() { counted = append(counted, what) } }

	require.NoError(t, pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		pg.AfterCommit(ctx, count("committed"))
		require.Empty(t, counted, "nothing runs before the commit")
		return pg.InTx(ctx, tx, func(ctx context.Context, tx pgx.Tx) error {
			pg.AfterCommit(ctx, count("savepoint"))
			return nil
		})
	}))
	require.Equal(t, []string{"committed", "savepoint"}, counted)

	counted = nil
	err := pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		pg.AfterCommit(ctx, count("rolled back"))
		return errBoom
	})
	require.ErrorIs(t, err, errBoom)
	require.Empty(t, counted, "a rolled-back transaction counts nothing")

	attempts := 0
	require.NoError(t, pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		attempts++
		pg.AfterCommit(ctx, count("retried"))
		if attempts == 1 {
			_, err := tx.Exec(ctx, `DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$`)
			return err
		}
		return nil
	}))
	require.Equal(t, 2, attempts)
	require.Equal(t, []string{"retried"}, counted, "a retried transaction counts its committed attempt only")

	counted = nil
	pg.AfterCommit(ctx, count("no transaction"))
	require.Equal(t, []string{"no transaction"}, counted, "outside a transaction it runs at once")
}
