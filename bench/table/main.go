// Command table measures a running Marquee on this machine and prints one
// table: for each scenario its requests a second, p50/p95/p99 latency,
// errors, and a baseline measured in the same run. Browsing (home, a
// movie, a movie's showtimes, a theater, a seat map) runs against the
// server with its cache on (-base) and off (-base-nocache), and against a
// minimal echo handler started in this process that returns a fixed page
// of the same size; then search and suggestions; then a mixed profile
// (90% browse, 8% search, 2% purchase by signed-in buyers through the real
// hold, checkout and test-card pay endpoints) at a fixed arrival rate
// (open model: latency from when each request was due); then the lines of
// bench/rush and bench/onsale, read from their output (-rush-log,
// -onsale-log). Browsing and search are closed loops: -clients clients
// each send the next request when the last answered.
//
//	go run ./bench/table -base http://127.0.0.1:8080 -base-nocache http://127.0.0.1:8081 -database-url postgres://...
//
// scripts/bench-table.sh (make bench) starts both servers on the scale
// data and runs the other benches first. The client runs on the same
// machine as the server, so both share its CPUs: the baseline does too.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	base, baseNoCache, databaseURL string
	city                           string
	clients, targets, buyers, rate int
	duration, warmup, mixedFor     time.Duration
	rushLog, onsaleLog             string
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("table", flag.ContinueOnError)
	fs.StringVar(&c.base, "base", "http://127.0.0.1:8080", "the server, cache on (loopback only)")
	fs.StringVar(&c.baseNoCache, "base-nocache", "", "the same site with CACHE_SIZE=0 (empty: no cache-off rows)")
	fs.StringVar(&c.databaseURL, "database-url", os.Getenv("DATABASE_URL"), "the server's database (targets and buyers)")
	fs.StringVar(&c.city, "city", "london", "the visitors' city")
	fs.IntVar(&c.clients, "clients", 8, "concurrent clients of the closed-loop scenarios")
	fs.IntVar(&c.targets, "targets", 50, "movies, theaters and shows each browse scenario goes round")
	fs.IntVar(&c.buyers, "buyers", 32, "signed-in buyers of the mixed profile")
	fs.IntVar(&c.rate, "rate", 300, "the mixed profile's requests a second (purchases count once)")
	fs.DurationVar(&c.duration, "duration", 5*time.Second, "how long each closed-loop scenario is measured")
	fs.DurationVar(&c.warmup, "warmup", time.Second, "how long each closed-loop scenario runs first, unmeasured")
	fs.DurationVar(&c.mixedFor, "mixed-duration", 15*time.Second, "how long the mixed profile runs")
	fs.StringVar(&c.rushLog, "rush-log", "", "bench/rush's output (empty: no rush rows)")
	fs.StringVar(&c.onsaleLog, "onsale-log", "", "bench/onsale's output (empty: no on-sale row)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if c.databaseURL == "" {
		return config{}, errors.New("-database-url is required")
	}
	if c.clients < 1 || c.targets < 1 || c.buyers < 1 || c.rate < 1 || c.duration <= 0 || c.mixedFor <= 0 {
		return config{}, errors.New("-clients, -targets, -buyers, -rate, -duration, -mixed-duration: more than 0")
	}
	for _, b := range []string{c.base, c.baseNoCache} {
		if b == "" {
			continue
		}
		u, err := url.Parse(b)
		if err != nil {
			return config{}, fmt.Errorf("parse %s: %w", b, err)
		}
		if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return config{}, fmt.Errorf("%s: only loopback servers", b)
		}
	}
	return c, nil
}

func run(ctx context.Context, args []string, out, progress io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	pool, err := pgxpool.New(ctx, c.databaseURL)
	if err != nil {
		return fmt.Errorf("connect to the database: %w", err)
	}
	defer pool.Close()
	t, err := loadTargets(ctx, pool, c.city, c.targets)
	if err != nil {
		return err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 1024, 1024
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	load0 := loadAvg()
	say := func(format string, a ...any) { fmt.Fprintf(progress, format+"\n", a...) }

	browse := t.browse()
	sizes := map[string]int{}
	for _, sc := range browse {
		n, err := pageSize(ctx, client, c.base, sc.pages[0])
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		sizes["/"+strings.ReplaceAll(sc.name, " ", "-")] = n
	}
	bl, err := startBaseline(sizes)
	if err != nil {
		return err
	}
	defer bl.stop(context.WithoutCancel(ctx))

	var rows []row
	measure := func(name, base string, pages []page) *stats {
		s := closed(ctx, client, base, pages, c.clients, c.warmup, c.duration)
		say("%s: %.0f req/s, p99 %.2f ms, %d errors", name, s.rate(), s.pct(99), s.errors)
		return s
	}
	for _, sc := range browse {
		path := "/" + strings.ReplaceAll(sc.name, " ", "-")
		b := measure(fmt.Sprintf("%s, minimal handler (%d bytes)", sc.name, sizes[path]), bl.base, []page{{path: path}})
		if c.baseNoCache != "" {
			rows = append(rows, statsRow(sc.name, "off", measure(sc.name+", cache off", c.baseNoCache, sc.pages), b.rate()))
		}
		cache := "on"
		if sc.name == "seat map" {
			cache = "live" // never cached: seats are read live
		}
		rows = append(rows, statsRow(sc.name, cache, measure(sc.name+", cache on", c.base, sc.pages), b.rate()))
	}
	for _, sc := range t.search() {
		rows = append(rows, statsRow(sc.name, "on", measure(sc.name, c.base, sc.pages), math.NaN()))
	}

	say("signing in %d buyers", c.buyers)
	buyers, err := signInBuyers(ctx, pool, tr, c.base, c.buyers)
	if err != nil {
		return err
	}
	say("mixed profile: %d requests/s for %s", c.rate, c.mixedFor)
	m := mixed(ctx, client, c.base, browse, t.search(), buyers, t.buyShows, c.rate, c.mixedFor, mix{search: 8, purchase: 2})
	mixedName := fmt.Sprintf("mixed @%d/s", c.rate)
	rows = append(rows, statsRow(mixedName, "on", m.all, math.NaN()),
		statsRow("  of which browse", "on", m.browse, math.NaN()),
		statsRow("  of which search", "on", m.search, math.NaN()),
		statsRow("  of which purchase steps", "-", m.purchase, math.NaN()))

	if c.rushLog != "" {
		r, err := rushRows(c.rushLog)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	if c.onsaleLog != "" {
		r, err := onsaleRows(c.onsaleLog)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}

	fmt.Fprintf(out, "Marquee bench table: %s, city %s; %d clients (closed loop, %s each after %s warm-up); %d CPUs, "+
		"load average %s before, %s after\n", t.size, c.city, c.clients, c.duration, c.warmup, runtime.NumCPU(), load0, loadAvg())
	printTable(out, rows)
	fmt.Fprintf(out, "mixed: %d purchases paid (%d failed) in %s; %d samples; first error: %s\n", m.purchases,
		m.purchase.errors, m.all.elapsed.Round(time.Millisecond), len(m.all.lat), orNone(m.all.sample))
	checkTargets(out, rows, mixedName)
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// loadAvg is the machine's 1, 5 and 15 minute load averages ("?" where
// the system does not say).
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
