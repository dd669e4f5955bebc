package booking

import (
	"context"
	"sync"
	"time"
)

// coalescer runs per-show work at most once per interval: the first call
// in a quiet spell runs at once, in the caller; calls inside the interval
// are merged into one run when it ends, so the last change is always
// covered. A hot show's rush then costs a few runs a second, not one per
// buyer.
type coalescer struct {
	every   time.Duration
	mu      sync.Mutex
	last    map[int64]time.Time
	pending map[int64]bool
}

func newCoalescer(every time.Duration) *coalescer {
	return &coalescer{every: every, last: map[int64]time.Time{}, pending: map[int64]bool{}}
}

// run calls fn for showID now, later (with a background context) or not at
// all when a later run is already due.
func (c *coalescer) run(ctx context.Context, showID int64, fn func(context.Context)) {
	c.mu.Lock()
	if c.pending[showID] {
		c.mu.Unlock()
		return
	}
	if wait := c.every - time.Since(c.last[showID]); wait > 0 {
		c.pending[showID] = true
		c.mu.Unlock()
		time.AfterFunc(wait, func() {
			c.mu.Lock()
			delete(c.pending, showID)
			c.last[showID] = time.Now()
			c.mu.Unlock()
			fn(context.Background())
		})
		return
	}
	c.last[showID] = time.Now()
	c.mu.Unlock()
	fn(ctx)
}
