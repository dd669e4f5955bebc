package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestRunServesUntilCancelled boots the real program through run(), as main
// does, waits for /healthz, checks /readyz, and shuts it down gracefully.
func TestRunServesUntilCancelled(t *testing.T) {
	t.Parallel()
	port := freePort(t)
	env := map[string]string{
		"DATABASE_URL": pgtest.URL(t),
		"PORT":         strconv.Itoa(port),
		"BASE_URL":     "http://localhost:" + strconv.Itoa(port),
		"LOG_LEVEL":    "warn",
		"DATA_DIR":     t.TempDir(),
		"SEED_DEMO":    "false",
	}
	strictPools(env)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"server"}, func(k string) string { return env[k] }, out) }()

	base := "http://127.0.0.1:" + strconv.Itoa(port)
	waitHealthy(t, base+"/healthz")
	res, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "ready once migrations are applied")
	require.Contains(t, out.String(), "Marquee is running at http://localhost:"+strconv.Itoa(port))

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return after the context was cancelled")
	}
	_, err = http.Get(base + "/healthz")
	require.Error(t, err, "the port is closed after shutdown")
}

func TestRunRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	env := map[string]string{"PORT": "abc"}
	err := run(context.Background(), []string{"server"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	require.ErrorContains(t, err, "PORT: not a number")
}

func TestRunHelpListsCommandsAndSettings(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"server", "-help"}, func(string) string { return "" }, &out))
	require.Contains(t, out.String(), "server migrate")
	require.Contains(t, out.String(), "DATABASE_URL")
}

func TestRunUnknownCommand(t *testing.T) {
	t.Parallel()
	err := run(context.Background(), []string{"server", "frobnicate"}, func(string) string { return "" }, &bytes.Buffer{})
	require.ErrorContains(t, err, `unknown command "frobnicate"`)
}

func waitHealthy(t *testing.T, url string) {
	t.Helper()
	// Generous: under the race detector on a busy machine, start-up
	// (migrations, demo data, the first search index) takes a while.
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never became healthy", url)
}

func freePort(t *testing.T) int {
	t.Helper()
	portsMu.Lock()
	defer portsMu.Unlock()
	for {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		port := l.Addr().(*net.TCPAddr).Port
		require.NoError(t, l.Close())
		// Two parallel tests handed one port would each take the other's
		// server for their own once it answers /healthz.
		if !portsGiven[port] {
			portsGiven[port] = true
			return port
		}
	}
}

// portsGiven are the ports freePort handed out in this test process.
var (
	portsMu    sync.Mutex
	portsGiven = map[int]bool{}
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write while
// the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// strictPools makes a server booted by a test refuse any second acquire
// inside a transaction (the pool rule) and, under PGTEST_MAX_CONNS, run on
// that many connections, leaving requests all but one.
func strictPools(env map[string]string) {
	env["DB_POOL_RULE"] = "strict"
	if n := pgtest.MaxConns(); n > 0 {
		env["DB_MAX_CONNS"] = strconv.Itoa(max(n, 2))
		env["DB_JOB_CONNS"] = strconv.Itoa(n)
		env["JOB_WORKERS"] = strconv.Itoa(max(n, 2) - 1)
	}
}

// requireNoPoolRuleBroken fails the test when the server logged a broken
// pool rule (a background job's breach is only logged).
func requireNoPoolRuleBroken(t *testing.T, log string) {
	t.Helper()
	if strings.Contains(log, "pool rule broken") {
		t.Errorf("the server broke the pool rule:\n%s", log)
	}
}
