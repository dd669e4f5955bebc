package cache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maypok86/otter/v2"
	"github.com/redis/go-redis/v9"
)

// Get returns the value cached under key in scope, or load's result, which
// it then keeps (in process, and in Redis as JSON, so T's fields must be
// exported). Concurrent misses of one key share a single load. Errors are
// load's own and are not cached; a Redis that fails counts as a miss.
// Callers must not modify what Get returns: later callers get the same
// value. With a nil Cache, or a scope it was not told of, Get just loads.
func Get[T any](ctx context.Context, c *Cache, scope Scope, key string, load func(context.Context) (T, error)) (T, error) {
	if c == nil {
		return load(ctx)
	}
	localKey, sharedKey, useRedis, ok := c.keys(scope, key)
	if !ok {
		return load(ctx)
	}
	result := "memory_hit"
	v, err := c.local.Get(ctx, localKey, otter.LoaderFunc[string, any](func(ctx context.Context, _ string) (any, error) {
		if useRedis {
			if v, ok := getShared[T](ctx, c, sharedKey); ok {
				result = "redis_hit"
				return v, nil
			}
		}
		result = "miss"
		v, err := load(ctx)
		if err != nil {
			return nil, err
		}
		if useRedis {
			c.setShared(ctx, sharedKey, v)
		}
		return v, nil
	}))
	c.lookups.WithLabelValues(string(scope), result).Inc()
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// getShared reads key from Redis; ok is false on a miss or any error.
func getShared[T any](ctx context.Context, c *Cache, key string) (v T, ok bool) {
	b, err := c.o.Redis.Get(ctx, key).Bytes()
	if err != nil {
		if !errors.Is(err, redis.Nil) {
			c.o.Log.Warn("cache: Redis read failed", "err", err)
		}
		return v, false
	}
	if err := json.Unmarshal(b, &v); err != nil {
		c.o.Log.Warn("cache: undecodable entry in Redis", "key", key, "err", err)
		return v, false
	}
	return v, true
}

// setShared stores v in Redis for the TTL; a failure only costs a later
// miss.
func (c *Cache) setShared(ctx context.Context, key string, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		err = c.o.Redis.Set(ctx, key, b, c.o.TTL).Err()
	}
	if err != nil {
		c.o.Log.Warn("cache: Redis write failed", "key", key, "err", fmt.Errorf("store: %w", err))
	}
}
