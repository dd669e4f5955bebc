// Package apptest builds the whole Marquee server for tests exactly as
// serve does (app.New: every module, the one router, the one error table),
// over a test's own database, and signs test users in. Module HTTP tests
// use it instead of wiring routers of their own.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/redisx"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// Options adjust the server a test builds.
type Options struct {
	// Env sets configuration variables, as the environment would
	// (HOLD_TTL, PAYMENT_PROVIDER, ...); DATA_DIR defaults to a temporary
	// directory, so development keys never land in the source tree.
	Env map[string]string
	// Pool is the database; nil: a fresh one (pgtest.New).
	Pool *pgxpool.Pool
	// ReadPool serves the public reads, as DATABASE_READ_URL's replica
	// does; nil: Pool.
	ReadPool *pgxpool.Pool
	// Now is the clock every module reads; nil: time.Now.
	Now func() time.Time
	// Log receives the app's log; nil: discarded.
	Log *slog.Logger
	// Ready is the readiness check behind /readyz; nil: always ready.
	Ready func(ctx context.Context) error
	// Redis shares caches and rate limits through the tests' Redis (under
	// a prefix of this test's own), as instances do with REDIS_URL.
	Redis bool
	// RedisConn, when set, is the Redis (and key prefix) to use, so two
	// servers share one as instances of one site do (redistest.New).
	RedisConn *redisx.Conn
}

// Server is the assembled app listening on a local test server.
type Server struct {
	*app.App
	Pool *pgxpool.Pool
	// URL is the test server's address, like "http://127.0.0.1:41234".
	URL string
}

// Password is every test user's password.
const Password = "velvet-curtain-popcorn-42"

// New builds and serves the app for the test; everything stops when the
// test ends. The app's in-process loops (search index, live seat maps) are
// not started: tests that need them call Start.
func New(t testing.TB, o Options) *Server {
	t.Helper()
	if o.Pool == nil {
		o.Pool = pgtest.New(t)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dataDir := t.TempDir()
	cfg, err := config.Load(func(k string) string {
		if v, ok := o.Env[k]; ok {
			return v
		}
		if k == "DATA_DIR" {
			return dataDir
		}
		return ""
	})
	require.NoError(t, err)
	d := app.Deps{Config: cfg, Log: o.Log, Pool: o.Pool, JobsPool: o.Pool, ReadPool: o.ReadPool, Now: o.Now, Ready: o.Ready}
	if o.Redis {
		d.Redis = redistest.New(t)
	}
	if o.RedisConn != nil {
		d.Redis = o.RedisConn
	}
	a, err := app.New(d)
	require.NoError(t, err)
	srv := httptest.NewServer(contractHandler(t, a.Echo))
	t.Cleanup(srv.Close)
	return &Server{App: a, Pool: o.Pool, URL: srv.URL}
}

// Start runs the app's in-process loops until the test ends.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	stop, err := s.App.Start(context.Background())
	require.NoError(t, err)
	t.Cleanup(stop)
}

// Browser is a browser (cookie jar, redirects not followed) with no one
// signed in.
func (s *Server) Browser(t testing.TB) *webtest.Browser {
	t.Helper()
	return webtest.NewBrowser(t, s.URL)
}

// User makes a verified account named name with role, its email the name
// in lower case at example.com and its password Password.
func (s *Server) User(t testing.TB, name string, role account.Role) account.User {
	t.Helper()
	u, err := s.Account.CreateUser(context.Background(), account.NewUser{Email: strings.ToLower(name) + "@example.com",
		Name: name, Password: Password, Role: role, Verified: true})
	require.NoError(t, err)
	return u
}

// SignedIn makes a user as User does and returns a browser signed in as
// them.
func (s *Server) SignedIn(t testing.TB, name string, role account.Role) (*webtest.Browser, account.User) {
	t.Helper()
	u := s.User(t, name, role)
	br := s.Browser(t)
	br.SignIn(t, u.Email, Password)
	return br, u
}

// Work runs the app's job workers (not its periodic jobs) over the test's
// database until the test ends, as a worker instance does; failed jobs
// retry at once.
func (s *Server) Work(t testing.TB) {
	t.Helper()
	client, err := jobs.New(s.Pool, jobs.Options{Workers: s.Workers(), RetryPolicy: jobs.QuickRetry{},
		Log: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() {
		stopCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = client.Stop(stopCtx)
		cancel()
	})
}
