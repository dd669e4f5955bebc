package cache_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/redisx"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const films cache.Scope = "films"

// instance is one process's cache over the shared database (and Redis),
// listening for invalidations, with the registry its counters land in.
type instance struct {
	c   *cache.Cache
	reg *prometheus.Registry
}

func newInstance(t *testing.T, pool *pgxpool.Pool, redis *redisx.Conn) *instance {
	t.Helper()
	in := &instance{reg: prometheus.NewRegistry()}
	var err error
	in.c, err = cache.New(cache.Options{TTL: time.Hour, Size: 100, Scopes: []cache.Scope{films}, Pool: pool, Redis: redis,
		Registerer: in.reg})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = in.c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	// Run drops every scope once it listens: from then on no change is missed.
	require.Eventually(t, func() bool { return in.count(t, "marquee_cache_invalidations_total", "") > 0 },
		10*time.Second, 5*time.Millisecond, "the cache listens")
	return in
}

// count sums the counter name's series (those with result, when set).
func (in *instance) count(t *testing.T, name, result string) float64 {
	t.Helper()
	mfs, err := in.reg.Gather()
	require.NoError(t, err)
	var n float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if result == "" || (l.GetName() == "result" && l.GetValue() == result) {
					n += m.GetCounter().GetValue()
					break
				}
			}
		}
	}
	return n
}

// site is a database with a film in it, and the loads of it.
type site struct {
	pool  *pgxpool.Pool
	loads int
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{pool: pgtest.New(t)}
	_, err := s.pool.Exec(context.Background(), `CREATE TABLE films (title text); INSERT INTO films VALUES ('Metropolis')`)
	require.NoError(t, err)
	return s
}

// title reads the film through in's cache.
func (s *site) title(t *testing.T, in *instance) string {
	t.Helper()
	v, err := cache.Get(context.Background(), in.c, films, "title", func(ctx context.Context) (string, error) {
		s.loads++
		var title string
		return title, s.pool.QueryRow(ctx, `SELECT title FROM films`).Scan(&title)
	})
	require.NoError(t, err)
	return v
}

// rename changes the film through from's cache, as staff do: the change
// and the invalidation commit together.
func (s *site) rename(t *testing.T, from *instance, title string) {
	t.Helper()
	require.NoError(t, pg.InTx(context.Background(), s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE films SET title = $1`, title); err != nil {
			return err
		}
		return from.c.Invalidate(ctx, tx, films)
	}))
}

func TestAChangeOnOneInstanceDropsTheEntryOnTheOtherThroughRedis(t *testing.T) {
	t.Parallel()
	s, redis := newSite(t), redistest.New(t)
	one, two := newInstance(t, s.pool, redis), newInstance(t, s.pool, redis)
	// Each instance announces its start; once the first has heard its own
	// announcement and the second's, both are on one shared generation.
	require.Eventually(t, func() bool { return one.count(t, "marquee_cache_invalidations_total", "") >= 3 },
		10*time.Second, 5*time.Millisecond, "the first instance hears the second start")

	require.Equal(t, "Metropolis", s.title(t, one))
	require.Equal(t, "Metropolis", s.title(t, two))
	require.Equal(t, 1, s.loads, "the second instance read the first one's entry from Redis")
	require.Equal(t, float64(1), two.count(t, "marquee_cache_lookups_total", "redis_hit"))
	require.Equal(t, "Metropolis", s.title(t, two))
	require.Equal(t, float64(1), two.count(t, "marquee_cache_lookups_total", "memory_hit"), "then from its own memory")

	s.rename(t, one, "Nosferatu")
	require.Equal(t, "Nosferatu", s.title(t, one), "the instance that made the change reads it at once")
	require.Eventually(t, func() bool { return s.title(t, two) == "Nosferatu" }, 10*time.Second, 5*time.Millisecond,
		"the other instance hears of the change and drops its entry")
	loads := s.loads
	require.Equal(t, "Nosferatu", s.title(t, two))
	require.Equal(t, "Nosferatu", s.title(t, one))
	require.Equal(t, loads, s.loads, "both instances agree on the new entry")
}

func TestAChangeOnOneInstanceDropsTheEntryOnTheOtherWithoutRedis(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	one, two := newInstance(t, s.pool, nil), newInstance(t, s.pool, nil)

	require.Equal(t, "Metropolis", s.title(t, one))
	require.Equal(t, "Metropolis", s.title(t, two))
	require.Equal(t, 2, s.loads, "without Redis each instance reads the database once")

	s.rename(t, one, "Nosferatu")
	require.Equal(t, "Nosferatu", s.title(t, one))
	require.Eventually(t, func() bool { return s.title(t, two) == "Nosferatu" }, 10*time.Second, 5*time.Millisecond,
		"the notification reaches the other instance")
}
