package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
)

// openShow returns the show (from the show cache) and makes sure its seat
// inventory exists: the first buyer (or seat map) of a show creates one row
// per seat from the screen's layout and the show's prices. Concurrent first
// calls are safe.
// Errors: ErrNotFound.
func (s *Service) openShow(ctx context.Context, showID int64) (catalog.ShowDetail, error) {
	d, err := s.cache.get(ctx, showID, func(ctx context.Context) (catalog.ShowDetail, error) {
		return s.shows.ShowDetail(ctx, showID)
	})
	if errors.Is(err, catalog.ErrNotFound) {
		return catalog.ShowDetail{}, fmt.Errorf("show %d: %w", showID, ErrNotFound)
	}
	if err != nil {
		return catalog.ShowDetail{}, fmt.Errorf("show %d: %w", showID, err)
	}
	if s.cache.isOpen(showID) {
		return d, nil
	}
	n, err := s.q.ShowSeatCount(ctx, s.pool, showID)
	if err != nil {
		return catalog.ShowDetail{}, fmt.Errorf("count seats of show %d: %w", showID, err)
	}
	if n > 0 {
		s.cache.markOpen(showID)
		return d, nil
	}
	seats := d.Screen.Layout.Seats()
	p := bookingdb.ShowSeatMaterializeParams{ShowID: showID}
	for _, st := range seats {
		state := "free"
		if st.Blocked {
			state = "blocked"
		}
		p.Seats = append(p.Seats, st.Label)
		p.Rows = append(p.Rows, int16(st.Row))
		p.Cols = append(p.Cols, int16(st.Col))
		p.Categories = append(p.Categories, string(st.Category))
		p.Prices = append(p.Prices, d.Prices[st.Category])
		p.States = append(p.States, state)
	}
	if err := s.q.ShowSeatMaterialize(ctx, s.pool, p); err != nil {
		return catalog.ShowDetail{}, fmt.Errorf("create seats of show %d: %w", showID, err)
	}
	s.cache.markOpen(showID)
	return d, nil
}

// onSale reports whether tickets can be bought for the show now.
func (s *Service) onSale(d catalog.ShowDetail) bool {
	return d.Status == catalog.Scheduled && d.StartsAt.After(s.opts.Now())
}

// availabilityEvery is the most often one show's seat count is sent to the
// catalogue: on a hot show, hundreds of holds a second must not queue on the
// show's row just to refresh a display figure.
const availabilityEvery = 250 * time.Millisecond

// publishAvailability tells the catalogue how many seats are left (for
// "sold out" and "filling fast"), at most every availabilityEvery per show:
// a change inside that interval is sent once, when it ends. It is display
// information: the sale it follows has committed, so a failure is logged,
// never returned to the buyer, and the next change corrects the figure.
func (s *Service) publishAvailability(ctx context.Context, showID int64) {
	s.avail.run(ctx, showID, func(ctx context.Context) {
		if err := s.countSeats(ctx, showID); err != nil {
			s.opts.Log.Error("publish seat availability", "show", showID, "err", err)
		}
	})
}

func (s *Service) countSeats(ctx context.Context, showID int64) error {
	a, err := s.q.ShowSeatAvailable(ctx, s.pool, showID)
	if err != nil {
		return fmt.Errorf("count free seats of show %d: %w", showID, err)
	}
	return s.shows.SetAvailability(ctx, showID, int(a.Available))
}
