package main

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// TestEachRoleAnswersWhatItRuns boots the built binary three times on one
// database: web serves pages, worker answers only its probes and metrics,
// all serves pages too.
func TestEachRoleAnswersWhatItRuns(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	web := site.start(t, "web")
	worker := site.start(t, "worker")
	all := site.start(t, "all")

	for _, p := range []*process{web, worker, all} {
		require.Equal(t, http.StatusOK, p.status(t, "/readyz"), "%s is ready", p.role)
	}
	require.Equal(t, http.StatusOK, web.status(t, "/"), "web serves the home page")
	require.Equal(t, http.StatusOK, all.status(t, "/"), "all serves the home page")
	require.Equal(t, http.StatusNotFound, worker.status(t, "/"), "a worker serves no pages")
	require.Equal(t, http.StatusNotFound, worker.status(t, "/login"), "a worker serves no pages")
	require.Equal(t, http.StatusOK, worker.status(t, "/metrics"), "a worker's metrics answer on this machine")
	require.Contains(t, worker.log.String(), "Marquee worker: background jobs only")
	require.Contains(t, web.log.String(), "Marquee is running at")

	for _, p := range []*process{web, worker, all} {
		require.NoError(t, p.stop(t), "%s exits cleanly on SIGTERM", p.role)
	}
}

// TestAJobEnqueuedByAWebInstanceIsWorkedByAWorker: a sign-up on a
// web-role instance enqueues its verification mail and nobody works it;
// a worker-role instance started later sends it.
func TestAJobEnqueuedByAWebInstanceIsWorkedByAWorker(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	web := site.start(t, "web")

	br := webtest.NewBrowser(t, web.base)
	res, page := br.Post(t, "/signup", url.Values{"name": {"Ada"}, "email": {"ada@example.com"},
		"password": {"velvet-curtain-popcorn-42"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Check your inbox")
	require.Equal(t, "available", site.mailJobState(t), "the web instance enqueued the mail and does not work it")

	worker := site.start(t, "worker")
	waitFor(t, "the worker sends the mail", func() bool { return site.mailJobState(t) == "completed" })
	require.NoError(t, worker.stop(t))
	require.NoError(t, web.stop(t))
}

// site is one database and data directory (the development keys) that
// every process of a test shares, as instances of one site do.
type site struct {
	bin, dbURL, dataDir string
	db                  *pgxpool.Pool
	// env adds settings every process of the site gets (REDIS_URL).
	env map[string]string
}

func newSite(t *testing.T) *site {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "marquee")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "build the server: %s", out)
	s := &site{bin: bin, dbURL: pgtest.URL(t), dataDir: t.TempDir()}
	s.db, err = pgxpool.New(context.Background(), s.dbURL)
	require.NoError(t, err)
	t.Cleanup(s.db.Close)
	return s
}

// mailJobState is the state of the newest mail job ("" when none).
func (s *site) mailJobState(t *testing.T) string {
	t.Helper()
	var state string
	err := s.db.QueryRow(context.Background(),
		`SELECT coalesce((SELECT state::text FROM river.river_job WHERE kind = 'notify.send' ORDER BY id DESC LIMIT 1), '')`).Scan(&state)
	require.NoError(t, err)
	return state
}

// process is the built server running one role as a child process.
type process struct {
	role string
	base string
	cmd  *exec.Cmd
	done chan error
	// exited is set once done has been read.
	exited bool
	log    syncBuffer
}

// start runs `server serve -role role` and waits until it answers /healthz.
func (s *site) start(t *testing.T, role string) *process {
	t.Helper()
	port := strconv.Itoa(freePort(t))
	env := map[string]string{"DATABASE_URL": s.dbURL, "PORT": port, "BASE_URL": "http://localhost:" + port,
		"LOG_LEVEL": "warn", "DATA_DIR": s.dataDir, "SEED_DEMO": "false", "SHUTDOWN_TIMEOUT": "20s"}
	strictPools(env)
	maps.Copy(env, s.env)
	p := &process{role: role, base: "http://127.0.0.1:" + port, done: make(chan error, 1)}
	p.cmd = exec.Command(s.bin, "serve", "-role", role)
	p.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	p.cmd.Stdout, p.cmd.Stderr = &p.log, &p.log
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	require.NoError(t, p.cmd.Start())
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if !p.exited {
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("%s log:\n%s", role, p.log.String())
		}
	})
	waitHealthy(t, p.base+"/healthz")
	return p
}

// stop sends SIGTERM, as an orchestrator does, and returns how the
// process ended.
func (p *process) stop(t *testing.T) error {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-p.done:
		p.exited = true
		return err
	case <-time.After(time.Minute):
		t.Fatalf("%s did not exit after SIGTERM", p.role)
		return nil
	}
}

// status is the status of GET path, 0 when nothing answers.
func (p *process) status(t *testing.T, path string) int {
	t.Helper()
	res, err := http.Get(p.base + path)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// waitFor polls cond until it holds; the bound only keeps a broken test
// from hanging.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
	}
}
