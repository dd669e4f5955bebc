package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

type slowArgs struct{}

func (slowArgs) Kind() string { return "test.slow" }

// slowWorker tells started when a job begins, then works until finish is
// closed or its context ends.
type slowWorker struct {
	river.WorkerDefaults[slowArgs]
	started chan struct{}
	finish  chan struct{}
}

func (w *slowWorker) Work(ctx context.Context, _ *river.Job[slowArgs]) error {
	w.started <- struct{}{}
	select {
	case <-w.finish:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startSlowJob runs a worker client and one job on it, and returns once
// the job is running.
func startSlowJob(t *testing.T) (*pgxpool.Pool, *jobs.Client, *slowWorker, int64) {
	t.Helper()
	pool := pgtest.New(t)
	w := &slowWorker{started: make(chan struct{}, 1), finish: make(chan struct{})}
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	client, err := jobs.New(pool, jobs.Options{Workers: workers})
	require.NoError(t, err)
	require.NoError(t, client.Start(context.Background()))
	res, err := client.Insert(context.Background(), slowArgs{}, nil)
	require.NoError(t, err)
	<-w.started
	return pool, client, w, res.Job.ID
}

func jobState(t *testing.T, pool *pgxpool.Pool, id int64) string {
	t.Helper()
	var state string
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT state::text FROM river.river_job WHERE id = $1", id).Scan(&state))
	return state
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// TestShutdownLetsARunningJobFinish: a worker told to stop waits for the
// job it is running, which completes.
func TestShutdownLetsARunningJobFinish(t *testing.T) {
	t.Parallel()
	pool, client, w, id := startSlowJob(t)
	stopped := make(chan struct{})
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		stopWorkers(ctx, client, quiet)
		close(stopped)
	}()
	close(w.finish)
	<-stopped
	require.Equal(t, "completed", jobState(t, pool, id))
}

// TestShutdownReleasesAJobStillRunningAtTheDeadline: a job that outlasts
// the shutdown deadline is cancelled and left to be retried (by another
// worker), not left "running" for River's rescuer.
func TestShutdownReleasesAJobStillRunningAtTheDeadline(t *testing.T) {
	t.Parallel()
	pool, client, _, id := startSlowJob(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	stopWorkers(ctx, client, quiet)
	// River makes a job whose retry is due soon available at once.
	require.Contains(t, []string{"available", "retryable"}, jobState(t, pool, id), "the job waits for a worker again")
}
