// Package pgtest gives each test its own PostgreSQL database, cloned in
// milliseconds from a template that is migrated once per set of migrations
// (github.com/peterldowns/pgtestdb does the cloning and the bookkeeping).
//
// The server is, in order: TEST_DATABASE_URL; the server on 127.0.0.1:5432 if
// one answers; otherwise a throwaway cluster (devdb, fsync off) that Main
// starts on first use and stops when the package's tests end.
// TEST_DATABASE_URL=throwaway skips the first two.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver pgtestdb uses
	"github.com/peterldowns/pgtestdb"

	"github.com/marqueehq/marquee/internal/platform/devdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// The harness is process-wide by nature: one server per test binary.
var (
	serverOnce sync.Once
	serverURL  string
	serverErr  error
	cluster    *devdb.Cluster
	clusterDir string
)

// Main runs the tests of a package that uses New and stops the throwaway
// cluster afterwards. Call it from TestMain: func TestMain(m *testing.M) { pgtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if cluster != nil {
		if err := cluster.Stop(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
		os.RemoveAll(clusterDir)
	}
	os.Exit(code)
}

// New returns a pool on a fresh, fully migrated database of its own. The
// database is dropped when the test passes and kept (and named in the log)
// when it fails.
//
// The pool enforces the pool rule: a transaction's code asking it for a
// second connection fails the test and is refused at once. PGTEST_MAX_CONNS
// caps every test's pool (`make test` runs the concurrency and journey
// tests again with 2).
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return NewWith(t, Options{})
}

// Options shape a test pool.
type Options struct {
	// MaxConns caps the pool (PGTEST_MAX_CONNS, else pgx's default, when 0).
	MaxConns int
	// Lenient lets a second acquire inside a transaction wait for its
	// connection as production would, after failing the test: a test can
	// then show the stall it causes.
	Lenient bool
}

// NewWith is New with options.
func NewWith(t testing.TB, o Options) *pgxpool.Pool {
	t.Helper()
	conf := Config(t)
	pc, err := pgxpool.ParseConfig(conf.URL())
	if err != nil {
		t.Fatalf("pgtest: parse test database url: %v", err)
	}
	if o.MaxConns == 0 {
		o.MaxConns = MaxConns()
	}
	if o.MaxConns > 0 {
		pc.MaxConns = int32(o.MaxConns)
	}
	pc.ConnConfig.Tracer = &pg.Guard{Strict: !o.Lenient, Report: func(stack string) {
		t.Errorf("pgtest: %v, from:\n%s", pg.ErrNestedAcquire, stack)
	}}
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	if err != nil {
		t.Fatalf("pgtest: connect to test database: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// MaxConns is PGTEST_MAX_CONNS: the cap on test pools, 0 when unset. Tests
// that boot the whole server pass it on as DB_MAX_CONNS.
func MaxConns() int {
	n, _ := strconv.Atoi(os.Getenv("PGTEST_MAX_CONNS"))
	return n
}

// Config creates a fresh migrated database and returns its connection
// settings, for tests that need the URL itself (for example to boot the
// whole server through run()).
func Config(t testing.TB) *pgtestdb.Config {
	t.Helper()
	base, err := baseConfig()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return pgtestdb.Custom(t, base, migrator{})
}

// URL creates a fresh migrated database and returns its connection string.
func URL(t testing.TB) string {
	t.Helper()
	return Config(t).URL()
}

func baseConfig() (pgtestdb.Config, error) {
	serverOnce.Do(func() { serverURL, serverErr = findServer() })
	if serverErr != nil {
		return pgtestdb.Config{}, serverErr
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return pgtestdb.Config{}, fmt.Errorf("parse %q: %w", serverURL, err)
	}
	pass, _ := u.User.Password()
	return pgtestdb.Config{
		DriverName: "pgx",
		Host:       u.Hostname(),
		Port:       u.Port(),
		User:       u.User.Username(),
		Password:   pass,
		Database:   "postgres",
		Options:    "sslmode=disable",
		// A test that leaks a connection should not also fail on drop.
		ForceTerminateConnections: true,
	}, nil
}

func findServer() (string, error) {
	env := os.Getenv("TEST_DATABASE_URL")
	if env != "" && env != "throwaway" {
		return env, nil
	}
	if env == "" {
		const local = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=2"
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, local); err == nil {
			conn.Close(ctx)
			return local, nil
		}
	}
	dir, err := os.MkdirTemp("", "marquee-pgtest-")
	if err != nil {
		return "", fmt.Errorf("temp dir for the test cluster: %w", err)
	}
	// When root, PostgreSQL runs as an unprivileged user that must reach the dir.
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", fmt.Errorf("open up %s: %w", dir, err)
	}
	c, err := devdb.Start(context.Background(), dir+"/pg", devdb.Options{Ephemeral: true})
	if err != nil {
		return "", fmt.Errorf("no TEST_DATABASE_URL, nothing on 127.0.0.1:5432, and no throwaway cluster: %w", err)
	}
	cluster, clusterDir = c, dir
	return c.URL("postgres"), nil
}

// migrator applies Marquee's migrations to pgtestdb's template database.
type migrator struct{}

func (migrator) Hash() (string, error) {
	return pg.Fingerprint()
}

func (migrator) Migrate(ctx context.Context, _ *sql.DB, conf pgtestdb.Config) error {
	pool, err := pg.Connect(ctx, conf.URL(), pg.PoolOptions{Name: "migrate", MaxConns: 4})
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := pg.NewMigrator(pool, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Up(ctx)
}
