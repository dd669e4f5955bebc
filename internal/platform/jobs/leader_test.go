package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

type tickArgs struct{}

func (tickArgs) Kind() string { return "test.tick" }

type tickWorker struct{ river.WorkerDefaults[tickArgs] }

func (tickWorker) Work(context.Context, *river.Job[tickArgs]) error { return nil }

// worker is one worker process's River client and how many times its
// periodic scheduler enqueued the tick.
type worker struct {
	client   *jobs.Client
	enqueued atomic.Int64
}

func startWorker(t *testing.T, url string) *worker {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	w := &worker{}
	workers := river.NewWorkers()
	river.AddWorker(workers, &tickWorker{})
	periodic := river.NewPeriodicJob(river.PeriodicInterval(200*time.Millisecond),
		func() (river.JobArgs, *river.InsertOpts) {
			w.enqueued.Add(1)
			return tickArgs{}, nil
		}, &river.PeriodicJobOpts{RunOnStart: true})
	w.client, err = jobs.New(pool, jobs.Options{Workers: workers, Periodic: []*river.PeriodicJob{periodic}})
	require.NoError(t, err)
	require.NoError(t, w.client.Start(context.Background()))
	t.Cleanup(func() { _ = w.client.Stop(context.Background()) })
	return w
}

// TestPeriodicJobsRunOnceAcrossWorkers runs two worker clients on one
// database, each with the same periodic job: only the elected leader
// enqueues it, so it runs once per period, not once per worker. When the
// leader stops, the other takes over.
func TestPeriodicJobsRunOnceAcrossWorkers(t *testing.T) {
	t.Parallel()
	url := pgtest.URL(t)
	a, b := startWorker(t, url), startWorker(t, url)

	waitFor(t, "the tick is enqueued three times", func() bool { return a.enqueued.Load()+b.enqueued.Load() >= 3 })
	leader, other := a, b
	if b.enqueued.Load() > 0 {
		leader, other = b, a
	}
	require.Zero(t, other.enqueued.Load(), "only one worker enqueues periodic jobs")

	require.NoError(t, leader.client.Stop(context.Background()))
	waitFor(t, "the other worker takes over", func() bool { return other.enqueued.Load() > 0 })
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
	}
}
