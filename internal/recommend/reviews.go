package recommend

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// ReviewsCursor is the keyset position of a page of reviews: the last
// review of the previous page (newest first). The zero value is the first
// page.
type ReviewsCursor struct {
	UpdatedAt time.Time `json:"t"`
	ID        int64     `json:"i"`
}

// ReviewsPage returns up to limit of a movie's reviews that staff have not
// hidden, newest first, after the position after, and the position of the
// next page (nil on the last). Errors: ErrNotFound for an unknown movie.
func (s *Service) ReviewsPage(ctx context.Context, movieID int64, after ReviewsCursor, limit int) ([]Rating, *ReviewsCursor, error) {
	if _, err := s.catalog.Movie(ctx, movieID); err != nil {
		return nil, nil, fmt.Errorf("reviews of movie %d: %w", movieID, ErrNotFound)
	}
	rows, err := s.q.RatingListVisibleForMovieAfter(ctx, s.pool, recommenddb.RatingListVisibleForMovieAfterParams{
		MovieID: movieID, First: after.ID == 0, BeforeAt: after.UpdatedAt, BeforeID: after.ID, Lim: int32(limit + 1)})
	if err != nil {
		return nil, nil, fmt.Errorf("reviews of movie %d: %w", movieID, err)
	}
	var next *ReviewsCursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = &ReviewsCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
	}
	out := make([]Rating, len(rows))
	for i, r := range rows {
		out[i] = ratingFromRow(r)
	}
	return out, next, nil
}

// DeleteRating removes the user's rating (and review) of a movie, takes
// it out of their recommendations' inputs and publishes the movie's new
// average. Errors: ErrNotFound when they have not rated it.
func (s *Service) DeleteRating(ctx context.Context, userID, movieID int64) error {
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := s.q.RatingDelete(ctx, tx, recommenddb.RatingDeleteParams{UserID: userID, MovieID: movieID}); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("rating of movie %d by user %d: %w", movieID, userID, ErrNotFound)
			}
			return fmt.Errorf("delete rating of movie %d by user %d: %w", movieID, userID, err)
		}
		if err := s.q.UserMovieRated(ctx, tx, recommenddb.UserMovieRatedParams{UserID: userID, MovieID: movieID}); err != nil {
			return fmt.Errorf("forget rating of movie %d by user %d: %w", movieID, userID, err)
		}
		if err := s.jobs.RecomputeUser(ctx, tx, userID); err != nil {
			return fmt.Errorf("schedule recommendations of user %d: %w", userID, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.publishRating(ctx, movieID)
}
