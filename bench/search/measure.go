package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// timings collects latencies in milliseconds.
type timings struct {
	mu sync.Mutex
	ms []float64
}

func (t *timings) add(d time.Duration) {
	t.mu.Lock()
	t.ms = append(t.ms, float64(d.Microseconds())/1000)
	t.mu.Unlock()
}

func (t *timings) n() int { return len(t.ms) }

// pct returns the p-th percentile.
func (t *timings) pct(p float64) float64 {
	if len(t.ms) == 0 {
		return 0
	}
	s := append([]float64(nil), t.ms...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(float64(len(s))*p/100))]
}

type httpResult struct {
	search, suggest timings
	qps             float64
	errors          int64
}

// runHTTP runs c.clients clients for warmup (not measured) and then for
// c.duration; each alternates a search and a suggestion.
func runHTTP(ctx context.Context, c config, w *workload) (*httpResult, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.clients * 2}, Timeout: 10 * time.Second}
	if resp, err := client.Get(c.base + "/healthz"); err != nil {
		return nil, fmt.Errorf("server at %s: %w", c.base, err)
	} else {
		resp.Body.Close()
	}
	if c.warmup > 0 {
		if _, err := clients(ctx, c, c.warmup, w, client, 1000); err != nil {
			return nil, err
		}
	}
	return clients(ctx, c, c.duration, w, client, 0)
}

// clients runs c.clients clients for d, each with its own random stream
// (seeded from seed and its number).
func clients(ctx context.Context, c config, d time.Duration, w *workload, client *http.Client, seed uint64) (*httpResult, error) {
	res := &httpResult{}
	get := func(url string, into *timings) {
		start := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			atomic.AddInt64(&res.errors, 1)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			atomic.AddInt64(&res.errors, 1)
			return
		}
		into.add(time.Since(start))
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed+uint64(i), 7))
			for ctx.Err() == nil {
				q := w.pick(rng)
				get(searchURL(c.base, q), &res.search)
				get(suggestURL(c.base, prefix(rng, q.Text)), &res.suggest)
			}
		}()
	}
	wg.Wait()
	res.qps = float64(res.search.n()) / time.Since(start).Seconds()
	return res, nil
}

type dbResult struct{ search, suggest, service, serviceSuggest timings }

// runDB times, from one client, the PostgreSQL side of the same searches
// and suggestions (the text queries the service sends, without its cache),
// and then the service itself in this process (text cache included, no
// HTTP).
func runDB(ctx context.Context, c config, w *workload) (*dbResult, error) {
	res := &dbResult{}
	q := searchdb.New()
	rng := rand.New(rand.NewPCG(99, 7))
	for range c.dbQueries {
		sq := w.pick(rng)
		text, pre := sq.Text, prefixQuery(sq.Text)
		start := time.Now()
		rows, err := q.SearchMatch(ctx, w.pool, searchdb.SearchMatchParams{Q: text, Prefix: pre})
		if err == nil && len(rows) == 0 {
			if _, err = q.SearchMatchFuzzy(ctx, w.pool, text); err == nil {
				_, err = q.DidYouMeanName(ctx, w.pool, text)
				if errors.Is(err, pgx.ErrNoRows) {
					err = nil
				}
			}
		}
		if err == nil {
			_, err = q.SuggestTheaters(ctx, w.pool, searchdb.SuggestTheatersParams{Q: text, Prefix: pre, City: sq.City, Lim: 3})
		}
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", text, err)
		}
		res.search.add(time.Since(start))
		typed := prefix(rng, text)
		pre = prefixQuery(typed)
		start = time.Now()
		movies, err := q.SuggestMovies(ctx, w.pool, searchdb.SuggestMoviesParams{Q: typed, Prefix: pre, Lim: 5})
		if err == nil && len(movies) == 0 {
			_, err = q.SuggestMoviesFuzzy(ctx, w.pool, searchdb.SuggestMoviesFuzzyParams{Q: typed, Lim: 5})
		}
		if err == nil {
			_, err = q.SuggestPeople(ctx, w.pool, searchdb.SuggestPeopleParams{Q: typed, Lim: 3})
		}
		if err == nil {
			_, err = q.SuggestTheaters(ctx, w.pool, searchdb.SuggestTheatersParams{Q: typed, Prefix: pre, Lim: 3})
		}
		if err != nil {
			return nil, fmt.Errorf("suggest %q: %w", typed, err)
		}
		res.suggest.add(time.Since(start))
	}
	rng = rand.New(rand.NewPCG(99, 7))
	for range c.dbQueries {
		sq := w.pick(rng)
		start := time.Now()
		if _, err := w.svc.Search(ctx, sq); err != nil {
			return nil, fmt.Errorf("search %q: %w", sq.Text, err)
		}
		res.service.add(time.Since(start))
		start = time.Now()
		if _, err := w.svc.Suggest(ctx, prefix(rng, sq.Text), ""); err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		res.serviceSuggest.add(time.Since(start))
	}
	return res, nil
}

// prefixQuery is the service's prefix tsquery of typed words
// ("lant kee" -> "lant:* & kee:*").
func prefixQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words[:min(len(words), 8)] {
		words[i] = w + ":*"
	}
	return strings.Join(words[:min(len(words), 8)], " & ")
}
