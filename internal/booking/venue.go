package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments"
)

// VenueOf says where booking id is sold, its show's chain and city, which
// decides the ways to pay it. Errors: ErrNotFound.
func (s *Service) VenueOf(ctx context.Context, id int64) (payments.Venue, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return payments.Venue{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return payments.Venue{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return payments.Venue{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	return payments.Venue{ChainID: d.Chain.ID, CitySlug: d.City.Slug}, nil
}
