package notify

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
)

// CatalogChange is the part of a catalogue change that alerts care about
// (main adapts the catalogue's own type).
type CatalogChange struct {
	// Kind is "movie_saved" or "shows_scheduled"; others are ignored.
	Kind      string
	MovieID   int64
	Created   bool
	OldStatus string
	NewStatus string
}

// CatalogChanged enqueues alerts, inside the catalogue's transaction: new
// release alerts when a movie starts showing (created as, or moved to, now
// showing), and "bookings open" when shows are scheduled for a movie with
// followers still waiting. The alerts fan out later, in batches.
func (s *Service) CatalogChanged(ctx context.Context, tx pgx.Tx, c CatalogChange) error {
	switch {
	case c.Kind == "movie_saved" && c.NewStatus == "now_showing" && (c.Created || c.OldStatus != "now_showing"):
		if _, err := s.jobs.InsertTx(ctx, tx, FanoutArgs{Message: KindNewRelease, MovieID: c.MovieID}, nil); err != nil {
			return fmt.Errorf("enqueue new release alerts for movie %d: %w", c.MovieID, err)
		}
	case c.Kind == "shows_scheduled" && c.MovieID != 0:
		waiting, err := s.q.FollowWaiting(ctx, tx, notifydb.FollowWaitingParams{MovieID: c.MovieID, Lim: 1})
		if err != nil {
			return fmt.Errorf("followers of movie %d: %w", c.MovieID, err)
		}
		if len(waiting) == 0 {
			return nil
		}
		if _, err := s.jobs.InsertTx(ctx, tx, FanoutArgs{Message: KindBookingsOpen, MovieID: c.MovieID}, nil); err != nil {
			return fmt.Errorf("enqueue bookings-open alerts for movie %d: %w", c.MovieID, err)
		}
	}
	return nil
}

// Workers registers notify's River workers.
func Workers(w *river.Workers, s *Service) {
	river.AddWorker(w, &sendWorker{svc: s})
	river.AddWorker(w, &fanoutWorker{svc: s})
}
