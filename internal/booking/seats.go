package booking

import (
	"context"
	"fmt"
)

// BookedSeatLabels lists the seats held or sold for any of the shows (the
// catalogue asks before a layout edit removes seats).
func (s *Service) BookedSeatLabels(ctx context.Context, showIDs []int64) ([]string, error) {
	seats, err := s.q.BookingSeatLiveForShows(ctx, s.pool, showIDs)
	if err != nil {
		return nil, fmt.Errorf("booked seats of shows %v: %w", showIDs, err)
	}
	return seats, nil
}
