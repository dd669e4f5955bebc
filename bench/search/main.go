// Command search measures Marquee's search against a running server on this
// machine: C clients (default 8) send searches over HTTP (GET
// /api/v1/search with a city, sometimes a filter) and, in between,
// suggestions (GET /search/suggest) for a prefix of the same text: first
// for -warmup (unmeasured: the server's text cache fills, as it does for
// popular queries), then for -duration. Then, from one client, the
// PostgreSQL text queries of the same searches and suggestions run
// uncached (the database's share on a cache miss), and the search service
// runs in this process without HTTP. Queries mix demo titles, typos,
// partial words, people, genres and generated titles read from the index.
//
//	go run ./bench/search -base http://127.0.0.1:8080 -database-url postgres://... [-clients 8] [-warmup 3s] [-duration 20s]
//
// The last line sums it up:
//
//	search clients=8 qps=N p50_ms=N p99_ms=N suggest_p99_ms=N
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "search bench:", err)
		os.Exit(1)
	}
}

type config struct {
	base        string
	databaseURL string
	clients     int
	duration    time.Duration
	warmup      time.Duration
	dbQueries   int
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var c config
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.StringVar(&c.base, "base", "http://127.0.0.1:8080", "the running server")
	fs.StringVar(&c.databaseURL, "database-url", "", "the server's database (for the queries and the database timings)")
	fs.IntVar(&c.clients, "clients", 8, "concurrent HTTP clients")
	fs.DurationVar(&c.duration, "duration", 20*time.Second, "how long the HTTP clients run (measured)")
	fs.DurationVar(&c.warmup, "warmup", 3*time.Second, "how long the HTTP clients run first, unmeasured (0: none)")
	fs.IntVar(&c.dbQueries, "db-queries", 2000, "searches (and as many suggestions) timed at the database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.databaseURL == "" {
		return fmt.Errorf("-database-url is required")
	}
	w, err := newWorkload(ctx, c.databaseURL)
	if err != nil {
		return err
	}
	defer w.close()
	fmt.Fprintf(out, "workload: %d query texts, cities %v\n", len(w.texts), w.cities)
	h, err := runHTTP(ctx, c, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "http:     %d searches in %s after %s warm-up (%.0f/s), p50 %.2f ms, p99 %.2f ms; %d suggestions p50 %.2f ms p99 %.2f ms; errors %d\n",
		h.search.n(), c.duration, c.warmup, h.qps, h.search.pct(50), h.search.pct(99), h.suggest.n(), h.suggest.pct(50), h.suggest.pct(99), h.errors)
	d, err := runDB(ctx, c, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "database: %d searches p50 %.2f ms p99 %.2f ms; suggestions p50 %.2f ms p99 %.2f ms (text queries, uncached, one client)\n",
		d.search.n(), d.search.pct(50), d.search.pct(99), d.suggest.pct(50), d.suggest.pct(99))
	fmt.Fprintf(out, "service:  %d searches p50 %.2f ms p99 %.2f ms; suggestions p50 %.2f ms p99 %.2f ms (in process, no HTTP, one client)\n",
		d.service.n(), d.service.pct(50), d.service.pct(99), d.serviceSuggest.pct(50), d.serviceSuggest.pct(99))
	fmt.Fprintf(out, "search clients=%d qps=%.0f p50_ms=%.2f p99_ms=%.2f suggest_p99_ms=%.2f\n",
		c.clients, h.qps, h.search.pct(50), h.search.pct(99), h.suggest.pct(99))
	return nil
}
