package ratelimit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/ratelimit"
)

func TestAKeyGetsItsShareAMinuteAndThenWaits(t *testing.T) {
	t.Parallel()
	now := time.Date(2031, 3, 14, 12, 0, 0, 0, time.UTC)
	l := ratelimit.New(3, func() time.Time { return now })
	for range 3 {
		ok, _ := l.Allow("user:1")
		require.True(t, ok)
	}
	ok, wait := l.Allow("user:1")
	require.False(t, ok)
	require.Equal(t, 20*time.Second, wait, "one action comes back every 20 s at 3 a minute")
	ok, _ = l.Allow("user:2")
	require.True(t, ok, "another key has its own share")

	now = now.Add(20 * time.Second)
	ok, _ = l.Allow("user:1")
	require.True(t, ok)
	ok, _ = l.Allow("user:1")
	require.False(t, ok)
}

func TestALimitOfZeroAllowsEverything(t *testing.T) {
	t.Parallel()
	for _, l := range []*ratelimit.Limiter{nil, ratelimit.New(0, nil)} {
		for range 100 {
			ok, _ := l.Allow("ip:1")
			require.True(t, ok)
		}
	}
}
