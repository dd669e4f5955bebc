// Package ratelimit limits how often a key (an account, an IP address) may
// do something, with one token bucket (golang.org/x/time/rate) per key kept
// in memory. Limits are per app instance: with N instances behind a load
// balancer a key may do up to N times as much.
package ratelimit

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sweepAbove is the number of keys kept above which a new key first drops
// the buckets that are full again (idle keys).
const sweepAbove = 10_000

// Limiter allows each key up to PerMinute actions a minute, with bursts of
// up to PerMinute. The zero value and a nil *Limiter allow everything.
type Limiter struct {
	perMinute int
	now       func() time.Time
	mu        sync.Mutex
	buckets   map[string]*rate.Limiter
}

// New returns a limiter of perMinute actions per key and minute; 0 or less
// turns it off. now is the clock (time.Now when nil).
func New(perMinute int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{perMinute: perMinute, now: now, buckets: map[string]*rate.Limiter{}}
}

// Allow takes one action for key. When the key has used its share it
// returns false and how long until the next action is allowed.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	if l == nil || l.perMinute <= 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= sweepAbove {
			l.sweep(now)
		}
		b = rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), l.perMinute)
		l.buckets[key] = b
	}
	r := b.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// PerMinute is the limit (0: none).
func (l *Limiter) PerMinute() int {
	if l == nil {
		return 0
	}
	return l.perMinute
}

// sweep drops the buckets that have filled up again: forgetting them
// changes nothing.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.perMinute)-math.SmallestNonzeroFloat64 {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= sweepAbove {
		clear(l.buckets) // a flood of keys: start afresh rather than grow
	}
}
