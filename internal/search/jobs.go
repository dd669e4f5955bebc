package search

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/marqueehq/marquee/internal/catalog"
)

// IndexArgs is the job that brings the index up to date after one
// catalogue change: a movie, a theater (with its screens), or some shows.
type IndexArgs struct {
	MovieID   int64   `json:"movie_id,omitempty"`
	TheaterID int64   `json:"theater_id,omitempty"`
	ShowIDs   []int64 `json:"show_ids,omitempty"`
}

// Kind names the job in River.
func (IndexArgs) Kind() string { return "search.index" }

// coalesce is the window in which repeated changes to the same shows (seat
// counts during an on-sale) share one indexing job.
const coalesce = time.Second

// Listener enqueues an indexing job for every catalogue change, inside the
// change's transaction. Client is set once the River client exists.
type Listener struct {
	Client *river.Client[pgx.Tx]
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// CatalogChanged enqueues the job for c. Seat-count and price changes
// (ShowChanged) are coalesced: every change to the same shows within one
// second shares a job, which runs a second after that window closes, by
// when the transactions that asked for it have committed.
func (l *Listener) CatalogChanged(ctx context.Context, tx pgx.Tx, c catalog.Change) error {
	var args IndexArgs
	var opts *river.InsertOpts
	switch c.Kind {
	case catalog.MovieSaved:
		args.MovieID = c.MovieID
	case catalog.TheaterSaved:
		args.TheaterID = c.TheaterID
	case catalog.ShowsScheduled, catalog.ShowCancelled:
		args.ShowIDs = c.ShowIDs
	case catalog.ShowChanged:
		args.ShowIDs = c.ShowIDs
		now := time.Now
		if l.Now != nil {
			now = l.Now
		}
		opts = &river.InsertOpts{
			ScheduledAt: now().Truncate(coalesce).Add(2 * coalesce),
			UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: coalesce, ByState: []rivertype.JobState{
				rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
				rivertype.JobStateScheduled, rivertype.JobStateRetryable,
			}},
		}
	default:
		return nil
	}
	if _, err := l.Client.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("enqueue search indexing: %w", err)
	}
	return nil
}

type indexWorker struct {
	river.WorkerDefaults[IndexArgs]
	svc *Service
}

// Work applies one change to the index.
func (w *indexWorker) Work(ctx context.Context, job *river.Job[IndexArgs]) error {
	return w.svc.Apply(ctx, job.Args)
}

// Apply brings the index up to date with the change args describes.
func (s *Service) Apply(ctx context.Context, a IndexArgs) error {
	if a.MovieID != 0 {
		if err := s.IndexMovie(ctx, a.MovieID); err != nil {
			return err
		}
	}
	if a.TheaterID != 0 {
		if err := s.IndexTheater(ctx, a.TheaterID); err != nil {
			return err
		}
	}
	if len(a.ShowIDs) > 0 {
		return s.IndexShows(ctx, a.ShowIDs)
	}
	return nil
}

// Workers registers search's River workers.
func Workers(w *river.Workers, svc *Service) {
	river.AddWorker(w, &indexWorker{svc: svc})
}
