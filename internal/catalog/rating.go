package catalog

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// SetRating records a movie's average audience rating (0-10) and how many
// ratings it averages; the recommendations module keeps it current.
// Errors: ErrNotFound, ErrInvalid.
func (s *Service) SetRating(ctx context.Context, movieID int64, rating float64, count int) error {
	if rating < 0 || rating > 10 || count < 0 {
		return validate.Errors{"rating": "A rating is between 0 and 10."}
	}
	if _, err := s.Movie(ctx, movieID); err != nil {
		return err
	}
	r := float64(int(rating*10+0.5)) / 10
	if err := s.q.MovieSetRating(ctx, s.pool, catalogdb.MovieSetRatingParams{ID: movieID, Rating: &r, RatingCount: int32(count)}); err != nil {
		return fmt.Errorf("set rating of movie %d: %w", movieID, err)
	}
	return nil
}
