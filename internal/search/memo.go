package search

import "sync"

// textEntries bounds the text cache.
const textEntries = 8192

// memo caches answers that depend only on the indexed text (which movies
// match a query, did-you-mean, suggested titles, people and theaters), not
// on time or shows. An answer is kept until the live index's generation
// moves on (any change to movies, people or theaters, or a reload), so it
// is never staler than the in-memory index itself. Popular queries then
// cost PostgreSQL nothing; the in-memory part of a search is cheap.
// Concurrent askers of the same missing answer share one computation. A
// memo of max 0 keeps nothing (searches read a replica that may lag the
// change that moved the generation on).
type memo struct {
	live     *live
	mu       sync.Mutex
	gen      uint64
	max      int
	entries  map[string]any
	inFlight map[string]*memoCall
}

// memoCall is a computation others may wait for.
type memoCall struct {
	done chan struct{}
	v    any
	err  error
}

func newMemo(l *live, max int) *memo {
	return &memo{live: l, max: max, entries: map[string]any{}, inFlight: map[string]*memoCall{}}
}

// remember returns the answer cached under key, or computes, caches and
// returns it. An answer computed while the generation moved on is returned
// but not kept.
func remember[T any](m *memo, key string, compute func() (T, error)) (T, error) {
	if m.max == 0 {
		return compute()
	}
	gen := m.live.generation()
	m.mu.Lock()
	if m.gen != gen {
		m.gen = gen
		clear(m.entries)
	}
	if v, ok := m.entries[key]; ok {
		m.mu.Unlock()
		return v.(T), nil
	}
	if c, ok := m.inFlight[key]; ok {
		m.mu.Unlock()
		<-c.done
		if c.err != nil {
			// Its error may be its own (a cancelled request): try ours.
			return compute()
		}
		return c.v.(T), nil
	}
	c := &memoCall{done: make(chan struct{})}
	m.inFlight[key] = c
	m.mu.Unlock()

	v, err := compute()
	c.v, c.err = v, err
	m.mu.Lock()
	delete(m.inFlight, key)
	if err == nil && m.gen == gen && m.live.generation() == gen {
		if len(m.entries) >= m.max {
			clear(m.entries)
		}
		m.entries[key] = v
	}
	m.mu.Unlock()
	close(c.done)
	return v, err
}
