// Package cache keeps read results that many visitors ask for (listings,
// movie and theater pages) for a short while: in process (otter), and in
// Redis when instances share one, so one instance's miss fills the others.
//
// Entries belong to a Scope, and a scope is dropped as a whole: Invalidate,
// called inside the transaction that changes the data, bumps the scope's
// generation on this instance at once and sends a PostgreSQL notification
// that every instance (this one too) hears after commit (Run) and bumps
// again, so nothing read before the commit outlives it. Keys carry the
// generation, so dropping a scope is one increment, never a scan. With
// Redis the shared generation lives in Redis and each change bumps it once
// for all instances, so their keys agree.
//
// Never cache anything one visitor may not see, or a value a decision is
// made from (a seat's state): a cached value can be up to TTL old when a
// notification is lost.
package cache

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/maypok86/otter/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/marqueehq/marquee/internal/platform/redisx"
)

// Channel is the PostgreSQL notification channel of invalidations.
const Channel = "cache_invalidate"

// Scope names a group of entries that one change drops together.
type Scope string

// Options configure a Cache.
type Options struct {
	// TTL bounds how long an entry lives even when no change drops it.
	TTL time.Duration
	// Size is how many entries this process keeps.
	Size int
	// Scopes are every scope entries may belong to.
	Scopes []Scope
	// Pool is the database whose notifications Run listens to.
	Pool *pgxpool.Pool
	// CaughtUp, when set, waits until the reads that fill the cache see
	// every change committed so far (a read replica has replayed it); Run
	// calls it before dropping a change's scopes, so an entry refilled
	// at once from a lagging replica cannot keep the old answer until TTL.
	CaughtUp func(ctx context.Context) error
	// Redis, when set, is the second tier every instance shares.
	Redis *redisx.Conn
	// Registerer receives the hit and miss counters; nil: not exported.
	Registerer prometheus.Registerer
	// Log reports a lost notification connection or Redis errors.
	Log *slog.Logger
}

// Cache is a two-tier cache of read results; a nil *Cache caches nothing.
type Cache struct {
	o       Options
	local   *otter.Cache[string, any]
	gens    map[Scope]*generation
	lookups *prometheus.CounterVec
	drops   *prometheus.CounterVec
}

// generation is where a scope's keys are now: shared is the generation all
// instances agree on (Redis), local this instance's own count of drops.
type generation struct {
	shared atomic.Int64
	local  atomic.Int64
	// synced is true once shared came from Redis after this instance began
	// to listen; until then (and after a Redis error) the scope skips Redis.
	synced atomic.Bool
}

// New returns a cache, or nil (cache nothing) when o.Size is 0.
func New(o Options) (*Cache, error) {
	if o.Size <= 0 {
		return nil, nil
	}
	if o.TTL <= 0 {
		return nil, errors.New("cache TTL must be positive")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	local, err := otter.New(&otter.Options[string, any]{
		MaximumSize:      o.Size,
		ExpiryCalculator: otter.ExpiryWriting[string, any](o.TTL),
	})
	if err != nil {
		return nil, fmt.Errorf("in-process cache: %w", err)
	}
	c := &Cache{o: o, local: local, gens: map[Scope]*generation{},
		lookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "marquee", Subsystem: "cache", Name: "lookups_total",
			Help: "Cache lookups by scope and result: memory_hit, redis_hit or miss (read from the database).",
		}, []string{"scope", "result"}),
		drops: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "marquee", Subsystem: "cache", Name: "invalidations_total",
			Help: "Scopes dropped on this instance (a change made here, or heard from any instance).",
		}, []string{"scope"}),
	}
	for _, s := range o.Scopes {
		c.gens[s] = &generation{}
	}
	if o.Registerer != nil {
		if err := o.Registerer.Register(c.lookups); err != nil {
			return nil, fmt.Errorf("register cache metrics: %w", err)
		}
		if err := o.Registerer.Register(c.drops); err != nil {
			return nil, fmt.Errorf("register cache metrics: %w", err)
		}
	}
	return c, nil
}

// Invalidate drops scopes on every instance once tx commits: it drops them
// here at once (a page read right after the change is fresh) and sends the
// notification every instance drops them on after commit (a read racing
// the commit cannot keep old data). Call it inside the changing
// transaction. A nil Cache only notifies.
func (c *Cache) Invalidate(ctx context.Context, tx pgx.Tx, scopes ...Scope) error {
	token := rand.Text()
	names := make([]string, len(scopes))
	for i, s := range scopes {
		names[i] = string(s)
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", Channel, token+" "+strings.Join(names, ",")); err != nil {
		return fmt.Errorf("notify cache invalidation: %w", err)
	}
	if c == nil {
		return nil
	}
	c.bump(ctx, token+"/tx", scopes)
	return nil
}

// bump moves each scope to a new generation. token names the change: with
// Redis, the first instance to bump for a token increments the shared
// generation and the others read it, so all agree.
func (c *Cache) bump(ctx context.Context, token string, scopes []Scope) {
	for _, s := range scopes {
		g, ok := c.gens[s]
		if !ok {
			continue
		}
		g.local.Add(1)
		if c.o.Redis != nil {
			c.bumpShared(ctx, token, s, g)
		}
		// Counted once the scope has moved, so a drop on the metrics is
		// one that took effect.
		c.drops.WithLabelValues(string(s)).Inc()
	}
}

// bumpShared moves the scope's generation in Redis for the change token.
func (c *Cache) bumpShared(ctx context.Context, token string, s Scope, g *generation) {
	n, err := bumpScript.Run(ctx, c.o.Redis, []string{c.o.Redis.Key("cache", "bump", token, string(s)),
		c.o.Redis.Key("cache", "gen", string(s))}).Int64()
	if err != nil {
		// Without the shared generation this instance could read
		// entries older than the change: it stops using Redis for the
		// scope until it bumps through Redis again.
		g.synced.Store(false)
		c.o.Log.Warn("cache: shared generation not bumped; Redis skipped until it is", "scope", s, "err", err)
		return
	}
	for cur := g.shared.Load(); n > cur && !g.shared.CompareAndSwap(cur, n); cur = g.shared.Load() {
	}
	g.synced.Store(true)
}

// bumpScript increments the shared generation (KEYS[2]) once per change
// token (KEYS[1], kept a day) and returns the generation after it.
var bumpScript = redis.NewScript(`
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', 86400) then
  return redis.call('INCR', KEYS[2])
end
return tonumber(redis.call('GET', KEYS[2]) or '0')`)

// keys are where an entry lives in each tier for the scope's generations
// now; ok is false for a scope the cache was not told of.
func (c *Cache) keys(s Scope, key string) (local, shared string, useRedis, ok bool) {
	g, ok := c.gens[s]
	if !ok {
		return "", "", false, false
	}
	gen := strconv.FormatInt(g.shared.Load(), 10)
	local = string(s) + "\x00" + gen + "\x00" + strconv.FormatInt(g.local.Load(), 10) + "\x00" + key
	useRedis = c.o.Redis != nil && g.synced.Load()
	if useRedis {
		shared = c.o.Redis.Key("cache", string(s), gen, key)
	}
	return local, shared, useRedis, true
}
