// Command onsale plays the rush when tickets for a hot show go on sale
// against a running Marquee on this machine. N buyers with real accounts
// use the JSON API exactly as the mobile app does: load the seat map, pick
// 1-4 seats side by side, hold them, and give them back (so the show never
// sells out; with -keep a buyer's next hold replaces the last one instead,
// as Marquee keeps one hold per buyer per show). Then the same hold work
// runs in process from N goroutines through the server's own booking
// service (no HTTP, JSON or tokens), for comparison, and the database is
// checked for any seat sold twice. Last, pgbench measures
// PostgreSQL's own minimal hold + release pairs (64 clients, one hot
// 300-seat show, asynchronous commit) in a scratch database on the same
// PostgreSQL, for the same time, as the ceiling the server's holds are
// measured against.
//
//	go run ./bench/onsale -base http://127.0.0.1:8080 -database-url postgres://... [-buyers 64] [-duration 20s]
//
// It talks only to loopback addresses (server and database), creates its
// buyers (onsale-buyer-N@example.com, reused by later runs) directly in the
// server's database, and stops after -duration or -max-requests holds. The
// last line sums it up:
//
//	onsale buyers=64 holds_per_s=N p50_ms=N p99_ms=N errors=N oversold=N service_per_s=N ratio=N pgbench_pairs_per_s=N holds_pgbench_ratio=N
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "onsale:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	base        string
	databaseURL string
	buyers      int
	duration    time.Duration
	maxRequests int64
	showID      int64
	city        string
	screen      string
	keep        float64
	mapAge      time.Duration
	rawDuration time.Duration
	rawConns    int
	pgbench     string
	pgbenchConc int
	pgbenchDur  time.Duration
	pool        *pgxpool.Config // parsed -database-url
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("onsale", flag.ContinueOnError)
	fs.StringVar(&c.base, "base", "http://127.0.0.1:8080", "the running server (loopback only)")
	fs.StringVar(&c.databaseURL, "database-url", os.Getenv("DATABASE_URL"), "the server's PostgreSQL (loopback only; default $DATABASE_URL)")
	fs.IntVar(&c.buyers, "buyers", 64, "concurrent buyers")
	fs.DurationVar(&c.duration, "duration", 20*time.Second, "how long the buyers play (at most 10m)")
	fs.Int64Var(&c.maxRequests, "max-requests", 1_000_000, "stop after this many hold requests")
	fs.Int64Var(&c.showID, "show", 0, "show id (0: the first show of -screen in -city starting in more than an hour)")
	fs.StringVar(&c.city, "city", "london", "city slug for picking the show")
	fs.StringVar(&c.screen, "screen", "IMAX", "screen name for picking the show")
	fs.Float64Var(&c.keep, "keep", 0, "fraction of holds not released: the buyer's next hold replaces it (one hold per buyer per show), so -keep 1 changes seats in one request")
	fs.DurationVar(&c.mapAge, "map-age", time.Second, "a buyer reloads its seat map when it is older than this (and after a seat went)")
	fs.DurationVar(&c.rawDuration, "raw-duration", 5*time.Second, "how long the in-process booking service comparison runs (0 skips it)")
	fs.IntVar(&c.rawConns, "raw-conns", 20, "connections for the in-process comparison (the server's DB_MAX_CONNS default)")
	fs.StringVar(&c.pgbench, "pgbench", "pgbench", "the pgbench program for the PostgreSQL baseline (empty skips it)")
	fs.IntVar(&c.pgbenchConc, "pgbench-clients", 64, "pgbench clients")
	fs.DurationVar(&c.pgbenchDur, "pgbench-duration", 0, "how long pgbench runs (0: as long as -duration)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if c.pgbenchDur <= 0 {
		c.pgbenchDur = c.duration
	}
	switch {
	case c.databaseURL == "":
		return config{}, errors.New("-database-url is required (the server prints it on start)")
	case c.buyers < 1 || c.buyers > 1000:
		return config{}, errors.New("-buyers: 1 to 1000")
	case c.duration <= 0 || c.duration > 10*time.Minute:
		return config{}, errors.New("-duration: more than 0, at most 10m (API tokens last 15 minutes)")
	case c.maxRequests < 1:
		return config{}, errors.New("-max-requests: at least 1")
	case c.keep < 0 || c.keep > 1:
		return config{}, errors.New("-keep: a fraction from 0 to 1")
	case c.rawConns < 1:
		return config{}, errors.New("-raw-conns: at least 1")
	case c.pgbenchConc < 1:
		return config{}, errors.New("-pgbench-clients: at least 1")
	}
	u, err := url.Parse(c.base)
	if err != nil {
		return config{}, fmt.Errorf("-base: %w", err)
	}
	if err := loopbackOnly("-base", u.Hostname()); err != nil {
		return config{}, err
	}
	if c.pool, err = pgxpool.ParseConfig(c.databaseURL); err != nil {
		return config{}, fmt.Errorf("-database-url: %w", err)
	}
	if err := loopbackOnly("-database-url", c.pool.ConnConfig.Host); err != nil {
		return config{}, err
	}
	c.pool.MaxConns = int32(c.rawConns)
	c.pool.ConnConfig.RuntimeParams["application_name"] = "marquee-onsale"
	return c, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg.pool)
	if err != nil {
		return fmt.Errorf("connect to the database: %w", err)
	}
	defer pool.Close()

	show, err := findShow(ctx, pool, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "show %d: %s at %s, %s, %s\n", show.id, show.title, show.theater, show.screen, show.startsAt.Format(time.RFC3339))

	started := time.Now()
	buyers, err := ensureBuyers(ctx, pool, cfg.buyers)
	if err != nil {
		return err
	}
	api := newAPIClient(cfg.base, cfg.buyers)
	if err := api.signIn(ctx, buyers); err != nil {
		return err
	}
	fmt.Fprintf(out, "%d buyers ready (accounts and sign-in: %s)\n", len(buyers), time.Since(started).Round(time.Millisecond))

	app, err := playApp(ctx, api, buyers, show.id, cfg)
	if err != nil {
		return err
	}
	app.print(out, "app (HTTP)")
	appCheck, err := checkOversell(ctx, pool, show.id)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  oversell check after the app: %s\n", appCheck)

	var raw *tally
	if cfg.rawDuration > 0 {
		if raw, err = playService(ctx, pool, buyers, show, cfg); err != nil {
			return err
		}
		raw.print(out, "booking service in process")
	}
	final, err := checkOversell(ctx, pool, show.id)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  oversell check at the end: %s\n", final)

	pgbenchRate, pgbenchRatio := 0.0, 0.0
	if cfg.pgbench != "" {
		pool.Close() // its connections would count against the server's max_connections
		pgbenchRate, err = pgbenchBaseline(ctx, cfg)
		if err != nil {
			fmt.Fprintf(out, "pgbench baseline failed: %v\n", err)
		} else {
			pgbenchRatio = app.rate() / pgbenchRate
			fmt.Fprintf(out, "pgbench: %.0f hold + release pairs/s (%d clients, one hot 300-seat show, asynchronous commit, %s)\n",
				pgbenchRate, cfg.pgbenchConc, cfg.pgbenchDur)
		}
	}

	rawRate, ratio := 0.0, 0.0
	if raw != nil && raw.rate() > 0 {
		rawRate, ratio = raw.rate(), app.rate()/raw.rate()
	}
	oversold := max(appCheck.total(), final.total())
	fmt.Fprintf(out, "onsale buyers=%d holds_per_s=%.0f p50_ms=%.1f p99_ms=%.1f errors=%d oversold=%d service_per_s=%.0f ratio=%.2f "+
		"pgbench_pairs_per_s=%.0f holds_pgbench_ratio=%.2f\n",
		cfg.buyers, app.rate(), ms(app.pct(50)), ms(app.pct(99)), app.errorCount(), oversold, rawRate, ratio, pgbenchRate, pgbenchRatio)
	if oversold > 0 {
		return errors.New("a seat was sold twice or the seat rows disagree with the bookings")
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(flagName, host string) error {
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s: only loopback targets (localhost, 127.0.0.0/8, ::1) are allowed, not %q", flagName, host)
	}
	return nil
}
