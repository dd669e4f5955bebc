package recommend

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// ReviewPageSize is how many reviews a moderation page lists.
const ReviewPageSize = 50

// ReviewsForModeration lists reviews with text, newest first (only hidden
// ones when onlyHidden), page from 1.
func (s *Service) ReviewsForModeration(ctx context.Context, onlyHidden bool, page int) ([]Rating, error) {
	rows, err := s.q.RatingListReviews(ctx, s.pool, recommenddb.RatingListReviewsParams{
		OnlyHidden: onlyHidden, Lim: ReviewPageSize, Off: int32((max(page, 1) - 1) * ReviewPageSize),
	})
	if err != nil {
		return nil, fmt.Errorf("reviews for moderation: %w", err)
	}
	out := make([]Rating, len(rows))
	for i, r := range rows {
		out[i] = ratingFromRow(r)
	}
	return out, nil
}

// SetReviewHidden hides a review from the movie page, or shows it again.
// Errors: ErrNotFound.
func (s *Service) SetReviewHidden(ctx context.Context, ratingID int64, hidden bool) (Rating, error) {
	row, err := s.q.RatingSetHidden(ctx, s.pool, recommenddb.RatingSetHiddenParams{ID: ratingID, Hidden: hidden})
	if errors.Is(err, pgx.ErrNoRows) {
		return Rating{}, fmt.Errorf("review %d: %w", ratingID, ErrNotFound)
	}
	if err != nil {
		return Rating{}, fmt.Errorf("moderate review %d: %w", ratingID, err)
	}
	return ratingFromRow(row), nil
}

// RecStats is how recommendations performed on one surface.
type RecStats struct {
	Surface  string
	Clicks   int
	Bookings int // bookings attributed to a click on a recommendation
}

// Performance counts clicks on recommendations and the bookings they led
// to since the given time, per surface.
func (s *Service) Performance(ctx context.Context, since time.Time) ([]RecStats, error) {
	rows, err := s.q.EventRecStats(ctx, s.pool, since)
	if err != nil {
		return nil, fmt.Errorf("recommendation performance: %w", err)
	}
	var out []RecStats
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].Surface != r.Surface {
			out = append(out, RecStats{Surface: r.Surface})
		}
		st := &out[len(out)-1]
		switch r.Kind {
		case "click":
			st.Clicks = int(r.N)
		case "booking":
			st.Bookings = int(r.N)
		}
	}
	return out, nil
}
