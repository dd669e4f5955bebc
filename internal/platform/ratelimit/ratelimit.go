// Package ratelimit counts actions per key (an account, an IP address, an
// API token) against budgets of so many a minute, with the generic cell
// rate algorithm (GCRA): a key may spend its whole budget at once, then gets
// one action back every minute/N. With Redis the counts live there and every
// instance spends from the same budget (go-redis/redis_rate: one atomic Lua
// script per check, on Redis's clock); without Redis each instance counts
// alone, in memory (throttled's GCRA over its LRU-bounded memstore). Both
// give the same answers to the same sequence of actions.
//
// Middleware applies the budgets at the edge of the router.
package ratelimit

import (
	"context"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/throttled/throttled/v2"
	"github.com/throttled/throttled/v2/store/memstore"

	"github.com/marqueehq/marquee/internal/platform/redisx"
)

// memoryKeys bounds the keys one instance remembers without Redis: past it
// the least recently seen key is forgotten (its budget starts whole again).
const memoryKeys = 100_000

// Result is the outcome of one check.
type Result struct {
	// Allowed says whether the action was taken from the budget.
	Allowed bool
	// Limit is the whole budget: actions a key may take at once.
	Limit int
	// Remaining is what is left of the budget after this check.
	Remaining int
	// RetryAfter is how long until the next action is allowed (0 when
	// this one was).
	RetryAfter time.Duration
	// Reset is how long until the budget is whole again.
	Reset time.Duration
}

// Store makes counters whose counts live in Redis when it has a connection,
// in this process otherwise.
type Store struct {
	conn  *redisx.Conn
	redis *redis_rate.Limiter
	mem   throttled.GCRAStoreCtx
}

// NewStore keeps counts in conn's Redis, or in memory when conn is nil.
func NewStore(conn *redisx.Conn) *Store {
	if conn != nil {
		return &Store{conn: conn, redis: redis_rate.NewLimiter(conn.Client)}
	}
	mem, err := memstore.NewCtx(memoryKeys)
	if err != nil { // only for a size of 0 or less
		panic(fmt.Sprintf("rate limit memory store of %d keys: %v", memoryKeys, err))
	}
	return &Store{mem: mem}
}

// Shared reports whether counts are shared with other instances (Redis).
func (s *Store) Shared() bool { return s.conn != nil }

// Counter is one budget of PerMinute actions a minute for each key. A nil
// *Counter allows everything.
type Counter struct {
	name      string
	perMinute int
	store     *Store
	gcra      *throttled.GCRARateLimiterCtx // in memory
}

// Counter returns the budget called name (it names the keys, so two
// budgets never share counts) of perMinute actions a minute per key; nil
// when perMinute is 0 or less (no limit).
func (s *Store) Counter(name string, perMinute int) *Counter {
	if perMinute <= 0 {
		return nil
	}
	c := &Counter{name: name, perMinute: perMinute, store: s}
	if s.mem != nil {
		// MaxBurst counts the actions beyond the first: a burst of the whole
		// minute's budget, as in Redis.
		g, err := throttled.NewGCRARateLimiterCtx(s.mem, throttled.RateQuota{MaxRate: throttled.PerMin(perMinute), MaxBurst: perMinute - 1})
		if err != nil { // only for a negative burst
			panic(fmt.Sprintf("rate limit %s of %d a minute: %v", name, perMinute, err))
		}
		c.gcra = g
	}
	return c
}

// PerMinute is the budget (0: no limit).
func (c *Counter) PerMinute() int {
	if c == nil {
		return 0
	}
	return c.perMinute
}

// Allow takes one action from key's budget when there is one left.
// Errors: Redis's, when it does not answer.
func (c *Counter) Allow(ctx context.Context, key string) (Result, error) {
	if c == nil {
		return Result{Allowed: true}, nil
	}
	if c.gcra != nil {
		limited, r, err := c.gcra.RateLimitCtx(ctx, c.name+":"+key, 1)
		if err != nil {
			return Result{}, fmt.Errorf("rate limit %s: %w", c.name, err)
		}
		return Result{Allowed: !limited, Limit: r.Limit, Remaining: r.Remaining,
			RetryAfter: max(r.RetryAfter, 0), Reset: max(r.ResetAfter, 0)}, nil
	}
	// redis_rate puts its own "rate:" before the key, and the key starts
	// with the site's prefix after that.
	r, err := c.store.redis.Allow(ctx, c.store.conn.Key("ratelimit", c.name, key), redis_rate.PerMinute(c.perMinute))
	if err != nil {
		return Result{}, fmt.Errorf("rate limit %s in redis: %w", c.name, err)
	}
	return Result{Allowed: r.Allowed > 0, Limit: c.perMinute, Remaining: r.Remaining,
		RetryAfter: max(r.RetryAfter, 0), Reset: max(r.ResetAfter, 0)}, nil
}
