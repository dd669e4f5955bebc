package main

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// player is one buyer's way to the seats: through the API, or straight
// to PostgreSQL for the comparison.
type player interface {
	seatMap(ctx context.Context) (*seatMap, error)
	// hold returns the booking id, or taken when a chosen seat went first.
	hold(ctx context.Context, seats []string) (id int64, taken bool, err error)
	release(ctx context.Context, id int64) error
}

// play runs the players together until d has passed or maxRequests holds
// were asked for, and returns what they saw together.
func play(ctx context.Context, players []player, d time.Duration, maxRequests int64, cfg config) *tally {
	deadline := time.Now().Add(d)
	var requests atomic.Int64
	tallies := make([]tally, len(players))
	start := time.Now()
	var wg sync.WaitGroup
	for i, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(start.UnixNano()), uint64(i)))
			buy(ctx, p, rng, &tallies[i], cfg, func() bool {
				return ctx.Err() != nil || time.Now().After(deadline) || requests.Add(1) > maxRequests
			})
		}()
	}
	wg.Wait()
	all := &tally{}
	for i := range tallies {
		all.add(&tallies[i])
	}
	all.done(time.Since(start))
	return all
}

// buy is one buyer's loop: look at a recent seat map, pick seats side by
// side, hold them, and give them back (or now and then keep them), until
// stop says so. Only hold calls are timed.
func buy(ctx context.Context, p player, rng *rand.Rand, t *tally, cfg config, stop func() bool) {
	var m *seatMap
	for {
		if m.stale(cfg.mapAge) {
			if ctx.Err() != nil {
				return
			}
			fresh, err := p.seatMap(ctx)
			t.maps++
			if err != nil {
				t.fail(errorKind("seats", err), err)
				time.Sleep(20 * time.Millisecond)
				continue
			}
			m = fresh
		}
		seats := m.pick(rng, 1+rng.IntN(4))
		if seats == nil {
			m = nil // nothing looks free: look again
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if stop() {
			return
		}
		t0 := time.Now()
		id, taken, err := p.hold(ctx, seats)
		lat := time.Since(t0)
		switch {
		case err != nil:
			t.fail(errorKind("hold", err), err)
			continue
		case taken:
			t.taken++
			t.lat = append(t.lat, lat)
			m.mark(seats, false) // one of them went; the next reload tells which
			continue
		}
		t.holds++
		t.lat = append(t.lat, lat)
		if rng.Float64() < cfg.keep {
			m.mark(seats, false)
			continue
		}
		if err := p.release(ctx, id); err != nil {
			t.fail(errorKind("release", err), err)
			continue
		}
		t.released++
	}
}

// errorKind names an error for the counts: "hold:500_internal",
// "hold:transport", "release:db", ...
func errorKind(call string, err error) string {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.kind(call)
	}
	if errors.Is(err, context.Canceled) {
		return call + ":cancelled"
	}
	return call + ":db"
}
