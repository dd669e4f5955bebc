package booking

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// What a theater management system's sync (the tms module) needs of the
// inventory: seats the theater sold at its own counter are blocked here,
// and freed again when the theater's system frees them.

// SeatConflict is a seat the theater's system sold that one of our buyers
// holds or bought: it stays theirs.
type SeatConflict struct {
	Seat      string
	State     string // "held" or "booked"
	BookingID int64
}

// BlockSeats blocks the free seats among labels on the show's seat map, so
// no buyer can hold them, and returns those it blocked; a seat a buyer
// holds or bought is left to them and returned as a conflict, and a seat
// already blocked (by the layout or an earlier call) is neither. Open seat
// maps hear of the change. Errors: ErrNotFound.
func (s *Service) BlockSeats(ctx context.Context, showID int64, labels []string) (blocked []string, conflicts []SeatConflict, err error) {
	if len(labels) == 0 {
		return nil, nil, nil
	}
	if _, err := s.openShow(ctx, showID); err != nil {
		return nil, nil, err
	}
	labels = slices.Sorted(slices.Values(labels))
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		blocked, conflicts = blocked[:0], conflicts[:0]
		rows, err := s.q.ShowSeatLockLabels(ctx, tx, bookingdb.ShowSeatLockLabelsParams{ShowID: showID, Seats: labels})
		if err != nil {
			return fmt.Errorf("lock seats: %w", err)
		}
		for _, r := range rows {
			switch r.State {
			case "free":
				blocked = append(blocked, r.Seat)
			case "held", "booked":
				var id int64
				if r.BookingID != nil {
					id = *r.BookingID
				}
				conflicts = append(conflicts, SeatConflict{Seat: r.Seat, State: r.State, BookingID: id})
			}
		}
		if len(blocked) == 0 {
			return nil
		}
		if _, err := s.q.ShowSeatBlockFree(ctx, tx, bookingdb.ShowSeatBlockFreeParams{ShowID: showID, Seats: blocked}); err != nil {
			return fmt.Errorf("block seats: %w", err)
		}
		return announce(ctx, tx, showID)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("block %d seats of show %d: %w", len(labels), showID, err)
	}
	s.publishAvailability(ctx, showID)
	return blocked, conflicts, nil
}

// UnblockSeats frees the blocked seats among labels (seats BlockSeats
// blocked; the caller never names a seat the layout blocks) and returns how
// many it freed. Errors: ErrNotFound.
func (s *Service) UnblockSeats(ctx context.Context, showID int64, labels []string) (int, error) {
	if len(labels) == 0 {
		return 0, nil
	}
	if _, err := s.openShow(ctx, showID); err != nil {
		return 0, err
	}
	var n int64
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		n, err = s.q.ShowSeatUnblock(ctx, tx, bookingdb.ShowSeatUnblockParams{ShowID: showID, Seats: labels})
		if err != nil || n == 0 {
			return err
		}
		return announce(ctx, tx, showID)
	})
	if err != nil {
		return 0, fmt.Errorf("unblock seats of show %d: %w", showID, err)
	}
	s.publishAvailability(ctx, showID)
	return int(n), nil
}

// LiveBookings counts the show's bookings that hold or own seats: the
// buyers a change of the show's time concerns. Errors: none of its own.
func (s *Service) LiveBookings(ctx context.Context, showID int64) (int, error) {
	ids, err := s.q.BookingLiveIDsForShow(ctx, s.pool, showID)
	if err != nil {
		return 0, fmt.Errorf("bookings of show %d: %w", showID, err)
	}
	return len(ids), nil
}
