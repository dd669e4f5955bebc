package devdb_test

import (
	"archive/tar"
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/devdb"
)

// scratch is a directory the unprivileged postgres user can reach (the
// server runs as that user when the tests run as root).
func scratch(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "marquee-devdb-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.Chmod(dir, 0o755))
	return dir
}

// noInstall stands for a machine where the package cannot be installed
// (not root, not Debian).
func noInstall(context.Context) error { return errors.New("not root") }

// hidden is a binary search path with no PostgreSQL on it.
func hidden(t *testing.T, dir string) []string {
	t.Helper()
	empty := filepath.Join(dir, "nothing-installed")
	require.NoError(t, os.Mkdir(empty, 0o755))
	return []string{empty}
}

// TestEmbeddedBuildIsFetchedOnceAndRuns is `make run` on a machine with
// only Go: the build is downloaded, unpacked and started, and serves
// queries; the next start (and a second cluster) reuse the unpacked build
// without downloading it again, and the data is still there.
func TestEmbeddedBuildIsFetchedOnceAndRuns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newBuildServer(t, false)
	dir := scratch(t)
	opt := devdb.Options{Database: "marquee", BinDirs: hidden(t, dir),
		Fetch: &devdb.Fetch{Source: srv.URL, Dir: filepath.Join(dir, "cache"), Install: noInstall}}

	began := time.Now()
	c, err := devdb.Start(ctx, filepath.Join(dir, "pg"), opt)
	require.NoError(t, err)
	first := time.Since(began)
	require.True(t, c.Created)
	require.EqualValues(t, 1, srv.downloads.Load())
	exec(t, c.URL("marquee"), "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)")
	require.NoError(t, c.Stop(ctx))

	began = time.Now()
	again, err := devdb.Start(ctx, filepath.Join(dir, "pg"), opt)
	require.NoError(t, err)
	second := time.Since(began)
	t.Cleanup(func() { again.Stop(context.Background()) })
	require.False(t, again.Created)
	require.EqualValues(t, 1, srv.downloads.Load(), "the second start uses the unpacked build")
	var n int
	conn, err := pgx.Connect(ctx, again.URL("marquee"))
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.NoError(t, conn.QueryRow(ctx, "SELECT n FROM kept").Scan(&n))
	require.Equal(t, 7, n)
	t.Logf("embedded PostgreSQL: first start (download, unpack, initdb, start) %v; second start %v",
		first.Round(time.Millisecond), second.Round(time.Millisecond))

	other, err := devdb.Start(ctx, filepath.Join(dir, "pg2"), opt)
	require.NoError(t, err)
	require.NoError(t, other.Stop(ctx))
	require.EqualValues(t, 1, srv.downloads.Load(), "a new cluster uses the unpacked build too")
}

// TestInstalledBinariesComeFirst: with PostgreSQL installed nothing is
// downloaded.
func TestInstalledBinariesComeFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newBuildServer(t, false)
	dir := scratch(t)
	c, err := devdb.Start(ctx, filepath.Join(dir, "pg"), devdb.Options{Ephemeral: true, BinDirs: []string{localBin(t)},
		Fetch: &devdb.Fetch{Source: srv.URL, Dir: filepath.Join(dir, "cache"), Install: noInstall}})
	require.NoError(t, err)
	t.Cleanup(func() { c.Stop(context.Background()) })
	exec(t, c.URL("postgres"), "SELECT 1")
	require.Zero(t, srv.downloads.Load())
	require.NoDirExists(t, filepath.Join(dir, "cache"))
}

// TestNoBuildAndNoInstallSaysTheWaysOut: offline (or refused a build that
// fails its checksum) and unable to install the package, Start says what
// the user can do, and leaves no half-unpacked build behind.
func TestNoBuildAndNoInstallSaysTheWaysOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tampered := newBuildServer(t, true)
	offline := newBuildServer(t, false)
	offline.Close()
	for name, tc := range map[string]struct{ source, why string }{
		"offline":           {offline.URL, "connection refused"},
		"checksum mismatch": {tampered.URL, "does not match its published checksum"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := scratch(t)
			_, err := devdb.Start(ctx, filepath.Join(dir, "pg"), devdb.Options{BinDirs: hidden(t, dir),
				Fetch: &devdb.Fetch{Source: tc.source, Dir: filepath.Join(dir, "cache"), Install: noInstall}})
			require.ErrorIs(t, err, devdb.ErrNoPostgres)
			for _, way := range []string{"apt-get install postgresql", "brew install", "docker compose up -d db", "DATABASE_URL="} {
				require.Contains(t, err.Error(), way)
			}
			require.Contains(t, err.Error(), tc.why, "the message says why there is no build")
			require.Contains(t, err.Error(), "not root", "and why nothing was installed")
			entries, _ := os.ReadDir(filepath.Join(dir, "cache"))
			require.Empty(t, entries, "no partial build is kept")
		})
	}
}

