package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// waitlistSweepEvery is how often every show with a line is matched again,
// a safety net for a trigger lost after a commit and for offers that ran
// out (the hold sweeper triggers those too, every holdSweepEvery).
const waitlistSweepEvery = time.Minute

// waitlistSweepShows bounds the shows one sweep matches.
const waitlistSweepShows = 200

// waitlistJobs enqueues the waitlist's matching (RiverJobs has it; a
// Jobs without it leaves freed seats to the periodic sweep).
type waitlistJobs interface {
	ScheduleWaitlistMatch(ctx context.Context, tx pgx.Tx, showID int64) error
}

// seatsFreed is called, inside tx, by every change that frees seats of a
// show: when people wait for the show, it enqueues the job that offers
// the seats to them, which runs once tx commits.
//
// The window that remains: between that commit and the job's run (River
// picks a new job up within about a second) a public buyer on the seat
// map can still hold a freed seat. A hold that runs out (an offer's too)
// counts as free at once everywhere, so its seats are open to everyone
// until the sweeper (holdSweepEvery) reclaims them and queues this job.
func (s *Service) seatsFreed(ctx context.Context, tx pgx.Tx, showID int64) error {
	j, ok := s.jobs.(waitlistJobs)
	if !ok {
		return nil
	}
	waiting, err := s.q.WaitlistHasActive(ctx, tx, showID)
	if err != nil {
		return fmt.Errorf("look for a waitlist: %w", err)
	}
	if !waiting {
		return nil
	}
	if err := j.ScheduleWaitlistMatch(ctx, tx, showID); err != nil {
		return fmt.Errorf("schedule waitlist offers: %w", err)
	}
	// Until the job offers them, nobody else takes the seats (a reservation
	// that outlives a job that never ran lapses like any hold).
	if _, err := s.q.WaitlistReserveFree(ctx, tx, bookingdb.WaitlistReserveFreeParams{ShowID: showID,
		ReservedUntil: s.opts.Now().Add(waitlistReserve)}); err != nil {
		return fmt.Errorf("keep freed seats for the waitlist: %w", err)
	}
	return nil
}

// waitlistReserve is how long freed seats are kept for a show's line at
// most when its offer job does not run (it normally runs at once).
const waitlistReserve = time.Minute

// seatsFreedAfter is seatsFreed for a change already committed (a release
// sent in one round trip): a failure is logged, and the sweep offers the
// seats within waitlistSweepEvery.
func (s *Service) seatsFreedAfter(ctx context.Context, showID int64) {
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error { return s.seatsFreed(ctx, tx, showID) })
	if err != nil {
		s.opts.Log.ErrorContext(ctx, "schedule waitlist offers", "show", showID, "err", err)
	}
}

// ScheduleWaitlistMatch enqueues the matching of a show's waitlist. It is
// not unique per show: a run already going may have read the seats before
// this change freed them, so every change gets its own run (each one cheap
// when nothing changed). A service without a client schedules nothing.
func (r RiverJobs) ScheduleWaitlistMatch(ctx context.Context, tx pgx.Tx, showID int64) error {
	if r.Client == nil {
		return nil
	}
	_, err := r.Client.InsertTx(ctx, tx, WaitlistMatchArgs{ShowID: showID}, nil)
	return err
}

// WaitlistMatchArgs is the job that offers a show's freed seats to its
// waitlist (MatchWaitlist).
type WaitlistMatchArgs struct {
	ShowID int64 `json:"show_id"`
}

// Kind names the job in River.
func (WaitlistMatchArgs) Kind() string { return "booking.waitlist_offer" }

type waitlistMatchWorker struct {
	river.WorkerDefaults[WaitlistMatchArgs]
	svc *Service
}

// Timeout bounds one match.
func (w *waitlistMatchWorker) Timeout(*river.Job[WaitlistMatchArgs]) time.Duration {
	return 30 * time.Second
}

func (w *waitlistMatchWorker) Work(ctx context.Context, job *river.Job[WaitlistMatchArgs]) error {
	_, err := w.svc.MatchWaitlist(ctx, job.Args.ShowID)
	return err
}

// WaitlistSweepArgs is the periodic job that matches every show with a
// line again.
type WaitlistSweepArgs struct{}

// Kind names the job in River.
func (WaitlistSweepArgs) Kind() string { return "booking.waitlist_sweep" }

// InsertOpts keeps at most one sweep waiting at a time.
func (WaitlistSweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: waitlistSweepEvery}}
}

type waitlistSweepWorker struct {
	river.WorkerDefaults[WaitlistSweepArgs]
	svc *Service
}

// Timeout bounds one sweep; the shows it did not reach wait for the next.
func (w *waitlistSweepWorker) Timeout(*river.Job[WaitlistSweepArgs]) time.Duration {
	return waitlistSweepEvery
}

// Work matches each show with a line, the longest-waiting first; a show
// that fails is logged and the sweep goes on with the others.
func (w *waitlistSweepWorker) Work(ctx context.Context, _ *river.Job[WaitlistSweepArgs]) error {
	s := w.svc
	shows, err := s.q.WaitlistShowsActive(ctx, s.pool, waitlistSweepShows)
	if err != nil {
		return fmt.Errorf("shows with a waitlist: %w", err)
	}
	for _, id := range shows {
		if _, err := s.MatchWaitlist(ctx, id); err != nil {
			s.opts.Log.ErrorContext(ctx, "waitlist sweep", "show", id, "err", err)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	return nil
}

// waitlistPeriodic is the waitlist's sweep for PeriodicJobs.
func waitlistPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(waitlistSweepEvery),
		func() (river.JobArgs, *river.InsertOpts) { return WaitlistSweepArgs{}, nil }, nil)
}

// waitlistWorkers registers the waitlist's River workers.
func waitlistWorkers(w *river.Workers, svc *Service) {
	river.AddWorker(w, &waitlistMatchWorker{svc: svc})
	river.AddWorker(w, &waitlistSweepWorker{svc: svc})
}

// announceFreed tells open seat maps of a change that freed seats of a
// show (announce) and hands the seats to its waitlist first (seatsFreed).
func (s *Service) announceFreed(ctx context.Context, tx pgx.Tx, showID int64) error {
	if err := s.seatsFreed(ctx, tx, showID); err != nil {
		return err
	}
	return announce(ctx, tx, showID)
}
