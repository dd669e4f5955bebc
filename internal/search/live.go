package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// Searching reads PostgreSQL only to match text. Everything else a search
// needs (filters, facet counts, show times, ranking, suggestions' next
// shows) comes from an in-memory copy of the index: the cities, the movies'
// facts and the upcoming shows. Run loads it and keeps it current: every
// write to the index sends a notification on notifyChannel in its own
// transaction, so each server applies the change within milliseconds of
// the commit, and reloads everything after a reindex or a lost connection.
const notifyChannel = "search_index"

// ErrNotLoaded: the in-memory index is not loaded (Run is not running, or
// cannot reach the database): searching answers 503 with Retry-After.
var ErrNotLoaded = errors.New("search is starting up; please try again in a few seconds")

// loadWait is how long a search waits for the first load once Run has
// started; startWait is how long it waits for Run to start at all. A
// server whose Run never starts (a process that serves pages without the
// in-process loops) answers ErrNotLoaded after startWait instead of
// holding every search for loadWait.
const (
	loadWait  = 30 * time.Second
	startWait = 2 * time.Second
)

// changeNote is a notification's payload: what to read again.
type changeNote struct {
	All      bool    `json:"all,omitempty"`
	Movies   []int64 `json:"m,omitempty"`
	Shows    []int64 `json:"s,omitempty"`
	Theaters []int64 `json:"t,omitempty"`
}

// maxNoteIDs keeps a payload well under PostgreSQL's 8000-byte limit.
const maxNoteIDs = 400

// live holds the in-memory index.
type live struct {
	mu    sync.RWMutex
	facts *facts
	// gen counts changes to movies, people and theaters: text answers
	// cached under an older generation are stale.
	gen   uint64
	ready chan struct{} // closed after the first load
	once  sync.Once
	// running is closed when Run starts.
	running     chan struct{}
	runningOnce sync.Once
}

func newLive() *live { return &live{ready: make(chan struct{}), running: make(chan struct{})} }

// read waits for the first load and returns the facts with the read lock
// held; the caller must call done. Errors: ErrNotLoaded, ctx's error.
func (s *Service) read(ctx context.Context) (f *facts, done func(), err error) {
	l := s.live
	select {
	case <-l.ready:
	default:
		if err := l.wait(ctx); err != nil {
			return nil, nil, err
		}
	}
	l.mu.RLock()
	return l.facts, l.mu.RUnlock, nil
}

// wait waits for the first load: up to startWait for Run to start, then up
// to loadWait for it to load. Errors: ErrNotLoaded, ctx's error.
func (l *live) wait(ctx context.Context) error {
	start := time.NewTimer(startWait)
	defer start.Stop()
	select {
	case <-l.ready:
		return nil
	case <-l.running:
	case <-start.C:
		return fmt.Errorf("search index not running: %w", ErrNotLoaded)
	case <-ctx.Done():
		return fmt.Errorf("wait for the search index: %w", ctx.Err())
	}
	load := time.NewTimer(loadWait)
	defer load.Stop()
	select {
	case <-l.ready:
		return nil
	case <-load.C:
		return fmt.Errorf("search index not loaded: %w", ErrNotLoaded)
	case <-ctx.Done():
		return fmt.Errorf("wait for the search index: %w", ctx.Err())
	}
}

// generation returns the current text generation.
func (l *live) generation() uint64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.gen
}

// Run loads the in-memory index and keeps it current until ctx ends
// (searches wait for the first load). It listens on a connection of its
// own, outside the pool, and reconnects (reloading everything) when that
// connection fails. It returns nil when ctx ends.
func (s *Service) Run(ctx context.Context) error {
	s.live.runningOnce.Do(func() { close(s.live.running) })
	// Everything is loaded after LISTEN, so no change falls in between.
	pg.Listen(ctx, s.log, "search index", s.pool, notifyChannel, pg.Listener{
		Ready: s.loadAll,
		Notified: func(ctx context.Context, payload string) error {
			var note changeNote
			if err := json.Unmarshal([]byte(payload), &note); err != nil {
				s.log.Warn("search index: bad notification", "payload", payload, "err", err)
				return nil
			}
			return s.apply(ctx, note)
		},
	})
	return nil
}

