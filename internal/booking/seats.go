package booking

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// BookedSeatLabels lists the seats held or sold for any of the shows (the
// catalogue asks, inside its transaction, before a layout edit removes
// seats).
func (s *Service) BookedSeatLabels(ctx context.Context, tx pgx.Tx, showIDs []int64) ([]string, error) {
	seats, err := s.q.BookingSeatLiveForShows(ctx, tx, showIDs)
	if err != nil {
		return nil, fmt.Errorf("booked seats of shows %v: %w", showIDs, err)
	}
	return seats, nil
}
