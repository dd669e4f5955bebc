package waitroom

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/marqueehq/marquee/internal/waitroom/waitroomdb"
)

// queueTTL bounds how old the list of a room's waiting buyers may be when
// it gives somebody their position. Every waiting page asks every second
// or so; they share one read per room and instance.
const queueTTL = time.Second

// queueSnapshot is the admission times of a room's waiting buyers, in order.
type queueSnapshot struct {
	at    time.Time
	times []time.Time
}

// position counts the buyers admitted at or before admitAt and after now,
// from the snapshot and, for buyers who joined after it was read, from the
// room's pace (slots of one admission each, which is what joining hands
// out). 0 once admitAt has come.
func (q *queueSnapshot) position(now, admitAt time.Time, slot time.Duration) int {
	if !admitAt.After(now) {
		return 0
	}
	first := sort.Search(len(q.times), func(i int) bool { return q.times[i].After(now) })
	upto := sort.Search(len(q.times), func(i int) bool { return q.times[i].After(admitAt) })
	n := max(upto-first, 0)
	from := now
	if len(q.times) > 0 && q.times[len(q.times)-1].After(from) {
		from = q.times[len(q.times)-1]
	}
	if admitAt.After(from) {
		n += int((admitAt.Sub(from) + slot - 1) / slot)
	}
	return max(n, 1)
}

// queueCache keeps one snapshot per room.
type queueCache struct {
	mu    sync.Mutex
	rooms map[int64]*queueEntry
	load  func(ctx context.Context, roomID int64) (*queueSnapshot, error)
}

type queueEntry struct {
	refresh sync.Mutex
	snap    *queueSnapshot
}

func newQueueCache(load func(context.Context, int64) (*queueSnapshot, error)) *queueCache {
	return &queueCache{rooms: map[int64]*queueEntry{}, load: load}
}

// get returns room's snapshot, read again when older than queueTTL; while
// one caller reads, the others use the previous snapshot.
func (c *queueCache) get(ctx context.Context, roomID int64) (*queueSnapshot, error) {
	c.mu.Lock()
	e := c.rooms[roomID]
	if e == nil {
		e = &queueEntry{}
		c.rooms[roomID] = e
	}
	snap := e.snap
	c.mu.Unlock()
	if snap != nil && time.Since(snap.at) < queueTTL {
		return snap, nil
	}
	if snap != nil && !e.refresh.TryLock() {
		return snap, nil
	}
	if snap == nil {
		e.refresh.Lock()
	}
	defer e.refresh.Unlock()
	c.mu.Lock()
	cur := e.snap
	c.mu.Unlock()
	if cur != nil && cur != snap && time.Since(cur.at) < queueTTL {
		return cur, nil
	}
	fresh, err := c.load(ctx, roomID)
	if err != nil {
		if snap != nil {
			return snap, nil
		}
		return nil, err
	}
	c.mu.Lock()
	e.snap = fresh
	c.mu.Unlock()
	return fresh, nil
}

// forget drops a removed room's snapshot.
func (c *queueCache) forget(roomID int64) {
	c.mu.Lock()
	delete(c.rooms, roomID)
	c.mu.Unlock()
}

// loadWaiting reads the admission times of room's waiting buyers.
func (s *Service) loadWaiting(ctx context.Context, roomID int64) (*queueSnapshot, error) {
	times, err := s.q.EntryWaiting(ctx, s.pool, waitroomdb.EntryWaitingParams{RoomID: roomID, Now: s.opts.Now()})
	if err != nil {
		return nil, fmt.Errorf("read the queue of waiting room %d: %w", roomID, err)
	}
	return &queueSnapshot{at: time.Now(), times: times}, nil
}
