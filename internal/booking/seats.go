package booking

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
)

// refuseBookedSeats answers the catalogue, inside its transaction, before
// a layout edit removes seats: a *catalog.SeatsBookedError names those of
// removed that are held or sold for any of the shows.
func (s *Service) refuseBookedSeats(ctx context.Context, tx pgx.Tx, showIDs []int64, removed []string) error {
	booked, err := s.q.BookingSeatLiveForShows(ctx, tx, showIDs)
	if err != nil {
		return fmt.Errorf("booked seats of shows %v: %w", showIDs, err)
	}
	var hit []string
	for _, l := range removed {
		if slices.Contains(booked, l) {
			hit = append(hit, l)
		}
	}
	if len(hit) > 0 {
		return &catalog.SeatsBookedError{Seats: hit}
	}
	return nil
}
