package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// mix is the mixed profile's share of each kind of request, in percent:
// the rest browses.
type mix struct {
	search, purchase int
}

// mixedResult is the mixed profile by kind of request, and all together.
type mixedResult struct {
	all, browse, search, purchase *stats
	purchases                     int // purchases paid
}

// mixed runs the open model: requests start on a fixed schedule (rate a
// second, for d) whether or not earlier ones have answered, and each
// latency runs from when its request was due, so a server that falls
// behind shows it in the percentiles (no coordinated omission). Browsing
// picks a page of a random browse scenario, searching a search or a
// suggestion, purchasing a free signed-in buyer (waiting for one counts)
// who buys two seats on one of shows.
func mixed(ctx context.Context, client *http.Client, base string, browse, search []scenario, buyers []*buyer,
	shows []int64, rate int, d time.Duration, m mix,
) *mixedResult {
	res := &mixedResult{all: &stats{}, browse: &stats{}, search: &stats{}, purchase: &stats{}}
	free := make(chan *buyer, len(buyers))
	for _, b := range buyers {
		free <- b
	}
	rng := rand.New(rand.NewPCG(16, 10))
	var mu sync.Mutex
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) >= d || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Until(due))
		kind := rng.IntN(100)
		switch {
		case kind < m.purchase:
			show := shows[rng.IntN(len(shows))]
			wg.Go(func() {
				var b *buyer
				select {
				case b = <-free:
				case <-ctx.Done():
					return
				}
				defer func() { free <- b }()
				if err := b.purchase(ctx, show, due, res.purchase, 2); err != nil {
					res.purchase.fail(err)
					return
				}
				mu.Lock()
				res.purchases++
				mu.Unlock()
			})
		case kind < m.purchase+m.search:
			sc := search[rng.IntN(len(search))]
			p := sc.pages[rng.IntN(len(sc.pages))]
			wg.Go(func() { timeFrom(ctx, client, base, p, due, res.search) })
		default:
			sc := browse[rng.IntN(len(browse))]
			p := sc.pages[rng.IntN(len(sc.pages))]
			wg.Go(func() { timeFrom(ctx, client, base, p, due, res.browse) })
		}
	}
	wg.Wait()
	res.all.elapsed = time.Since(start)
	for _, s := range []*stats{res.browse, res.search, res.purchase} {
		s.elapsed = res.all.elapsed
		res.all.merge(s)
	}
	return res
}

// timeFrom fetches p and records its latency from due.
func timeFrom(ctx context.Context, client *http.Client, base string, p page, due time.Time, into *stats) {
	if _, err := fetch(ctx, client, base, p); err != nil {
		into.fail(err)
		return
	}
	into.ok(time.Since(due))
}
