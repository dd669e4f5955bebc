package account

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/account/accountdb"
)

// SessionPruneArgs is the periodic job that deletes expired web sessions and
// sign-in failure records nobody needs any more.
type SessionPruneArgs struct{}

// Kind names the job in River.
func (SessionPruneArgs) Kind() string { return "account.session_prune" }

// InsertOpts keeps at most one prune job waiting at a time.
func (SessionPruneArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 10 * time.Minute}}
}

// sessionPruneWorker deletes expired rows of account.sessions and stale rows
// of account.login_failures.
type sessionPruneWorker struct {
	river.WorkerDefaults[SessionPruneArgs]
	pool *pgxpool.Pool
}

func (w *sessionPruneWorker) Work(ctx context.Context, _ *river.Job[SessionPruneArgs]) error {
	q := accountdb.New()
	n, err := q.SessionDeleteExpired(ctx, w.pool)
	if err != nil {
		return fmt.Errorf("prune expired sessions: %w", err)
	}
	f, err := q.LoginFailureDeleteStale(ctx, w.pool)
	if err != nil {
		return fmt.Errorf("prune sign-in failures: %w", err)
	}
	us, err := q.UserSessionDeleteStale(ctx, w.pool)
	if err != nil {
		return fmt.Errorf("prune user sessions: %w", err)
	}
	if err := river.RecordOutput(ctx, map[string]int64{"sessions": n, "login_failures": f, "user_sessions": us}); err != nil {
		return fmt.Errorf("record prune output: %w", err)
	}
	return nil
}

// Workers registers the account module's River workers.
func Workers(w *river.Workers, pool *pgxpool.Pool) {
	river.AddWorker(w, &sessionPruneWorker{pool: pool})
}

// PeriodicJobs lists the account module's scheduled jobs.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(15*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return SessionPruneArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}
