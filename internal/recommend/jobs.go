package recommend

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/marqueehq/marquee/internal/catalog"
)

// pendingStates makes a job unique while one like it waits or runs (River
// requires these four); a finished one does not stop the next.
var pendingStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRunning, rivertype.JobStateScheduled}

// RecomputeArgs is the periodic full recompute of the model.
type RecomputeArgs struct{}

// Kind names the job in River.
func (RecomputeArgs) Kind() string { return "recommend.recompute" }

// RecomputeUserArgs refreshes one user's list after they did something.
type RecomputeUserArgs struct {
	UserID int64 `json:"user_id"`
}

// Kind names the job in River.
func (RecomputeUserArgs) Kind() string { return "recommend.recompute_user" }

// RiverJobs schedules recommend's jobs with a River client.
type RiverJobs struct{ Client *river.Client[pgx.Tx] }

// RecomputeUser enqueues the user's refresh inside tx; while one is queued
// for the user, asking again adds nothing.
func (r RiverJobs) RecomputeUser(ctx context.Context, tx pgx.Tx, userID int64) error {
	_, err := r.Client.InsertTx(ctx, tx, RecomputeUserArgs{UserID: userID}, &river.InsertOpts{
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates},
	})
	return err
}

// RepublishRatingsArgs pushes movies' averages to the catalogue again.
type RepublishRatingsArgs struct {
	MovieIDs []int64 `json:"movie_ids"`
}

// Kind names the job in River.
func (RepublishRatingsArgs) Kind() string { return "recommend.republish_ratings" }

// RepublishRatings enqueues the republishing inside tx.
func (r RiverJobs) RepublishRatings(ctx context.Context, tx pgx.Tx, movieIDs []int64) error {
	_, err := r.Client.InsertTx(ctx, tx, RepublishRatingsArgs{MovieIDs: movieIDs}, nil)
	return err
}

type republishWorker struct {
	river.WorkerDefaults[RepublishRatingsArgs]
	svc *Service
}

// Work republishes each movie's average and count.
func (w *republishWorker) Work(ctx context.Context, job *river.Job[RepublishRatingsArgs]) error {
	for _, id := range job.Args.MovieIDs {
		if err := w.svc.publishRating(ctx, id); err != nil && !errors.Is(err, catalog.ErrNotFound) {
			return err
		}
	}
	return nil
}

type recomputeWorker struct {
	river.WorkerDefaults[RecomputeArgs]
	svc *Service
}

// Work retrains the model and rewrites every list.
func (w *recomputeWorker) Work(ctx context.Context, _ *river.Job[RecomputeArgs]) error {
	st, err := w.svc.Recompute(ctx)
	if err != nil {
		return err
	}
	w.svc.opts.Log.Info("recommendations recomputed", "users", st.Users, "movies", st.Movies,
		"duration", st.Duration.Round(time.Millisecond))
	return nil
}

// Timeout allows a full run on a large catalogue.
func (w *recomputeWorker) Timeout(*river.Job[RecomputeArgs]) time.Duration { return 10 * time.Minute }

type recomputeUserWorker struct {
	river.WorkerDefaults[RecomputeUserArgs]
	svc *Service
}

// Work refreshes one user's list.
func (w *recomputeUserWorker) Work(ctx context.Context, job *river.Job[RecomputeUserArgs]) error {
	return w.svc.RecomputeUser(ctx, job.Args.UserID)
}

// Workers registers recommend's River workers.
func Workers(w *river.Workers, svc *Service) {
	river.AddWorker(w, &recomputeWorker{svc: svc})
	river.AddWorker(w, &recomputeUserWorker{svc: svc})
	river.AddWorker(w, &republishWorker{svc: svc})
}

// PeriodicJobs schedules the full recompute every interval, and once when
// the app starts.
func PeriodicJobs(interval time.Duration) []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(interval),
			func() (river.JobArgs, *river.InsertOpts) {
				return RecomputeArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
			},
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}
