package app

import (
	"fmt"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/cache"
)

// buildCache makes the cache of the catalogue's public reads (none when
// CACHE_SIZE is 0), shared through Redis when there is one, and has every
// catalogue change drop it on every instance.
func (a *App) buildCache() error {
	d := a.deps
	c, err := cache.New(cache.Options{TTL: d.Config.CacheTTL, Size: d.Config.CacheSize, Scopes: catalog.CacheScopes,
		Pool: d.Pool, Redis: d.Redis, Registerer: a.Metrics.Registerer(), Log: d.Log, CaughtUp: caughtUp(d.Pool, d.ReadPool)})
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	a.Cache = c
	if c != nil {
		a.Catalog.AddListener(catalog.CacheListener{Cache: c})
	}
	return nil
}
