package catalog

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// SetRating records a movie's average audience rating (0-10) and how many
// ratings it averages; the recommendations module keeps it current.
// Errors: ErrNotFound, ErrInvalid.
func (s *Service) SetRating(ctx context.Context, movieID int64, rating float64, count int) error {
	if rating < 0 || rating > 10 || count < 0 {
		return validate.Errors{"rating": "A rating is between 0 and 10."}
	}
	m, err := s.Movie(ctx, movieID)
	if err != nil {
		return err
	}
	r := float64(int(rating*10+0.5)) / 10
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.MovieSetRating(ctx, tx, catalogdb.MovieSetRatingParams{ID: movieID, Rating: &r, RatingCount: int32(count)}); err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: MovieSaved, MovieID: movieID, OldStatus: m.Status, NewStatus: m.Status})
	})
	if err != nil {
		return fmt.Errorf("set rating of movie %d: %w", movieID, err)
	}
	return nil
}
