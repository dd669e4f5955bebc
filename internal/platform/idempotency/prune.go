package idempotency

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// PruneArgs is the periodic job that deletes keys older than KeepFor.
type PruneArgs struct{}

// Kind names the job in River.
func (PruneArgs) Kind() string { return "api.idempotency_prune" }

// InsertOpts keeps at most one prune job waiting at a time.
func (PruneArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 30 * time.Minute}}
}

type pruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	store *Store
}

func (w *pruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	n, err := w.store.Prune(ctx)
	if err != nil {
		return err
	}
	if err := river.RecordOutput(ctx, map[string]int64{"keys": n}); err != nil {
		return fmt.Errorf("record prune output: %w", err)
	}
	return nil
}

// Workers registers the prune job's worker.
func Workers(w *river.Workers, s *Store) {
	river.AddWorker(w, &pruneWorker{store: s})
}

// PeriodicJobs prunes the keys every hour (and on start): a key is kept
// at most an hour past KeepFor, and claims treat an older key as gone
// anyway.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return PruneArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}
