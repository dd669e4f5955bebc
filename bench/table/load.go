package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// page is one GET a scenario sends: a path and the city cookie (empty: none).
type page struct {
	path, city string
}

// fetch GETs base+p as a browser does (accepting gzip) and reads the whole
// answer as it came, without inflating it: a browser inflates on its own
// CPU, where this client would take the server's. A status other than 200
// is an error. It returns the size read.
func fetch(ctx context.Context, client *http.Client, base string, p page) (int, error) {
	return get(ctx, client, base, p, "gzip")
}

// pageSize is the size of p's page as a browser shows it (inflated).
func pageSize(ctx context.Context, client *http.Client, base string, p page) (int, error) {
	return get(ctx, client, base, p, "")
}

// get sends Accept-Encoding: encoding, or lets the client ask for gzip and
// inflate the answer when encoding is "".
func get(ctx context.Context, client *http.Client, base string, p page, encoding string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+p.path, nil)
	if err != nil {
		return 0, fmt.Errorf("GET %s: %w", p.path, err)
	}
	req.Header.Set("Accept", "text/html")
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	if p.city != "" {
		req.AddCookie(&http.Cookie{Name: "city", Value: p.city})
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("GET %s: %w", p.path, err)
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	if err != nil {
		return 0, fmt.Errorf("GET %s: read: %w", p.path, err)
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: HTTP %d", p.path, res.StatusCode)
	}
	return int(n), nil
}

// closed runs clients that each send the next of pages (round robin) as
// soon as the last answered, first for warmup (not counted), then for d:
// the most a server answers at that concurrency.
func closed(ctx context.Context, client *http.Client, base string, pages []page, clients int, warmup, d time.Duration) *stats {
	if warmup > 0 {
		burst(ctx, client, base, pages, clients, warmup)
	}
	return burst(ctx, client, base, pages, clients, d)
}

func burst(ctx context.Context, client *http.Client, base string, pages []page, clients int, d time.Duration) *stats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	s := &stats{}
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				p := pages[int(next.Add(1))%len(pages)]
				t0 := time.Now()
				_, err := fetch(ctx, client, base, p)
				switch {
				case ctx.Err() != nil: // the run ended mid-request: not the server's fault
				case err != nil:
					s.fail(err)
				default:
					s.ok(time.Since(t0))
				}
			}
		})
	}
	wg.Wait()
	s.elapsed = time.Since(start)
	return s
}
