package booking

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/platform/pg"
)

// announceEvery is the most often one instance announces seat changes of
// one show on SeatsChannel for holds and releases: Live refreshes a show at
// most every 200ms anyway, and each NOTIFY serialises its transaction's
// commit with every other notifying commit in the database, so a rush of
// holds each notifying would queue behind one another.
const announceEvery = 100 * time.Millisecond

// announceSoon tells open seat maps (on every instance) that the show's
// seats changed, once the change has committed: at once in a quiet spell,
// otherwise at the end of the announceEvery interval, covering every change
// made in it. A failure is logged: the change itself stands, and the next
// one (or a watcher's reconnect) brings the maps up to date.
func (s *Service) announceSoon(ctx context.Context, showID int64) {
	s.news.run(ctx, showID, func(ctx context.Context) {
		if _, err := s.pool.Exec(ctx, "SELECT pg_notify($1, $2)", SeatsChannel, strconv.FormatInt(showID, 10)); err != nil {
			s.opts.Log.Error("announce seat change", "show", showID, "err", err)
		}
	})
}

// Live pushes seat changes to open seat maps. Every change is announced
// with NOTIFY on SeatsChannel (payload: the show id) from whichever
// instance made it: expiry, Confirm and cancellations inside their
// transaction, holds and releases right after theirs commit (announceSoon,
// coalesced per show). Live keeps one dedicated
// connection LISTENing and, for each show somebody is watching, reads the
// seats once and hands the same snapshot to every watcher. A burst of
// changes to one show becomes at most one refresh per coalesce interval.
type Live struct {
	pool     *pgxpool.Pool
	svc      *Service
	log      *slog.Logger
	coalesce time.Duration

	mu    sync.Mutex
	shows map[int64]*liveShow

	done     chan struct{} // closed when Run returns: streams end
	doneOnce sync.Once
}

// liveShow is one show's watchers and the goroutine refreshing them.
type liveShow struct {
	subs map[chan []byte]struct{}
	kick chan struct{} // buffered: many kicks while busy make one refresh
	stop chan struct{}
}

// NewLive returns the live seat map hub. Call Run to start it.
func NewLive(pool *pgxpool.Pool, svc *Service, log *slog.Logger) *Live {
	return &Live{pool: pool, svc: svc, log: log, coalesce: 200 * time.Millisecond,
		shows: map[int64]*liveShow{}, done: make(chan struct{})}
}

// Run listens for seat changes until ctx ends, reconnecting (with a
// growing pause, up to 5 seconds) whenever the connection fails. It always
// returns nil once ctx ends; open event streams then close, so a graceful
// shutdown is not held up by them.
func (l *Live) Run(ctx context.Context) error {
	defer l.doneOnce.Do(func() { close(l.done) })
	// Changes made while nobody listened (start-up, a reconnect) reach the
	// watchers once LISTEN is on: the refresh reads after it, so nothing
	// falls between.
	pg.Listen(ctx, l.log, "live seat maps", l.pool, SeatsChannel, pg.Listener{
		Ready: func(context.Context) error { l.kickAll(); return nil },
		Notified: func(_ context.Context, payload string) error {
			if id, err := strconv.ParseInt(payload, 10, 64); err == nil {
				l.kick(id)
			}
			return nil
		},
	})
	return nil
}

// subscribe adds a watcher of show id. The channel receives snapshots (the
// newest replaces one not yet read); cancel must be called when done.
func (l *Live) subscribe(id int64) (<-chan []byte, func()) {
	ch := make(chan []byte, 1)
	l.mu.Lock()
	sh := l.shows[id]
	if sh == nil {
		sh = &liveShow{subs: map[chan []byte]struct{}{}, kick: make(chan struct{}, 1), stop: make(chan struct{})}
		l.shows[id] = sh
		go l.refresh(id, sh)
	}
	sh.subs[ch] = struct{}{}
	l.mu.Unlock()
	return ch, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(sh.subs, ch)
		if len(sh.subs) == 0 && l.shows[id] == sh {
			delete(l.shows, id)
			close(sh.stop)
		}
	}
}

// kick asks for a refresh of show id if anyone watches it; never blocks.
func (l *Live) kick(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if sh := l.shows[id]; sh != nil {
		select {
		case sh.kick <- struct{}{}:
		default: // a refresh is already due; it will see this change too
		}
	}
}

func (l *Live) kickAll() {
	l.mu.Lock()
	ids := make([]int64, 0, len(l.shows))
	for id := range l.shows {
		ids = append(ids, id)
	}
	l.mu.Unlock()
	for _, id := range ids {
		l.kick(id)
	}
}

// refresh runs while show id has watchers: on each kick it reads the seats
// once and sends the snapshot to every watcher, then rests for the
// coalesce interval so a burst of changes costs one query.
func (l *Live) refresh(id int64, sh *liveShow) {
	for {
		select {
		case <-sh.stop:
			return
		case <-sh.kick:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		snap, err := l.snapshot(ctx, id)
		cancel()
		if err != nil {
			l.log.Error("live seat maps: read seats", "show", id, "err", err)
		} else {
			l.fanOut(sh, snap)
		}
		select {
		case <-sh.stop:
			return
		case <-time.After(l.coalesce):
		}
	}
}

func (l *Live) fanOut(sh *liveShow, snap []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for ch := range sh.subs {
		select { // drop a stale snapshot the watcher has not read yet
		case <-ch:
		default:
		}
		select {
		case ch <- snap:
		default:
		}
	}
}

// snapshot is the event data for show id: every seat that is not free,
// as compact JSON {"F12":"held","A1":"blocked",...}. Errors: ErrNotFound.
func (l *Live) snapshot(ctx context.Context, id int64) ([]byte, error) {
	states, err := l.svc.seatStates(ctx, id)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(states)
	if err != nil {
		return nil, fmt.Errorf("encode seats of show %d: %w", id, err)
	}
	return b, nil
}

// seatStates maps each seat of the show that is not free to its state, in
// one query once the show's inventory exists. Errors: ErrNotFound.
func (s *Service) seatStates(ctx context.Context, showID int64) (map[string]SeatState, error) {
	seats, err := s.currentSeats(ctx, showID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]SeatState, len(seats))
	for _, st := range seats {
		if st.State != Free {
			out[st.Seat] = st.State
		}
	}
	return out, nil
}
