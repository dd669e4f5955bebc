package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// results is what the run came to, before the database is asked.
type results struct {
	buyers   int
	start    time.Time
	end      time.Time // the last buyer finished
	holds    int
	outcomes map[string]int
	rec      *recorder
	burst    burstResult
}

// rush lets every buyer loose on the show at once, with the watchers and
// the webhook burst alongside, and returns when the last buyer and the
// burst are done.
func rush(ctx context.Context, cfg config, pool *pgxpool.Pool, tr *http.Transport, rec *recorder, buyers []*buyer, showID int64) *results {
	res := &results{buyers: len(buyers), outcomes: map[string]int{}, rec: rec, start: time.Now()}
	deadline := res.start.Add(cfg.duration)

	watchCtx, stopWatch := context.WithCancel(ctx)
	var watchers sync.WaitGroup
	watchers.Add(2)
	go func() { defer watchers.Done(); watch(watchCtx, cfg, tr, rec, "/readyz", "readyz") }()
	go func() { defer watchers.Done(); watch(watchCtx, cfg, tr, rec, "/", "home_page") }()

	// The first payment left on a pay page gets the burst of webhooks; if
	// none was by the time the buyers are done, the first of the show's.
	abandoned, buyersDone := make(chan int64, 1), make(chan struct{})
	bursting := cfg.burst > 0 && cfg.webhookSecret != ""
	var burst sync.WaitGroup
	if bursting {
		burst.Add(1)
		go func() {
			defer burst.Done()
			select {
			case id := <-abandoned:
				res.burst = fireBurst(ctx, cfg, pool, tr, rec, id)
			case <-buyersDone:
				id, err := anyPayment(ctx, pool, showID)
				if err != nil {
					res.burst.err = err
					return
				}
				res.burst = fireBurst(ctx, cfg, pool, tr, rec, id)
				res.burst.late = true
			}
		}()
	}

	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, b := range buyers {
		b.web.rec = rec
		rng := rand.New(rand.NewPCG(uint64(res.start.UnixNano()), uint64(i)))
		p := &purchase{cfg: cfg, web: b.web, rec: rec, showID: showID, deadline: deadline, rng: rng,
			best: rng.Float64() < cfg.best, seats: []int{1, 2, 2, 2, 3, 4}[rng.IntN(6)], card: cardOK,
			onHold: func() {
				mu.Lock()
				res.holds++
				mu.Unlock()
			},
			abandoned: func(id int64) {
				select {
				case abandoned <- id:
				default:
				}
			}}
		switch r := rng.Float64(); {
		case r < cfg.abandon/2:
			p.abandon = abandonCheckout
		case r < cfg.abandon:
			p.abandon = abandonPay
		case r < cfg.abandon+cfg.decline:
			p.card = cardDecline
		}
		if i == 0 && bursting {
			p.abandon = abandonPay // so that there is a payment for the burst
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			end := p.run(ctx)
			mu.Lock()
			res.outcomes[end]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(buyersDone)
	burst.Wait()
	res.end = time.Now()
	stopWatch()
	watchers.Wait()
	return res
}

// watch asks for path every 200 ms until ctx ends, one request at a time,
// so that a stalled server shows as a gap in the answers.
func watch(ctx context.Context, cfg config, tr *http.Transport, rec *recorder, path, kind string) {
	web := newBrowser(cfg.base, tr, rec, cfg.timeout)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		_, _ = web.get(ctx, kind, path, false) // recorded either way
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
