package waitroom

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/marqueehq/marquee/internal/waitroom/waitroomdb"
)

// roomsTTL bounds how long the snapshot of which shows have rooms serves
// the gate: a room made on another instance is in force within it. A room
// made or removed on this instance is in force at once (forget).
const roomsTTL = time.Second

// scope is a room as the gate needs it.
type scope struct {
	id       int64
	onSaleAt time.Time
	rate     int
	nextSlot time.Time
}

// open reports whether a buyer arriving at now would be admitted at once:
// on sale, and nobody queued ahead (as of the snapshot).
func (r scope) open(now time.Time) bool { return !now.Before(r.onSaleAt) && !now.Before(r.nextSlot) }

// slot is the time between two admissions.
func (r scope) slot() time.Duration { return time.Minute / time.Duration(max(r.rate, 1)) }

// roomSnapshot is every room, by show and by movie.
type roomSnapshot struct {
	at      time.Time
	byShow  map[int64]scope
	byMovie map[int64]scope
	byID    map[int64]scope
}

// roomCache keeps the snapshot. Holds are the hot path and most shows have
// no room, so the question "is there a room?" is answered from memory; one
// caller at a time refreshes it while the others use the previous one.
type roomCache struct {
	snap    atomic.Pointer[roomSnapshot]
	refresh sync.Mutex
	load    func(context.Context) (*roomSnapshot, error)
}

func newRoomCache(load func(context.Context) (*roomSnapshot, error)) *roomCache {
	return &roomCache{load: load}
}

// get returns a snapshot no older than roomsTTL, or the previous one while
// another caller reads the next.
func (c *roomCache) get(ctx context.Context) (*roomSnapshot, error) {
	s := c.snap.Load()
	if s != nil && time.Since(s.at) < roomsTTL {
		return s, nil
	}
	if s != nil && !c.refresh.TryLock() {
		return s, nil
	}
	if s == nil {
		c.refresh.Lock()
	}
	defer c.refresh.Unlock()
	if cur := c.snap.Load(); cur != nil && cur != s && time.Since(cur.at) < roomsTTL {
		return cur, nil // refreshed while this caller waited for the lock
	}
	fresh, err := c.load(ctx)
	if err != nil {
		if s != nil {
			return s, nil // the database hiccuped: the last snapshot is a second old
		}
		return nil, err
	}
	c.snap.Store(fresh)
	return fresh, nil
}

// forget drops the snapshot, so this instance sees a change at once.
func (c *roomCache) forget() { c.snap.Store(nil) }

// loadScopes reads every room (there are a handful, each an on-sale).
func (s *Service) loadScopes(ctx context.Context) (*roomSnapshot, error) {
	rows, err := s.q.RoomScopes(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("read waiting rooms: %w", err)
	}
	snap := &roomSnapshot{at: time.Now(), byShow: map[int64]scope{}, byMovie: map[int64]scope{}, byID: map[int64]scope{}}
	for _, r := range rows {
		sc := scopeFrom(r)
		snap.byID[r.ID] = sc
		if r.ShowID != nil {
			snap.byShow[*r.ShowID] = sc
		}
		if r.MovieID != nil {
			snap.byMovie[*r.MovieID] = sc
		}
	}
	return snap, nil
}

func scopeFrom(r waitroomdb.RoomScopesRow) scope {
	return scope{id: r.ID, onSaleAt: r.OnSaleAt, rate: int(r.RatePerMinute), nextSlot: r.NextSlot}
}

// roomFor finds the room in front of a show: its own, else its movie's.
func (s *Service) roomFor(ctx context.Context, showID, movieID int64) (scope, bool, error) {
	snap, err := s.rooms.get(ctx)
	if err != nil {
		return scope{}, false, err
	}
	if r, ok := snap.byShow[showID]; ok {
		return r, true, nil
	}
	r, ok := snap.byMovie[movieID]
	return r, ok, nil
}

// roomByID finds a room in the snapshot. Errors: ErrNotFound.
func (s *Service) roomByID(ctx context.Context, id int64) (scope, error) {
	snap, err := s.rooms.get(ctx)
	if err != nil {
		return scope{}, err
	}
	r, ok := snap.byID[id]
	if !ok {
		// Made on another instance within the last second, perhaps.
		s.rooms.forget()
		if snap, err = s.rooms.get(ctx); err != nil {
			return scope{}, err
		}
		if r, ok = snap.byID[id]; !ok {
			return scope{}, fmt.Errorf("waiting room %d: %w", id, ErrNotFound)
		}
	}
	return r, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
