package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
)

// CatalogChanged makes booking a catalogue listener: the shows it keeps
// in its cache are read again; when the cinema cancels a show, a job
// (enqueued in the cancelling transaction, so it runs exactly when the
// cancellation commits) cancels and refunds its bookings, and when it
// moves one, a job tells its buyers (show_moved.go).
func (s *Service) CatalogChanged(ctx context.Context, tx pgx.Tx, c catalog.Change) error {
	switch c.Kind {
	case catalog.SeatsRemoving:
		return s.refuseBookedSeats(ctx, tx, c.ShowIDs, c.Seats)
	case catalog.ShowChanged, catalog.ShowCancelled, catalog.ShowsScheduled:
		s.cache.forget(c.ShowIDs)
	default: // a movie, theater or screen: any show may show it
		s.cache.forget(nil)
	}
	if c.Kind == catalog.ShowChanged && !c.OldStartsAt.IsZero() {
		return s.showMoved(ctx, tx, c)
	}
	if c.Kind != catalog.ShowCancelled {
		return nil
	}
	for _, id := range c.ShowIDs {
		if err := s.jobs.ScheduleShowCancellation(ctx, tx, id); err != nil {
			return fmt.Errorf("schedule cancellation of show %d's bookings: %w", id, err)
		}
	}
	return nil
}

// CancelShowArgs is the job that cancels every booking of a cancelled show.
type CancelShowArgs struct {
	ShowID int64 `json:"show_id"`
}

// Kind names the job in River.
func (CancelShowArgs) Kind() string { return "booking.cancel_show" }

type cancelShowWorker struct {
	river.WorkerDefaults[CancelShowArgs]
	svc *Service
}

// Work cancels the show's live bookings one transaction each, refunding
// paid ones in full and telling their buyers. A retry skips the bookings
// already done, so nobody is refunded or told twice.
func (w *cancelShowWorker) Work(ctx context.Context, job *river.Job[CancelShowArgs]) error {
	s := w.svc
	ids, err := s.q.BookingLiveIDsForShow(ctx, s.pool, job.Args.ShowID)
	if err != nil {
		return fmt.Errorf("bookings of show %d: %w", job.Args.ShowID, err)
	}
	for _, id := range ids {
		_, err := s.cancel(ctx, cancelRequest{id: id, byCinema: true,
			reason: "The cinema cancelled this show",
			refund: func(row bookingdb.BookingBooking, _ catalog.ShowDetail, _ int64) (int64, error) {
				if Status(row.Status) != Confirmed {
					return 0, nil
				}
				return row.TotalMinor, nil
			}})
		if err != nil && !errors.Is(err, ErrNotCancellable) {
			return err
		}
	}
	return nil
}
