package devdb_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/devdb"
)

// TestClusterLifecycle starts a private cluster, writes to it, stops it and
// starts it again from the same directory: the data is still there, and no
// initdb ran the second time. This is what two `make run`s in a row do.
func TestClusterLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Not t.TempDir: its parent is private, and when we are root the server
	// runs as the postgres user, who must reach the directory.
	dir, err := os.MkdirTemp("", "marquee-devdb-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.Chmod(dir, 0o755))
	pgdir := filepath.Join(dir, "pg")

	var c *devdb.Cluster
	c, err = devdb.Start(ctx, pgdir, devdb.Options{Ephemeral: true, Database: "marquee"})
	if errors.Is(err, devdb.ErrNoPostgres) {
		t.Skip(err)
	}
	require.NoError(t, err)
	require.True(t, c.Created)
	exec(t, c.URL("marquee"), "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)")

	// Starting again while it runs reuses the running server.
	again, err := devdb.Start(ctx, pgdir, devdb.Options{Database: "marquee"})
	require.NoError(t, err)
	require.Equal(t, c.URL("marquee"), again.URL("marquee"))
	require.NoError(t, again.Stop(ctx), "stopping a reused cluster leaves it running")
	exec(t, c.URL("marquee"), "SELECT 1")

	require.NoError(t, c.Stop(ctx))
	_, err = pgx.Connect(ctx, c.URL("marquee"))
	require.Error(t, err, "the server is down after Stop")

	c2, err := devdb.Start(ctx, pgdir, devdb.Options{Database: "marquee"})
	require.NoError(t, err)
	t.Cleanup(func() { c2.Stop(context.Background()) })
	require.False(t, c2.Created)
	conn, err := pgx.Connect(ctx, c2.URL("marquee"))
	require.NoError(t, err)
	defer conn.Close(ctx)
	var n int
	require.NoError(t, conn.QueryRow(ctx, "SELECT n FROM kept").Scan(&n))
	require.Equal(t, 42, n)
}

func exec(t *testing.T, url, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	require.NoError(t, err)
}
