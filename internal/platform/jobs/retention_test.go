package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type noopArgs struct{}

func (noopArgs) Kind() string { return "noop" }

type noopWorker struct{ river.WorkerDefaults[noopArgs] }

func (noopWorker) Work(context.Context, *river.Job[noopArgs]) error { return nil }

// finishedJob inserts a job that ended in state long ago.
func finishedJob(t *testing.T, pool *pgxpool.Pool, client *jobs.Client, state string, ago time.Duration) int64 {
	t.Helper()
	ctx := context.Background()
	res, err := client.Insert(ctx, noopArgs{}, nil)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE river.river_job
		SET state = $2::river.river_job_state, attempt = 1, attempted_at = now() - $3::interval,
			finalized_at = now() - $3::interval
		WHERE id = $1`, res.Job.ID, state, ago)
	require.NoError(t, err)
	return res.Job.ID
}

func jobExists(t *testing.T, pool *pgxpool.Pool, id int64) bool {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(),
		`SELECT count(*) FROM river.river_job WHERE id = $1`, id).Scan(&n))
	return n == 1
}

func TestFinishedJobsAreDeletedOnlyOnceTheirRetentionHasPassed(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	inserter, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)

	const day = 24 * time.Hour
	gone := []int64{
		finishedJob(t, pool, inserter, "completed", 3*time.Hour), // past the 2h set below
		finishedJob(t, pool, inserter, "cancelled", 8*day),       // past the default week
		finishedJob(t, pool, inserter, "discarded", 8*day),
	}
	kept := []int64{
		finishedJob(t, pool, inserter, "completed", time.Hour),
		finishedJob(t, pool, inserter, "cancelled", 3*day), // River alone keeps these a day
		finishedJob(t, pool, inserter, "discarded", 3*day),
	}

	workers := river.NewWorkers()
	river.AddWorker(workers, noopWorker{})
	client, err := jobs.New(pool, jobs.Options{Workers: workers,
		Retention: jobs.Retention{Completed: 2 * time.Hour}})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() { _ = client.Stop(context.Background()) })

	// The cleaner runs once its client leads, within a second or so.
	require.Eventually(t, func() bool {
		for _, id := range gone {
			if jobExists(t, pool, id) {
				return false
			}
		}
		return true
	}, 20*time.Second, 50*time.Millisecond, "jobs past their retention are still there")
	for _, id := range kept {
		require.True(t, jobExists(t, pool, id), "job %d was deleted before its retention passed", id)
	}
}