// loadAll reads the whole index into a new picture and swaps it in.
func (s *Service) loadAll(ctx context.Context) error {
	f := newFacts()
	cities, err := s.Cities(ctx)
	if err != nil {
		return err
	}
	for _, c := range cities {
		f.cities[c.Slug] = c
	}
	movies, err := s.q.MovieFactsAll(ctx, s.pool)
	if err != nil {
		return fmt.Errorf("load movies: %w", err)
	}
	for _, m := range movies {
		f.movies[m.SearchMovieFact.MovieID] = newMovieFacts(m.SearchMovieFact)
	}
	shows, err := s.q.ShowFactsUpcoming(ctx, s.pool, s.now().Add(-time.Minute))
	if err != nil {
		return fmt.Errorf("load shows: %w", err)
	}
	for _, r := range shows {
		f.add(newShowFacts(r.SearchShow, f.dict))
	}
	for _, lists := range f.byCity {
		for _, list := range lists {
			slices.SortFunc(list, byStart)
		}
	}
	s.live.mu.Lock()
	s.live.facts = f
	s.live.gen++
	s.live.mu.Unlock()
	s.live.once.Do(func() { close(s.live.ready) })
	return nil
}

// apply reads again what a notification names.
func (s *Service) apply(ctx context.Context, n changeNote) error {
	if n.All {
		return s.loadAll(ctx)
	}
	var movies []*movieFacts
	if len(n.Movies) > 0 {
		rows, err := s.q.MovieFactsByIDs(ctx, s.pool, n.Movies)
		if err != nil {
			return fmt.Errorf("read changed movies: %w", err)
		}
		for _, r := range rows {
			movies = append(movies, newMovieFacts(r.SearchMovieFact))
		}
	}
	var shows []searchdb.SearchShow
	if len(n.Shows) > 0 {
		rows, err := s.q.ShowFactsByIDs(ctx, s.pool, n.Shows)
		if err != nil {
			return fmt.Errorf("read changed shows: %w", err)
		}
		for _, r := range rows {
			shows = append(shows, r.SearchShow)
		}
	}
	var cities []City
	if len(n.Theaters) > 0 {
		rows, err := s.q.ShowFactsOfTheaters(ctx, s.pool, n.Theaters)
		if err != nil {
			return fmt.Errorf("read shows of changed theaters: %w", err)
		}
		for _, r := range rows {
			shows = append(shows, r.SearchShow)
		}
		if cities, err = s.Cities(ctx); err != nil {
			return err
		}
	}
	l := s.live
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.facts
	if f == nil {
		return nil
	}
	if len(n.Movies) > 0 || len(n.Theaters) > 0 {
		l.gen++
	}
	for _, id := range n.Movies {
		delete(f.movies, id)
	}
	for _, m := range movies {
		f.movies[m.ID] = m
	}
	for _, id := range n.Shows {
		f.dropShow(id)
	}
	if len(n.Theaters) > 0 {
		for id, sh := range f.shows {
			if slices.Contains(n.Theaters, sh.TheaterID) {
				f.dropShow(id)
			}
		}
		for _, c := range cities {
			f.cities[c.Slug] = c
		}
	}
	for _, sh := range shows {
		f.putShow(newShowFacts(sh, f.dict))
	}
	return nil
}

// notify queues notes for every server's in-memory index; they are
// delivered when tx commits.
func (s *Service) notify(ctx context.Context, tx pgx.Tx, n changeNote) error {
	for _, part := range n.split() {
		b, err := json.Marshal(part)
		if err != nil {
			return fmt.Errorf("encode index change: %w", err)
		}
		if err := s.q.NotifyIndexChanged(ctx, tx, string(b)); err != nil {
			return fmt.Errorf("announce index change: %w", err)
		}
	}
	return nil
}

// split cuts a note into notes of at most maxNoteIDs ids each.
func (n changeNote) split() []changeNote {
	if n.All {
		return []changeNote{{All: true}}
	}
	var out []changeNote
	for _, list := range []struct {
		ids []int64
		set func(*changeNote, []int64)
	}{
		{n.Movies, func(c *changeNote, ids []int64) { c.Movies = ids }},
		{n.Shows, func(c *changeNote, ids []int64) { c.Shows = ids }},
		{n.Theaters, func(c *changeNote, ids []int64) { c.Theaters = ids }},
	} {
		for ids := range slices.Chunk(list.ids, maxNoteIDs) {
			var c changeNote
			list.set(&c, ids)
			out = append(out, c)
		}
	}
	return out
}

// WaitLoaded waits until Run has loaded the in-memory index (at most a
// while; see loadWait). Errors: ErrNotLoaded, ctx's error.
func (s *Service) WaitLoaded(ctx context.Context) error {
	_, done, err := s.read(ctx)
	if err != nil {
		return err
	}
	done()
	return nil
}
