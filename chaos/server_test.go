package chaos

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// binary is the server built once for the package (TestMain).
var binary string

// stripeMockURL is the stripe-mock TestMain started.
var stripeMockURL string

const webhookSecret = "whsec_chaos_secret"

// TestMain builds the server binary and starts stripe-mock once for every
// test of the package.
func TestMain(m *testing.M) {
	// One fixed place, overwritten by each run: pgtest.Main exits the
	// process, so a temporary directory would never be removed.
	binary = filepath.Join(os.TempDir(), "marquee-chaos", "marquee")
	if err := os.MkdirAll(filepath.Dir(binary), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(1)
	}
	if out, err := exec.Command("go", "build", "-o", binary, "../cmd/server").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "chaos: build the server: %v\n%s", err, out)
		os.Exit(1)
	}
	var err error
	stripeMockURL, err = startStripeMock()
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos: stripe-mock:", err)
		os.Exit(1)
	}
	pgtest.Main(m)
}

// startStripeMock starts stripe-mock (go tool stripe-mock) on a free port;
// it dies with this process.
func startStripeMock() (string, error) {
	out, err := exec.Command("go", "tool", "-n", "stripe-mock").Output()
	if err != nil {
		return "", fmt.Errorf("find stripe-mock: %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return "", err
	}
	// Its HTTPS side on a port of its own too: the default (12112) may be
	// taken by another run's stripe-mock, and it then exits.
	cmd := exec.Command(strings.TrimSpace(string(out)), "-http-addr", addr, "-https-addr", "127.0.0.1:")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start stripe-mock: %w", err)
	}
	url := "http://" + addr
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(url + "/v1/charges"); err == nil {
			res.Body.Close()
			return url, nil
		}
	}
	return "", fmt.Errorf("stripe-mock did not answer on %s", addr)
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// server is the real binary run as a child process, which the tests kill
// with SIGKILL and start again on the same port and database.
type server struct {
	env  map[string]string
	base string
	cmd  *exec.Cmd
	done chan struct{}
	log  syncBuffer
}

// newServer prepares (but does not start) the server on databaseURL with
// the Stripe provider on stripe-mock; extra settings override.
func newServer(t *testing.T, databaseURL string, extra map[string]string) *server {
	t.Helper()
	addr, err := freeAddr()
	require.NoError(t, err)
	_, port, _ := net.SplitHostPort(addr)
	env := map[string]string{
		"DATABASE_URL": databaseURL, "PORT": port, "BASE_URL": "http://127.0.0.1:" + port,
		"LOG_LEVEL": "warn", "DATA_DIR": t.TempDir(), "SEED_DEMO": "false", "DB_POOL_RULE": "strict",
		"PAYMENT_PROVIDER": "stripe", "STRIPE_SECRET_KEY": "sk_test_123", "STRIPE_PUBLISHABLE_KEY": "pk_test_123",
		"STRIPE_WEBHOOK_SECRET": webhookSecret, "STRIPE_API_BASE": stripeMockURL,
		"MAX_UNPAID_HOLDS": "0", "HOLD_RATE_PER_ACCOUNT": "0", "HOLD_RATE_PER_IP": "0",
		// Every buyer comes from 127.0.0.1 and signs in and pays often.
		"RATE_SIGNIN_PER_IP": "0", "RATE_PAY_PER_ACCOUNT": "0", "RATE_API_PER_IP": "0",
	}
	for k, v := range extra {
		env[k] = v
	}
	s := &server{env: env, base: "http://127.0.0.1:" + port}
	t.Cleanup(func() {
		if s.cmd != nil {
			s.kill(t)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.log.String())
		}
	})
	return s
}

// command runs a one-off server command (create-admin, check) to the end.
func (s *server) command(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = s.environ()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "server %s: %s", strings.Join(args, " "), out)
	return string(out)
}

func (s *server) environ() []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "MARQUEE_ADMIN_PASSWORD=" + adminPassword}
	for k, v := range s.env {
		env = append(env, k+"="+v)
	}
	return env
}

// start runs the server and waits until it answers /healthz.
func (s *server) start(t *testing.T) {
	t.Helper()
	s.cmd = exec.Command(binary, "serve")
	s.cmd.Env = s.environ()
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	require.NoError(t, s.cmd.Start())
	s.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { _ = cmd.Wait(); close(done) }(s.cmd, s.done)
	waitFor(t, "the server answers /healthz", func() bool { return s.status(t, "/healthz") == http.StatusOK })
}

// kill sends SIGKILL, as a crash or the OOM killer would, and waits for
// the process to be gone.
func (s *server) kill(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
	s.cmd = nil
}

// status is the status of GET path, 0 when the server does not answer.
func (s *server) status(t *testing.T, path string) int {
	t.Helper()
	res, err := http.Get(s.base + path)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// waitFor polls cond until it holds; the bound only keeps a broken test
// from hanging (tests never assert wall time).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	// River rescues a job cut off by a crash a little over a minute after
	// it started, and checks every 30 s.
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer collects the child's output while tests read it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
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

// rounds is CHAOS_ROUNDS, or short when it is unset (the variant `go test
// ./...` runs).
func rounds(t *testing.T, short int) int {
	t.Helper()
	v := os.Getenv("CHAOS_ROUNDS")
	if v == "" {
		return short
	}
	n, err := strconv.Atoi(v)
	require.NoError(t, err, "CHAOS_ROUNDS")
	return n
}
