package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// ShowMovedArgs is the job that tells every buyer of a show that it moved
// from OldStartsAt to the time the show has when the job runs.
type ShowMovedArgs struct {
	ShowID      int64     `json:"show_id"`
	OldStartsAt time.Time `json:"old_starts_at"`
}

// Kind names the job in River.
func (ShowMovedArgs) Kind() string { return "booking.show_moved" }

// ScheduleShowMoved enqueues, inside the moving transaction, the job that
// tells the show's buyers (once per move: asking again while one is queued
// adds nothing).
func (r RiverJobs) ScheduleShowMoved(ctx context.Context, tx pgx.Tx, a ShowMovedArgs) error {
	_, err := r.Client.InsertTx(ctx, tx, a, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// showMoved asks, inside the moving transaction, for the job that tells
// the moved show's buyers.
func (s *Service) showMoved(ctx context.Context, tx pgx.Tx, c catalog.Change) error {
	for _, id := range c.ShowIDs {
		if err := s.jobs.ScheduleShowMoved(ctx, tx, ShowMovedArgs{ShowID: id, OldStartsAt: c.OldStartsAt.UTC()}); err != nil {
			return fmt.Errorf("schedule telling show %d's buyers it moved: %w", id, err)
		}
	}
	return nil
}

type showMovedWorker struct {
	river.WorkerDefaults[ShowMovedArgs]
	svc *Service
}

// Work tells the buyer of every confirmed booking of the show its new
// time, with the old one. Holds and unpaid bookings are told nothing: the
// buyer sees the new time when they pay. Notify records each message under
// the booking and the new time, so a retried job, or the job of an earlier
// move of a show that moved twice, tells nobody twice; a show moved back
// to its old time, or cancelled since, tells nobody.
func (w *showMovedWorker) Work(ctx context.Context, job *river.Job[ShowMovedArgs]) error {
	s := w.svc
	if s.opts.Notifier == nil {
		return nil
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		// Read afresh, not from the cache: the job must see the time
		// that committed.
		d, err := s.shows.ShowDetailTx(ctx, tx, job.Args.ShowID)
		if err != nil {
			return fmt.Errorf("moved show %d: %w", job.Args.ShowID, err)
		}
		if d.Status != catalog.Scheduled || d.StartsAt.Equal(job.Args.OldStartsAt) {
			return nil
		}
		ids, err := s.q.BookingLiveIDsForShow(ctx, tx, job.Args.ShowID)
		if err != nil {
			return fmt.Errorf("bookings of show %d: %w", job.Args.ShowID, err)
		}
		for _, id := range ids {
			row, err := s.q.BookingGet(ctx, tx, id)
			if err != nil {
				return fmt.Errorf("booking %d of moved show %d: %w", id, job.Args.ShowID, err)
			}
			if Status(row.Status) != Confirmed || row.UserID == nil {
				continue
			}
			m, err := s.message(ctx, tx, row, d)
			if err != nil {
				return err
			}
			m.OldStartsAt = job.Args.OldStartsAt
			if err := s.opts.Notifier.ShowMoved(ctx, tx, m); err != nil {
				return fmt.Errorf("show moved message for booking %d: %w", id, err)
			}
		}
		return nil
	})
}
