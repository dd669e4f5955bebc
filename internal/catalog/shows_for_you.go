package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// BookableShowLimit is the most shows BookableShowsIn returns at once.
const BookableShowLimit = 1000

// BookableShowsIn lists the scheduled shows with seats left in the city
// starting in [from, until), of movieIDs (every movie when empty), soonest
// first, at most BookableShowLimit of them. It reads the read pool: seat
// counts may lag a moment, so it suggests shows and never decides a sale.
func (s *Service) BookableShowsIn(ctx context.Context, citySlug string, movieIDs []int64, from, until time.Time) ([]Show, error) {
	if movieIDs == nil {
		movieIDs = []int64{}
	}
	rows, err := s.q.ShowListBookableInCity(ctx, s.read, catalogdb.ShowListBookableInCityParams{
		CitySlug: citySlug, FromTime: from, UntilTime: until, MovieIds: movieIDs, Lim: BookableShowLimit,
	})
	if err != nil {
		return nil, fmt.Errorf("bookable shows in %s: %w", citySlug, err)
	}
	return showsFromRows(rows)
}
