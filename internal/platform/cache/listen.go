package cache

import (
	"context"
	"crypto/rand"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Run listens for invalidations from every instance until ctx ends, and
// drops the scopes each names once its change has committed. Each time it
// (re)connects it drops every scope, as changes made while it was not
// listening went unheard; with Redis that is also when the scopes start
// to use it. It announces that drop like a change, so the instances
// already running move to the same new shared generation and keep sharing
// entries in Redis (otherwise a newcomer's generation would stay apart
// from theirs until the next change). Run returns nil once ctx ends.
func (c *Cache) Run(ctx context.Context) error {
	if c == nil {
		return nil
	}
	pg.Listen(ctx, c.o.Log, "cache invalidation", c.o.Pool, Channel, pg.Listener{
		Ready: func(ctx context.Context) error {
			token := rand.Text()
			c.bump(ctx, token+"/commit", c.o.Scopes)
			names := make([]string, len(c.o.Scopes))
			for i, s := range c.o.Scopes {
				names[i] = string(s)
			}
			if _, err := c.o.Pool.Exec(ctx, "SELECT pg_notify($1, $2)", Channel, token+" "+strings.Join(names, ",")); err != nil {
				c.o.Log.Warn("cache: other instances not told of this one's drop", "err", err)
			}
			return nil
		},
		Notified: func(ctx context.Context, payload string) error {
			token, names, _ := strings.Cut(payload, " ")
			var scopes []Scope
			for _, n := range strings.Split(names, ",") {
				scopes = append(scopes, Scope(n))
			}
			if c.o.CaughtUp != nil {
				if err := c.o.CaughtUp(ctx); err != nil {
					c.o.Log.Warn("cache: the read replica has not caught up; dropping anyway", "err", err)
				}
			}
			c.bump(ctx, token+"/commit", scopes)
			return nil
		},
	})
	return nil
}
