package chaos

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/check"
	"github.com/marqueehq/marquee/internal/platform/devdb"
)

// TestPostgresStopsAbruptlyUnderLoad stops a private PostgreSQL cluster
// (never the machine's shared one) with pg_ctl -m immediate while buyers
// hold seats and read pages: the app says it is not ready, pages answer
// 503, and once PostgreSQL is back on the same port the app recovers by
// itself, sells again, and the invariants hold.
func TestPostgresStopsAbruptlyUnderLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// PostgreSQL runs as an unprivileged user when the tests run as root:
	// it must reach the cluster through its parent (t.TempDir is 0700).
	parent, err := os.MkdirTemp("", "marquee-chaos-pg-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(parent) })
	require.NoError(t, os.Chmod(parent, 0o755))
	dir := filepath.Join(parent, "pg")
	cluster, err := devdb.Start(ctx, dir, devdb.Options{Ephemeral: true, Database: "marquee"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = cluster.Stop(context.Background()) })
	dbURL := cluster.URL("marquee")
	srv := newServer(t, dbURL, nil)
	srv.command(t, "migrate")
	srv.command(t, "create-admin", "-email", adminEmail, "-name", "Chaos Admin")
	db, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(db.Close)
	show := catalogtest.Show(t, catalog.NewService(db, catalog.Options{}), catalogtest.ShowOptions{Rows: 20, Seats: 20})
	srv.start(t)
	showPage := fmt.Sprintf("/shows/%d", show.ID)
	require.Equal(t, http.StatusOK, srv.status(t, showPage))

	// Load: buyers holding pairs of seats and reading the show's page.
	var stop atomic.Bool
	var wg sync.WaitGroup
	var fiveHundreds atomic.Int64
	for w := range 4 {
		b := newBuyer(t, srv.base)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				pair := (w*50 + i) % 200
				row := 'A' + rune(pair/10)
				seats := url.Values{"seats": {fmt.Sprintf("%c%d", row, pair%10*2+1), fmt.Sprintf("%c%d", row, pair%10*2+2)}}
				if s, _, _ := b.post(ctx, fmt.Sprintf("/shows/%d/hold", show.ID), seats, nil); s >= 500 && s != http.StatusServiceUnavailable {
					fiveHundreds.Add(1)
				}
				if s, _, _ := b.get(showPage); s >= 500 && s != http.StatusServiceUnavailable {
					fiveHundreds.Add(1)
				}
			}
		}()
	}

	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	port := u.Port()
	pgCtl(t, dir, "-m", "immediate", "-w", "stop")
	waitFor(t, "/readyz answers 503 while PostgreSQL is down", func() bool {
		return srv.status(t, "/readyz") == http.StatusServiceUnavailable
	})
	waitFor(t, "the show's page answers 503 while PostgreSQL is down", func() bool {
		return srv.status(t, showPage+"?down=1") == http.StatusServiceUnavailable
	})
	require.Equal(t, http.StatusOK, srv.status(t, "/healthz"), "the process itself is alive")

	pgCtl(t, dir, "-l", filepath.Join(dir, "server.log"), "-o",
		"-p "+port+" -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off", "-w", "-t", "60", "start")
	waitFor(t, "/readyz answers 200 again, by itself", func() bool { return srv.status(t, "/readyz") == http.StatusOK })
	waitFor(t, "the show's page answers 200 again", func() bool { return srv.status(t, showPage+"?up=1") == http.StatusOK })
	stop.Store(true)
	wg.Wait()
	require.Zero(t, fiveHundreds.Load(), "no 5xx other than 503 under the outage")

	b := newBuyer(t, srv.base)
	status, loc, err := b.post(ctx, fmt.Sprintf("/shows/%d/hold", show.ID), url.Values{"seats": {"T19", "T20"}}, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusSeeOther, status, "seats sell again after recovery (%s)", loc)

	db.Reset() // the test's own connections died with the old server
	findings, err := check.Run(ctx, db, check.Options{})
	require.NoError(t, err)
	require.Empty(t, findings, "the invariants hold")
	t.Log(srv.command(t, "check"))
}

// pgCtl runs pg_ctl on the cluster in dir as the user owning it (devdb
// runs PostgreSQL unprivileged when the tests run as root).
func pgCtl(t *testing.T, dir string, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("pg_ctl")
	if err != nil {
		dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
		require.NotEmpty(t, dirs, "pg_ctl not found")
		bin = dirs[len(dirs)-1]
	}
	cmd := exec.Command(bin, append([]string{"-D", dir}, args...)...)
	cmd.Dir = os.TempDir()
	if os.Geteuid() == 0 {
		info, err := os.Stat(dir)
		require.NoError(t, err)
		st := info.Sys().(*syscall.Stat_t)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: st.Uid, Gid: st.Gid}, Setpgid: true}
	}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "pg_ctl %s: %s", strings.Join(args, " "), out)
}
