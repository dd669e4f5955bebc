package waitroom

import (
	"sync"
	"time"
)

// passSweep is the number of passes kept above which granting one first
// drops those that ran out.
const passSweep = 50_000

// passCache remembers, on this instance, the admitted buyers whose pass
// still runs, so their holds ask the database nothing. Another instance
// learns it with one indexed read.
type passCache struct {
	mu     sync.Mutex
	passes map[passKey]time.Time
}

type passKey struct{ room, user int64 }

func newPassCache() *passCache { return &passCache{passes: map[passKey]time.Time{}} }

// valid reports whether user's pass for room runs at now.
func (c *passCache) valid(room, user int64, now time.Time) bool {
	c.mu.Lock()
	until, ok := c.passes[passKey{room, user}]
	c.mu.Unlock()
	return ok && now.Before(until)
}

// grant records that user's pass for room runs until until.
func (c *passCache) grant(room, user int64, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.passes) >= passSweep {
		now := time.Now()
		for k, u := range c.passes {
			if !now.Before(u) {
				delete(c.passes, k)
			}
		}
		if len(c.passes) >= passSweep/2 {
			clear(c.passes) // all still running: let them ask the database once
		}
	}
	c.passes[passKey{room, user}] = until
}

// forgetRoom drops the passes of a room staff removed or changed.
func (c *passCache) forgetRoom(room int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.passes {
		if k.room == room {
			delete(c.passes, k)
		}
	}
}
