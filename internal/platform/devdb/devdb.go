// Package devdb runs a private PostgreSQL cluster for `make run` and for tests
// on machines without a database server: initdb into a directory, pg_ctl start
// on a free loopback port, pg_ctl stop at the end. It never touches a server
// the user already runs. With Options.Fetch, a machine with no server
// binaries at all gets an embedded build, fetched once (see Fetch).
//
// PostgreSQL refuses to run as root. When the process is root, the cluster's
// directory is handed to the unprivileged "postgres" user (or "nobody") and
// initdb, pg_ctl and the server run as that user.
package devdb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
)

// ErrNoPostgres means the PostgreSQL server binaries could not be found.
var ErrNoPostgres = errors.New("PostgreSQL server binaries (initdb, pg_ctl) not found: " +
	"install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@16), " +
	"or run `docker compose up -d db` and set DATABASE_URL=postgres://marquee:marquee@localhost:5432/marquee?sslmode=disable")

// Options tune a cluster.
type Options struct {
	// Ephemeral trades durability for speed (fsync off): for test clusters.
	Ephemeral bool
	// Database is created on first start if it does not exist yet.
	Database string
	// BinDirs, when not nil, are the only directories searched for initdb
	// and pg_ctl; nil: PATH, then the newest /usr/lib/postgresql/*/bin.
	BinDirs []string
	// Fetch, when set, gets PostgreSQL when no server binaries are found;
	// nil: Start answers ErrNoPostgres.
	Fetch *Fetch
}

// Cluster is a running private PostgreSQL server.
type Cluster struct {
	dir     string
	bin     string
	port    int
	cred    *syscall.Credential
	owned   bool // false when another live process runs it: it stops it
	Created bool // true when this start ran initdb
	// lock is held while this process owns the cluster (see Start).
	lock *os.File
}

// Start creates the cluster in dir if needed and starts it. A cluster that is
// already running from the same directory is reused: when another live
// process (another `make run`) owns it, that process stops it; when its
// owner is gone (killed, crashed), this process takes it over and stops it
// on Stop. Ownership is an flock on dir.lock, which the kernel releases
// when its holder dies however it dies.
func Start(ctx context.Context, dir string, opt Options) (*Cluster, error) {
	bin, err := findBin(opt.BinDirs)
	if errors.Is(err, ErrNoPostgres) && opt.Fetch != nil {
		bin, err = opt.Fetch.binaries(ctx, opt.BinDirs)
	}
	if err != nil {
		return nil, err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", dir, err)
	}
	c := &Cluster{dir: dir, bin: bin}
	if err := c.takeOwnership(); err != nil {
		return nil, err
	}
	if os.Geteuid() == 0 {
		if c.cred, err = unprivileged(); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
		c.Created = true
	}
	if port, ok := c.runningPort(ctx); ok {
		c.port = port
	} else if err := c.start(ctx, opt); err != nil {
		c.release()
		return nil, err
	}
	if opt.Database != "" {
		if err := c.createDatabase(ctx, opt.Database); err != nil {
			c.Stop(context.WithoutCancel(ctx))
			return nil, err
		}
	}
	return c, nil
}

// URL returns a connection string for database db on the cluster.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// Stop shuts the cluster down (fast mode: open sessions are ended) unless it
// was already running before Start found it.
func (c *Cluster) Stop(ctx context.Context) error {
	if !c.owned {
		return nil
	}
	defer c.release()
	if out, err := c.command(ctx, "pg_ctl", "-D", c.dir, "-m", "fast", "-w", "stop").CombinedOutput(); err != nil {
		return fmt.Errorf("stop postgres: %w: %s", err, out)
	}
	return nil
}

// takeOwnership takes the cluster's lock when no live process holds it.
func (c *Cluster) takeOwnership() error {
	if err := os.MkdirAll(filepath.Dir(c.dir), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(c.dir), err)
	}
	f, err := os.OpenFile(c.dir+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open the cluster's lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close() // another live process owns the cluster
		return nil
	}
	c.lock, c.owned = f, true
	return nil
}

// release gives the cluster's lock back.
func (c *Cluster) release() {
	if c.lock != nil {
		c.lock.Close()
		c.lock, c.owned = nil, false
	}
}

func (c *Cluster) initdb(ctx context.Context) error {
	// The parent stays traversable: when we are root the server runs as
	// another user, who must reach the cluster directory through it.
	if err := os.MkdirAll(filepath.Dir(c.dir), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(c.dir), err)
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", c.dir, err)
	}
	if c.cred != nil {
		if err := os.Chown(c.dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			return fmt.Errorf("hand %s to the postgres user: %w", c.dir, err)
		}
	}
	out, err := c.command(ctx, "initdb", "-D", c.dir, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput()
	if err != nil {
		return fmt.Errorf("initdb %s: %w: %s", c.dir, err, out)
	}
	return nil
}

func (c *Cluster) start(ctx context.Context, opt Options) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", port)
	if opt.Ephemeral {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
	}
	cmd := c.command(ctx, "pg_ctl", "-D", c.dir, "-l", filepath.Join(c.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start")
	// Own process group: Ctrl-C in the terminal reaches us, not the server,
	// so we can finish requests before stopping it ourselves.
	cmd.SysProcAttr.Setpgid = true
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("start postgres (log: %s): %w: %s", filepath.Join(c.dir, "server.log"), err, out)
	}
	c.port = port
	return nil
}

// runningPort reads postmaster.pid of a live server started from dir.
func (c *Cluster) runningPort(ctx context.Context) (int, bool) {
	if c.command(ctx, "pg_ctl", "-D", c.dir, "status").Run() != nil {
		return 0, false
	}
	b, err := os.ReadFile(filepath.Join(c.dir, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return 0, false
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	return port, err == nil
}

func (c *Cluster) createDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("connect to the development cluster: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// command runs a PostgreSQL binary, as the unprivileged user when we are root.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	if !filepath.IsAbs(name) {
		name = filepath.Join(c.bin, name)
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

// findBin returns the first of dirs holding initdb and pg_ctl; nil dirs
// are PATH, then the newest /usr/lib/postgresql/*/bin (Debian keeps them
// off PATH).
func findBin(dirs []string) (string, error) {
	if dirs == nil {
		if p, err := exec.LookPath("pg_ctl"); err == nil {
			dirs = append(dirs, filepath.Dir(p))
		}
		debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		sort.Slice(debian, func(i, j int) bool { return version(debian[i]) > version(debian[j]) })
		dirs = append(dirs, debian...)
	}
	for _, d := range dirs {
		if hasBinaries(d) {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

// hasBinaries reports whether dir holds initdb and pg_ctl.
func hasBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func unprivileged() (*syscall.Credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
	}
	return nil, errors.New("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
