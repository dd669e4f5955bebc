package search

import (
	"sync"
	"time"
)

// cache keeps answers for a short time, so the same search asked again
// within ttl (a popular title, a shared link, paging back) skips the
// database. Entries expire; they are never invalidated, so ttl bounds how
// stale an answer can be on top of indexing's own delay.
type cache[T any] struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]cached[T]
}

type cached[T any] struct {
	v       T
	expires time.Time
}

func newCache[T any](ttl time.Duration, max int) *cache[T] {
	return &cache[T]{ttl: ttl, max: max, entries: map[string]cached[T]{}}
}

// get returns the value for key if it has not expired at now.
func (c *cache[T]) get(key string, now time.Time) (T, bool) {
	var zero T
	if c.ttl <= 0 {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.After(e.expires) {
		return zero, false
	}
	return e.v, true
}

// put stores v for key. A full cache first drops expired entries, and
// starts over when all are fresh.
func (c *cache[T]) put(key string, v T, now time.Time) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		for k, e := range c.entries {
			if now.After(e.expires) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= c.max {
			clear(c.entries)
		}
	}
	c.entries[key] = cached[T]{v: v, expires: now.Add(c.ttl)}
}
