package redisx_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/redisx"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
)

func TestKeysOfTwoPrefixesNeverMeet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := redistest.New(t), redistest.New(t)
	require.NoError(t, a.Set(ctx, a.Key("city", "london"), "A", 0).Err())
	require.NoError(t, b.Set(ctx, b.Key("city", "london"), "B", 0).Err())
	got, err := a.Get(ctx, a.Key("city", "london")).Result()
	require.NoError(t, err)
	require.Equal(t, "A", got, "one site's key is not another's")
	require.NotEqual(t, a.Key("x"), b.Key("x"))
}

func TestAnUnreachableRedisIsAClearError(t *testing.T) {
	t.Parallel()
	_, err := redisx.Connect(context.Background(), "redis://127.0.0.1:1/0", "x:")
	require.ErrorContains(t, err, "does not answer")
	_, err = redisx.Connect(context.Background(), "http://nope", "x:")
	require.ErrorContains(t, err, "REDIS_URL")
}
