package recommend

import (
	"context"
	"fmt"
	"time"
)

// The lists a recommendation is shown in, for click attribution: each is
// shown on surfaces (home, movie, booking, email, api).
const (
	ListMovies   = "movies"   // recommended movies
	ListShows    = "shows"    // "Showtimes for you"
	ListTheaters = "theaters" // "Theaters you may like"
)

// ListStats is how one list did on one surface.
type ListStats struct {
	List     string
	Surface  string
	Clicks   int
	Bookings int // bookings attributed to a click on the list
}

// PerformanceByList counts clicks on each list on each surface since the
// given time, and the bookings they led to: of the movie, for movies and
// shows, and at the theater, for theaters (BookedAt).
func (s *Service) PerformanceByList(ctx context.Context, since time.Time) ([]ListStats, error) {
	rows, err := s.q.EventRecStatsByList(ctx, s.pool, since)
	if err != nil {
		return nil, fmt.Errorf("recommendation performance by list: %w", err)
	}
	var out []ListStats
	for _, r := range rows {
		if n := len(out); n == 0 || out[n-1].List != r.List || out[n-1].Surface != r.Surface {
			out = append(out, ListStats{List: r.List, Surface: r.Surface})
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
