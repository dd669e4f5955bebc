package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// The bulk reads below feed the recommendations model: the movies it may
// recommend with the facts it compares them by, and where they play. They
// are read-only.

// recommendTopCast is how many top-billed actors describe a movie.
const recommendTopCast = 5

// RecommendableMovies returns every movie that is not archived, by id,
// each with its director(s) in Crew and its top-billed cast in Cast.
func (s *Service) RecommendableMovies(ctx context.Context) ([]Movie, error) {
	rows, err := s.q.MovieListForRecommend(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("recommendable movies: %w", err)
	}
	out := make([]Movie, len(rows))
	ids := make([]int64, len(rows))
	at := make(map[int64]int, len(rows))
	for i, r := range rows {
		out[i] = movieFromRow(r)
		ids[i] = r.ID
		at[r.ID] = i
	}
	credits, err := s.q.CreditListForRecommend(ctx, s.pool, catalogdb.CreditListForRecommendParams{
		MovieIds: ids, TopCast: recommendTopCast,
	})
	if err != nil {
		return nil, fmt.Errorf("credits of recommendable movies: %w", err)
	}
	for _, c := range credits {
		m := &out[at[c.MovieID]]
		cr := Credit{Name: c.Name, Role: c.Role}
		if c.Kind == "cast" {
			m.Cast = append(m.Cast, cr)
		} else {
			m.Crew = append(m.Crew, cr)
		}
	}
	return out, nil
}

// CityDemand is how a movie is doing in one city over a coming period.
type CityDemand struct {
	CitySlug  string
	MovieID   int64
	Shows     int
	SeatsSold int
}

// UpcomingDemand returns, per city and movie, the live shows in the next
// BrowseDays days and the seats already sold for them: which movies a
// visitor in that city can book, and how popular they are there.
func (s *Service) UpcomingDemand(ctx context.Context) ([]CityDemand, error) {
	now := s.now()
	rows, err := s.q.ShowDemandByCity(ctx, s.pool, catalogdb.ShowDemandByCityParams{
		FromTime: now, UntilTime: now.Add(BrowseDays * 24 * time.Hour),
	})
	if err != nil {
		return nil, fmt.Errorf("upcoming demand: %w", err)
	}
	out := make([]CityDemand, len(rows))
	for i, r := range rows {
		out[i] = CityDemand{CitySlug: r.CitySlug, MovieID: r.MovieID, Shows: int(r.Shows), SeatsSold: int(r.SeatsSold)}
	}
	return out, nil
}
