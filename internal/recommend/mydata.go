package recommend

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// Name labels recommend's part of a personal data export.
func (s *Service) Name() string { return "recommendations" }

type exportedRating struct {
	MovieID   int64     `json:"movie_id"`
	Stars     int       `json:"stars"`
	Review    string    `json:"review,omitempty"`
	Hidden    bool      `json:"hidden_by_staff,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

type exportedEvent struct {
	MovieID int64     `json:"movie_id"`
	Kind    string    `json:"kind"`
	FromRec string    `json:"from_recommendation,omitempty"`
	At      time.Time `json:"at"`
}

type exportedData struct {
	Ratings      []exportedRating `json:"ratings"`
	Interactions []exportedEvent  `json:"interactions"`
}

// ExportUser returns the user's ratings and every interaction recorded for
// recommendations (the account module's "download my data").
func (s *Service) ExportUser(ctx context.Context, userID int64) (any, error) {
	ratings, err := s.q.RatingListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("export ratings of user %d: %w", userID, err)
	}
	events, err := s.q.EventListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("export interactions of user %d: %w", userID, err)
	}
	out := exportedData{Ratings: []exportedRating{}, Interactions: []exportedEvent{}}
	for _, r := range ratings {
		out.Ratings = append(out.Ratings, exportedRating{MovieID: r.MovieID, Stars: int(r.Stars), Review: r.Review,
			Hidden: r.Hidden, UpdatedAt: r.UpdatedAt})
	}
	for _, e := range events {
		x := exportedEvent{MovieID: e.MovieID, Kind: e.Kind, At: e.CreatedAt}
		if e.FromRec != nil {
			x.FromRec = *e.FromRec
		}
		out.Interactions = append(out.Interactions, x)
	}
	return out, nil
}

// EraseUser deletes everything recommend holds about the user inside the
// account deletion's transaction. The averages of the movies they rated
// are republished once it commits (the next full recompute also does).
func (s *Service) EraseUser(ctx context.Context, tx pgx.Tx, userID int64) error {
	rated, err := s.q.RatingDeleteForUser(ctx, tx, userID)
	if err != nil {
		return fmt.Errorf("erase ratings of user %d: %w", userID, err)
	}
	for _, del := range []func(context.Context, recommenddb.DBTX, int64) error{
		s.q.UserMovieDeleteForUser, s.q.EventDeleteForUser, s.q.UserRecDeleteForUser,
	} {
		if err := del(ctx, tx, userID); err != nil {
			return fmt.Errorf("erase signals of user %d: %w", userID, err)
		}
	}
	if len(rated) > 0 {
		return s.jobs.RepublishRatings(ctx, tx, rated)
	}
	return nil
}