// TestABuildThatReachesOutsideItsDirectoryIsRefused: an archive entry or
// link leading out of the unpack directory stops the unpacking, writes
// nothing outside, and keeps nothing.
func TestABuildThatReachesOutsideItsDirectoryIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, entry := range map[string]*tar.Header{
		"entry":         {Typeflag: tar.TypeReg, Name: "bin/../../escaped", Mode: 0o644},
		"absolute link": {Typeflag: tar.TypeSymlink, Name: "bin/pg_ctl", Linkname: "/bin/sh"},
		"relative link": {Typeflag: tar.TypeSymlink, Name: "bin/pg_ctl", Linkname: "../../../escaped"},
	} {
		t.Run(name, func(t *testing.T) {
			jar, err := packJar(func(tw *tar.Writer) error { return tw.WriteHeader(entry) })
			require.NoError(t, err)
			srv := serveBuild(t, jar, false)
			dir := scratch(t)
			_, err = devdb.Start(ctx, filepath.Join(dir, "pg"), devdb.Options{BinDirs: hidden(t, dir),
				Fetch: &devdb.Fetch{Source: srv.URL, Dir: filepath.Join(dir, "cache"), Install: noInstall}})
			require.ErrorIs(t, err, devdb.ErrNoPostgres)
			require.Regexp(t, "leaves the archive|points outside the archive", err.Error())
			require.NoFileExists(t, filepath.Join(dir, "escaped"))
			entries, _ := os.ReadDir(filepath.Join(dir, "cache"))
			require.Empty(t, entries, "nothing unpacked is kept")
		})
	}
}

// TestNoBuildAsRootOnDebianInstallsThePackage: when the build cannot be
// fetched, the package install runs (apt-get as root on Debian; here a
// double that puts the binaries where the search finds them) and the
// cluster runs on the installed binaries.
func TestNoBuildAsRootOnDebianInstallsThePackage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	offline := newBuildServer(t, false)
	offline.Close()
	dir := scratch(t)
	search := hidden(t, dir)
	real := localBin(t)
	installs := 0
	install := func(context.Context) error {
		installs++
		for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
			if err := os.Symlink(filepath.Join(real, name), filepath.Join(search[0], name)); err != nil {
				return err
			}
		}
		return nil
	}
	c, err := devdb.Start(ctx, filepath.Join(dir, "pg"), devdb.Options{Ephemeral: true, BinDirs: search,
		Fetch: &devdb.Fetch{Source: offline.URL, Dir: filepath.Join(dir, "cache"), Install: install}})
	require.NoError(t, err)
	t.Cleanup(func() { c.Stop(context.Background()) })
	require.Equal(t, 1, installs)
	exec(t, c.URL("postgres"), "SELECT 1")
}

// TestCtrlCStopsTheEmbeddedServer: a run on the embedded build, like `make
// run`, stops its PostgreSQL when interrupted (its context is cancelled).
func TestCtrlCStopsTheEmbeddedServer(t *testing.T) {
	t.Parallel()
	srv := newBuildServer(t, false)
	dir := scratch(t)
	child := osexec.Command(os.Args[0], "-test.run=^TestHelperEmbeddedUntilInterrupt$")
	child.Env = append(os.Environ(), "DEVDB_EMBED_DIR="+dir, "DEVDB_EMBED_SOURCE="+srv.URL)
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	t.Cleanup(func() { child.Process.Kill() })
	lines := bufio.NewReader(out)
	line, err := lines.ReadString('\n')
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(line, "URL "), "the child started the cluster: %s", line)
	url := strings.TrimSpace(strings.TrimPrefix(line, "URL "))
	exec(t, url, "SELECT 1")

	require.NoError(t, child.Process.Signal(os.Interrupt))
	line, err = lines.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "STOPPED\n", line)
	require.NoError(t, child.Wait())
	_, err = pgx.Connect(context.Background(), url)
	require.Error(t, err, "the server is down after Ctrl-C")
}

// TestHelperEmbeddedUntilInterrupt is the run of the test above; it does
// nothing in a normal test run.
func TestHelperEmbeddedUntilInterrupt(t *testing.T) {
	dir := os.Getenv("DEVDB_EMBED_DIR")
	if dir == "" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	empty := filepath.Join(dir, "nothing-installed")
	if err := os.Mkdir(empty, 0o755); err != nil {
		fmt.Println("ERR", err)
		return
	}
	c, err := devdb.Start(ctx, filepath.Join(dir, "pg"), devdb.Options{Database: "marquee", BinDirs: []string{empty},
		Fetch: &devdb.Fetch{Source: os.Getenv("DEVDB_EMBED_SOURCE"), Dir: filepath.Join(dir, "cache"), Install: noInstall}})
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	fmt.Println("URL", c.URL("marquee"))
	<-ctx.Done()
	if err := c.Stop(context.WithoutCancel(ctx)); err != nil {
		fmt.Println("ERR", err)
		return
	}
	fmt.Println("STOPPED")
}
