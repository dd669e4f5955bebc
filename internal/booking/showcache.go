package booking

import (
	"context"
	"sync"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
)

// showCacheTTL is how long a show read from the catalogue serves holds and
// seat maps without being read again. The catalogue's changes reach
// CatalogChanged on this instance at once; the TTL bounds what another
// instance's change (or one racing its own commit) can leave stale. A
// cancelled show is refused at payment regardless (Confirm reads it fresh).
const showCacheTTL = time.Second

// showCacheSweep is the number of shows kept above which a miss first
// drops the entries that have run out.
const showCacheSweep = 1024

// showCacheOpenMax bounds the shows remembered as open; past it the
// memory starts afresh (each show's seats are then counted once more).
const showCacheOpenMax = 1 << 16

// showCache keeps the shows being sold right now, so a rush on one show
// reads it from the catalogue a few times a second rather than for every
// hold. Concurrent misses on one show share a single read. It also
// remembers which shows' seat rows exist, so openShow need not count them;
// that outlives forget (seat rows are never deleted), since a hot show's
// own seat count changing the catalogue clears its entry several times a
// second.
type showCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by forget: loads started before it are not kept
	entries map[int64]*showEntry
	open    map[int64]bool // shows whose seat rows exist
}

type showEntry struct {
	ready  chan struct{} // closed when the read is done
	detail catalog.ShowDetail
	err    error
	at     time.Time
}

func newShowCache() *showCache {
	return &showCache{entries: map[int64]*showEntry{}, open: map[int64]bool{}}
}

// get returns show id from the cache or from load. A failed read is handed
// to the callers waiting for it and not kept.
func (c *showCache) get(ctx context.Context, id int64, load func(context.Context) (catalog.ShowDetail, error)) (catalog.ShowDetail, error) {
	c.mu.Lock()
	old := c.entries[id]
	e := old
	if e != nil {
		select {
		case <-e.ready:
			if e.err == nil && time.Since(e.at) < showCacheTTL {
				c.mu.Unlock()
				return e.detail, nil
			}
			e = nil // expired or failed: read again
		default: // being read: wait for it below
		}
	}
	if e != nil {
		c.mu.Unlock()
		select {
		case <-e.ready:
			return e.detail, e.err
		case <-ctx.Done():
			return catalog.ShowDetail{}, ctx.Err()
		}
	}
	if len(c.entries) >= showCacheSweep {
		c.sweep()
	}
	e = &showEntry{ready: make(chan struct{})}
	c.entries[id] = e
	gen := c.gen
	c.mu.Unlock()

	e.detail, e.err = load(ctx)
	e.at = time.Now()
	c.mu.Lock()
	if c.entries[id] == e && (e.err != nil || c.gen != gen) {
		delete(c.entries, id)
	}
	c.mu.Unlock()
	close(e.ready)
	return e.detail, e.err
}

// forget drops the given shows, or every show when ids is empty.
func (c *showCache) forget(ids []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if len(ids) == 0 {
		clear(c.entries)
		return
	}
	for _, id := range ids {
		delete(c.entries, id)
	}
}

// sweep drops the entries that have run out (c.mu held).
func (c *showCache) sweep() {
	for id, e := range c.entries {
		select {
		case <-e.ready:
			if time.Since(e.at) >= showCacheTTL {
				delete(c.entries, id)
			}
		default:
		}
	}
}

// isOpen reports whether the show's seat rows are known to exist.
func (c *showCache) isOpen(id int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.open[id]
}

// markOpen records that the show's seat rows exist.
func (c *showCache) markOpen(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.open) >= showCacheOpenMax {
		clear(c.open)
	}
	c.open[id] = true
}
