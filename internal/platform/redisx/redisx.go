// Package redisx connects to the Redis that Marquee's instances share, and
// names its keys: every key and channel an instance uses starts with the
// connection's prefix, so one Redis can serve several sites (or tests) side
// by side. Without REDIS_URL there is no Conn and callers keep their state
// in process.
package redisx

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Conn is a Redis client and the prefix of every key it names.
type Conn struct {
	*redis.Client
	// Prefix starts every key and channel, e.g. "marquee:".
	Prefix string
}

// Key is the full name of a key made of parts joined by ':'.
func (c *Conn) Key(parts ...string) string {
	k := c.Prefix
	for i, p := range parts {
		if i > 0 {
			k += ":"
		}
		k += p
	}
	return k
}

// Connect opens url (redis://[user:password@]host:port/db) with short
// timeouts, so a slow or lost Redis delays a request by milliseconds, not
// seconds, and checks that it answers.
func Connect(ctx context.Context, url, prefix string) (*Conn, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	opt.DialTimeout = 2 * time.Second
	opt.ReadTimeout = 500 * time.Millisecond
	opt.WriteTimeout = 500 * time.Millisecond
	c := &Conn{Client: redis.NewClient(opt), Prefix: prefix}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(pingCtx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("redis at %s does not answer: %w", opt.Addr, err)
	}
	return c, nil
}
