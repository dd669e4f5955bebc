package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// expire marks still-unpaid bookings expired and retires their claim on
// seats (inside tx; the caller moves the seats themselves).
func (s *Service) expire(ctx context.Context, tx pgx.Tx, ids []int64, note string) error {
	gone, err := s.q.BookingExpireHeld(ctx, tx, ids)
	if err != nil {
		return fmt.Errorf("expire bookings %v: %w", ids, err)
	}
	if err := s.q.BookingSeatRetire(ctx, tx, gone); err != nil {
		return fmt.Errorf("retire seats of bookings %v: %w", gone, err)
	}
	for _, id := range gone {
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: id, Status: string(Expired),
			Note: note}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
	}
	return nil
}

// Release gives up a held booking at once ("change seats"): its seats are
// free for everyone; a booking that is no longer a hold is left as it is
// (see ReleaseHold). Errors: ErrNotFound.
func (s *Service) Release(ctx context.Context, userID, bookingID int64) error {
	_, err := s.ReleaseHold(ctx, userID, bookingID)
	return err
}

// lockBooking locks a booking for a change that also touches its seats. The
// seat rows are locked first, in seat order, then the booking row: the same
// order Hold uses (seats, then the bookings it takes them from), so the two
// can never deadlock.
func (s *Service) lockBooking(ctx context.Context, tx pgx.Tx, id int64) (bookingdb.BookingBooking, error) {
	if _, err := s.q.ShowSeatLockForBooking(ctx, tx, &id); err != nil {
		return bookingdb.BookingBooking{}, fmt.Errorf("lock seats of booking %d: %w", id, err)
	}
	return s.q.BookingGetForUpdate(ctx, tx, id)
}

// releaseLocked expires a locked, unpaid booking and frees its held seats.
func (s *Service) releaseLocked(ctx context.Context, tx pgx.Tx, id, showID int64, note string) error {
	if err := s.expire(ctx, tx, []int64{id}, note); err != nil {
		return err
	}
	if _, err := s.q.ShowSeatRelease(ctx, tx, &id); err != nil {
		return fmt.Errorf("free seats of booking %d: %w", id, err)
	}
	return s.announceFreed(ctx, tx, showID)
}

// holdSweepEvery is how often the sweeper reclaims holds that ran out. A
// ran-out hold is free to everybody at once (every query counts it as
// free); the sweep only tidies its rows and tells open seat maps, which
// may show such a seat as held until then.
const holdSweepEvery = 10 * time.Second

// holdSweepBatch is how many ran-out holds one sweep transaction reclaims:
// its locks last one statement over at most this many bookings.
const holdSweepBatch = 500

// SweepHolds reclaims the holds that ran out unpaid, batch bookings per
// transaction, until none is left that it can claim: they expire, their
// seats go back on sale and open seat maps (on every instance) hear of it.
// Holds being taken over, paid for or released right now are skipped, not
// waited for (the next sweep gets them). It stops at ctx's deadline and
// returns how many bookings expired.
func (s *Service) SweepHolds(ctx context.Context, batch int) (int, error) {
	total := 0
	for {
		var swept []bookingdb.HoldSweepRow
		err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
			var err error
			swept, err = s.q.HoldSweep(ctx, tx, bookingdb.HoldSweepParams{Batch: int32(batch), Note: "hold ran out"})
			if err != nil {
				return fmt.Errorf("sweep ran-out holds: %w", err)
			}
			for _, r := range swept {
				if err := s.announceFreed(ctx, tx, r.ShowID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		n := 0
		for _, r := range swept {
			n += int(r.Bookings)
			s.publishAvailability(ctx, r.ShowID)
		}
		total += n
		// Fewer than a batch: the rest (if any) is being worked on by
		// buyers and waits for the next sweep.
		if n < batch {
			return total, nil
		}
		if err := ctx.Err(); err != nil {
			return total, err
		}
	}
}

// SweepHoldsArgs is the periodic job that runs SweepHolds.
type SweepHoldsArgs struct{}

// Kind names the job in River.
func (SweepHoldsArgs) Kind() string { return "booking.sweep_holds" }

// InsertOpts keeps at most one sweep waiting at a time (two running at
// once would be safe, only wasteful).
func (SweepHoldsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: holdSweepEvery}}
}

type sweepHoldsWorker struct {
	river.WorkerDefaults[SweepHoldsArgs]
	svc *Service
}

// Timeout bounds one sweep: what it has not reached by then waits for the
// next one.
func (w *sweepHoldsWorker) Timeout(*river.Job[SweepHoldsArgs]) time.Duration {
	return 2 * holdSweepEvery
}

func (w *sweepHoldsWorker) Work(ctx context.Context, _ *river.Job[SweepHoldsArgs]) error {
	n, err := w.svc.SweepHolds(ctx, holdSweepBatch)
	if errors.Is(err, context.DeadlineExceeded) && n > 0 {
		return nil // progress made; the next sweep goes on
	}
	return err
}

// PeriodicJobs lists booking's scheduled jobs: the hold sweeper and the
// waitlist's sweep.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(holdSweepEvery),
			func() (river.JobArgs, *river.InsertOpts) { return SweepHoldsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		waitlistPeriodic(),
	}
}

// ExpireHoldArgs is the job that released one hold when its time was up.
// Holds no longer schedule it (SweepHolds reclaims them in batches); its
// worker stays for the jobs queued before, until they have all run.
type ExpireHoldArgs struct {
	BookingID int64 `json:"booking_id"`
}

// Kind names the job in River.
func (ExpireHoldArgs) Kind() string { return "booking.expire_hold" }

type expireHoldWorker struct {
	river.WorkerDefaults[ExpireHoldArgs]
	svc *Service
}

// Work releases the seats of a booking whose hold ran out without payment.
// Correctness never depends on it (an expired hold already counts as free);
// it tidies the rows and updates open seat maps. A hold extended since the
// job was scheduled is left alone.
func (w *expireHoldWorker) Work(ctx context.Context, job *river.Job[ExpireHoldArgs]) error {
	s := w.svc
	var showID int64
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.lockBooking(ctx, tx, job.Args.BookingID)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		st := Status(b.Status)
		if (st != Held && st != PendingPayment) || b.HoldExpiresAt.After(s.opts.Now()) {
			return nil
		}
		showID = b.ShowID
		return s.releaseLocked(ctx, tx, b.ID, b.ShowID, "hold ran out")
	})
	if err != nil || showID == 0 {
		return err
	}
	s.publishAvailability(ctx, showID)
	return nil
}

// RiverJobs schedules booking's jobs with a River client.
type RiverJobs struct{ Client *river.Client[pgx.Tx] }

// ScheduleShowCancellation enqueues the job that cancels a cancelled
// show's bookings (once per show: a second request while one is queued or
// running adds nothing).
func (r RiverJobs) ScheduleShowCancellation(ctx context.Context, tx pgx.Tx, showID int64) error {
	_, err := r.Client.InsertTx(ctx, tx, CancelShowArgs{ShowID: showID}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// Workers registers booking's River workers.
func Workers(w *river.Workers, svc *Service) {
	river.AddWorker(w, &expireHoldWorker{svc: svc})
	river.AddWorker(w, &sweepHoldsWorker{svc: svc})
	river.AddWorker(w, &cancelShowWorker{svc: svc})
	river.AddWorker(w, &showMovedWorker{svc: svc})
	waitlistWorkers(w, svc)
}
