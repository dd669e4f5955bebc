package devdb_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
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

// TestAClusterLeftByACrashIsStoppedByTheNextRun: `make run` killed with
// SIGKILL leaves its private PostgreSQL running; the next run takes it
// over, and its Ctrl-C (Stop) stops it instead of leaving it behind.
func TestAClusterLeftByACrashIsStoppedByTheNextRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "marquee-devdb-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.Chmod(dir, 0o755))
	pgdir := filepath.Join(dir, "pg")

	// The first run: a child process that starts the cluster, says where,
	// and is killed.
	child := osexec.Command(os.Args[0], "-test.run=^TestHelperStartAndWait$")
	child.Env = append(os.Environ(), "DEVDB_HELPER_DIR="+pgdir)
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	if strings.HasPrefix(line, "SKIP") {
		child.Process.Kill()
		t.Skip(line)
	}
	require.NoError(t, err, "the child started the cluster")
	url := strings.TrimSpace(strings.TrimPrefix(line, "URL "))
	require.NoError(t, child.Process.Kill())
	_ = child.Wait()
	exec(t, url, "SELECT 1") // still running: nobody stopped it

	next, err := devdb.Start(ctx, pgdir, devdb.Options{})
	require.NoError(t, err)
	require.Equal(t, url, next.URL("marquee"), "the next run uses the same server")
	require.NoError(t, next.Stop(ctx))
	_, err = pgx.Connect(ctx, url)
	require.Error(t, err, "the next run's Stop stopped the server the crashed run left")
}

// TestHelperStartAndWait is the crashed run of the test above; it does
// nothing in a normal test run.
func TestHelperStartAndWait(t *testing.T) {
	dir := os.Getenv("DEVDB_HELPER_DIR")
	if dir == "" {
		return
	}
	c, err := devdb.Start(context.Background(), dir, devdb.Options{Ephemeral: true, Database: "marquee"})
	if errors.Is(err, devdb.ErrNoPostgres) {
		fmt.Println("SKIP", err)
		return
	}
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	fmt.Println("URL", c.URL("marquee"))
	select {} // until killed
}
