// Command load sends a bounded burst of GET requests to a running Marquee on
// this machine and prints throughput and latency percentiles per path.
//
//	go run ./bench/load -base http://localhost:8080 -c 16 -n 2000 -city london / /movies/the-lantern-keeper
//
// It only talks to loopback addresses, and stops after -n requests or -d,
// whichever comes first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	base := fs.String("base", "http://localhost:8080", "server address (loopback only)")
	conc := fs.Int("c", 8, "concurrent clients")
	total := fs.Int("n", 1000, "requests per path")
	maxDur := fs.Duration("d", 60*time.Second, "time limit per path")
	city := fs.String("city", "", "city slug sent in the city cookie")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*base)
	if err != nil {
		return fmt.Errorf("parse -base: %w", err)
	}
	if err := loopbackOnly(u.Hostname()); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"/"}
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc}}
	fmt.Fprintf(out, "%-40s %8s %9s %8s %8s %8s %6s\n", "path", "requests", "req/s", "p50", "p95", "p99", "errors")
	for _, p := range paths {
		r := burst(client, *base+p, *city, *conc, *total, *maxDur)
		fmt.Fprintf(out, "%-40s %8d %9.1f %8s %8s %8s %6d\n", p, len(r.latencies), r.rate(),
			r.pct(50), r.pct(95), r.pct(99), r.errors)
	}
	return nil
}

type result struct {
	latencies []time.Duration
	errors    int64
	elapsed   time.Duration
}

func (r result) rate() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

func (r result) pct(p int) string {
	if len(r.latencies) == 0 {
		return "-"
	}
	return r.latencies[(len(r.latencies)-1)*p/100].Round(10 * time.Microsecond).String()
}

func burst(client *http.Client, target, city string, conc, total int, limit time.Duration) result {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var next atomic.Int64
	var errs atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(total) && ctx.Err() == nil {
				t0 := time.Now()
				if err := get(ctx, client, target, city); err != nil {
					errs.Add(1)
					continue
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	return result{latencies: lat, errors: errs.Load(), elapsed: time.Since(start)}
}

func get(ctx context.Context, client *http.Client, target, city string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	if city != "" {
		req.AddCookie(&http.Cookie{Name: "city", Value: city})
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode >= 400 {
		return fmt.Errorf("%s: %s", target, res.Status)
	}
	return nil
}

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(host string) error {
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return errors.New("only loopback targets (localhost, 127.0.0.0/8, ::1) are allowed")
	}
	return nil
}
