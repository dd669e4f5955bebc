// Package jobs configures the River client that runs Marquee's background
// work in the same PostgreSQL, in the river schema.
package jobs

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Client is the River client type used throughout Marquee.
type Client = river.Client[pgx.Tx]

// Options configure New.
type Options struct {
	Log      *slog.Logger
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
	// MaxWorkers bounds concurrent jobs on this instance (default 20).
	MaxWorkers int
	// InsertOnly builds a client that enqueues but never works jobs (CLI
	// commands, and tests that inspect what was enqueued).
	InsertOnly bool
	// RetryPolicy decides when a failed job runs again (River's default,
	// attempt^4 seconds, when nil; tests retry at once).
	RetryPolicy river.ClientRetryPolicy
	// Retention is how long finished jobs stay in the table; a zero
	// period takes DefaultRetention's.
	Retention Retention
}

// jobTimeout is a job's deadline unless its worker sets another.
const jobTimeout = time.Minute

// QuickRetry retries a failed job after a few milliseconds: for tests,
// whose waits should end on the work and not on River's backoff.
type QuickRetry struct{}

// NextRetry schedules the next attempt 10 ms from now.
func (QuickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(10 * time.Millisecond)
}

// New returns a River client on pool. Call Start to begin working jobs.
func New(pool *pgxpool.Pool, o Options) (*Client, error) {
	keep := o.Retention.orDefault()
	cfg := &river.Config{
		Schema:      pg.RiverSchema,
		Logger:      o.Log,
		RetryPolicy: o.RetryPolicy,
		// Every job has a deadline; one that needs longer (a full
		// recommendation recompute) says so with its worker's Timeout.
		JobTimeout: jobTimeout,
		// A job whose process died (kill -9, a lost machine) stays
		// "running" until rescued; River's default waits an hour past the
		// deadline, so a webhook whose apply job was cut off left its
		// booking unconfirmed for an hour. River never rescues a job
		// before its own deadline (a worker's Timeout), so this is safe
		// for long jobs too.
		RescueStuckJobsAfter: jobTimeout + 10*time.Second,
		// The elected leader among the working clients deletes finished
		// jobs older than these.
		CompletedJobRetentionPeriod: keep.Completed,
		CancelledJobRetentionPeriod: keep.Cancelled,
		DiscardedJobRetentionPeriod: keep.Discarded,
	}
	if !o.InsertOnly {
		if o.MaxWorkers == 0 {
			o.MaxWorkers = 20
		}
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.MaxWorkers}}
		cfg.Workers = o.Workers
		cfg.PeriodicJobs = o.Periodic
	}
	c, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		return nil, fmt.Errorf("create river client: %w", err)
	}
	return c, nil
}
