package tms

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// dueEvery is how often the scheduler looks for connections due a sync.
const dueEvery = time.Minute

// SyncDueArgs is the periodic job that enqueues a sync of every enabled
// connection whose interval has passed.
type SyncDueArgs struct{}

// Kind names the job in River.
func (SyncDueArgs) Kind() string { return "tms.sync_due" }

// InsertOpts keeps one scheduler job waiting at a time.
func (SyncDueArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: dueEvery}}
}

// SyncArgs is one sync of one connection.
type SyncArgs struct {
	ConnectionID int64 `json:"connection_id"`
}

// Kind names the job in River.
func (SyncArgs) Kind() string { return "tms.sync" }

// InsertOpts: one sync of a connection at a time, waiting or running, so
// the scheduler and "Sync now" never run two at once on one feed.
func (SyncArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

type syncDueWorker struct {
	river.WorkerDefaults[SyncDueArgs]
	svc *Service
}

// Work enqueues one sync job per due connection.
func (w *syncDueWorker) Work(ctx context.Context, _ *river.Job[SyncDueArgs]) error {
	ids, err := w.svc.q.ConnectionDue(ctx, w.svc.pool, w.svc.opts.Now())
	if err != nil {
		return fmt.Errorf("connections due a sync: %w", err)
	}
	for _, id := range ids {
		if err := w.svc.EnqueueSync(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

type syncWorker struct {
	river.WorkerDefaults[SyncArgs]
	svc *Service
}

// Timeout leaves room for the fetch and a large feed's changes.
func (w *syncWorker) Timeout(*river.Job[SyncArgs]) time.Duration { return 5 * time.Minute }

// Work runs the sync; the run's log records what happened, so a feed that
// could not be read is not retried here (the next interval tries again).
func (w *syncWorker) Work(ctx context.Context, job *river.Job[SyncArgs]) error {
	_, err := w.svc.Sync(ctx, job.Args.ConnectionID)
	return err
}

// EnqueueSync asks for a sync of the connection as soon as a worker is free.
func (s *Service) EnqueueSync(ctx context.Context, connectionID int64) error {
	if _, err := s.jobs.Insert(ctx, SyncArgs{ConnectionID: connectionID}, nil); err != nil {
		return fmt.Errorf("enqueue a sync of connection %d: %w", connectionID, err)
	}
	return nil
}

// Workers registers the module's River workers.
func Workers(w *river.Workers, s *Service) {
	river.AddWorker(w, &syncDueWorker{svc: s})
	river.AddWorker(w, &syncWorker{svc: s})
}

// PeriodicJobs are the module's scheduled jobs.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(dueEvery),
			func() (river.JobArgs, *river.InsertOpts) { return SyncDueArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}
