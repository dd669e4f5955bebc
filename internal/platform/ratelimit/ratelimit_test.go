package ratelimit_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/ratelimit"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
)

// stores are the two places counts live: this process, and Redis.
func stores(t *testing.T) map[string]*ratelimit.Store {
	return map[string]*ratelimit.Store{"memory": ratelimit.NewStore(nil), "redis": ratelimit.NewStore(redistest.New(t))}
}

func TestAKeySpendsItsMinuteAtOnceThenWaitsForTheNextAction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, s := range stores(t) {
		c := s.Counter("holds", 3)
		for i := range 3 {
			r, err := c.Allow(ctx, "user:1")
			require.NoError(t, err, name)
			require.True(t, r.Allowed, "%s: action %d of 3", name, i+1)
			require.Equal(t, 3, r.Limit, name)
			require.Equal(t, 2-i, r.Remaining, name)
		}
		r, err := c.Allow(ctx, "user:1")
		require.NoError(t, err, name)
		require.False(t, r.Allowed, name)
		require.Zero(t, r.Remaining, name)
		// One action comes back every 20 s at 3 a minute; the test's own
		// time has passed since the first, so allow for it.
		require.InDelta(t, 20*time.Second, r.RetryAfter, float64(2*time.Second), name)
		require.InDelta(t, time.Minute, r.Reset, float64(2*time.Second), name)

		r, err = c.Allow(ctx, "user:2")
		require.NoError(t, err, name)
		require.True(t, r.Allowed, "%s: another key has its own budget", name)
		r, err = s.Counter("searches", 3).Allow(ctx, "user:1")
		require.NoError(t, err, name)
		require.True(t, r.Allowed, "%s: another budget has its own counts", name)
	}
}

func TestALimitOfZeroAllowsEverything(t *testing.T) {
	t.Parallel()
	for name, s := range stores(t) {
		c := s.Counter("off", 0)
		require.Nil(t, c, name)
		for range 100 {
			r, err := c.Allow(context.Background(), "ip:1")
			require.NoError(t, err)
			require.True(t, r.Allowed, name)
		}
	}
}

func TestInstancesOnOneRedisShareABudget(t *testing.T) {
	t.Parallel()
	conn := redistest.New(t)
	one, two := ratelimit.NewStore(conn).Counter("signin", 2), ratelimit.NewStore(conn).Counter("signin", 2)
	ctx := context.Background()
	for _, c := range []*ratelimit.Counter{one, two} {
		r, err := c.Allow(ctx, "ip:203.0.113.7")
		require.NoError(t, err)
		require.True(t, r.Allowed)
	}
	r, err := one.Allow(ctx, "ip:203.0.113.7")
	require.NoError(t, err)
	require.False(t, r.Allowed, "the other instance spent the second action")
}

// A burst from one key on many goroutines spends exactly the budget: no
// more gets through, and no check fails for contention.
func TestABurstOnOneKeyGetsExactlyItsBudget(t *testing.T) {
	t.Parallel()
	for name, s := range stores(t) {
		c := s.Counter("burst", 25)
		var allowed atomic.Int32
		var wg sync.WaitGroup
		for range 100 {
			wg.Go(func() {
				r, err := c.Allow(context.Background(), "ip:198.51.100.1")
				if err == nil && r.Allowed {
					allowed.Add(1)
				}
				require.NoError(t, err)
			})
		}
		wg.Wait()
		require.EqualValues(t, 25, allowed.Load(), name)
	}
}
