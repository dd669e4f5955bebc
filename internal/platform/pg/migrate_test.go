package pg_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestMigrationsGoDownAndUpCleanly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	m, err := pg.NewMigrator(pool, nil)
	require.NoError(t, err)
	t.Cleanup(func() { m.Close() })

	pending, err := m.Pending(ctx)
	require.NoError(t, err)
	require.False(t, pending, "the test database starts fully migrated")

	require.NoError(t, m.Reset(ctx))
	var schemas int
	require.NoError(t, pool.QueryRow(ctx,
		`SELECT count(*) FROM pg_namespace WHERE nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public')`).Scan(&schemas))
	require.Zero(t, schemas, "every schema is dropped by the down migrations")
	pending, err = m.Pending(ctx)
	require.NoError(t, err)
	require.True(t, pending)

	require.NoError(t, m.Up(ctx))
	require.NoError(t, m.Up(ctx), "applying again is a no-op")
	var jobs int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM river.river_job").Scan(&jobs))
	require.Zero(t, jobs)
}

func TestInTxRollsBackOnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	_, err := pool.Exec(ctx, "CREATE TABLE t (n int)")
	require.NoError(t, err)
	err = pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
			return err
		}
		return errBoom
	})
	require.ErrorIs(t, err, errBoom)
	var n int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n))
	require.Zero(t, n)
}

var errBoom = errors.New("boom")
