package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiListMaxAge is how long an app may reuse a catalogue listing;
// apiShowtimesMaxAge is shorter, as showtimes carry seat availability.
const (
	apiListMaxAge      = time.Minute
	apiShowtimesMaxAge = 15 * time.Second
)

// apiCity is a city in GET /api/v1/cities. Cities are keyed by slug (the
// catalogue has no other id for them); every city filter takes it.
type apiCity struct {
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Currency string `json:"currency"`
	TimeZone string `json:"time_zone"`
	Theaters int    `json:"theaters"`
	Shows    int    `json:"shows"`
}

// apiCitiesResponse is GET /api/v1/cities.
type apiCitiesResponse struct {
	Items []apiCity `json:"items"`
}

// apiCities is GET /api/v1/cities: every city by name, with how many
// theaters it has and how many shows start there in the next BrowseDays
// days.
func (h *Handler) apiCities(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := cache.Get(ctx, h.browse.cache, CacheListings, "api:cities:"+h.browse.minute(), func(ctx context.Context) (apiCitiesResponse, error) {
		return h.apiCityList(ctx)
	})
	if err != nil {
		return err
	}
	return web.CacheableJSON(c, apiListMaxAge, out)
}

func (h *Handler) apiCityList(ctx context.Context) (apiCitiesResponse, error) {
	cities, err := h.browse.Cities(ctx)
	if err != nil {
		return apiCitiesResponse{}, err
	}
	theaters, err := h.browse.Theaters(ctx, "")
	if err != nil {
		return apiCitiesResponse{}, err
	}
	perCity := map[string]int{}
	for _, t := range theaters {
		perCity[t.CitySlug]++
	}
	shows, err := h.svc.showCountByCity(ctx)
	if err != nil {
		return apiCitiesResponse{}, err
	}
	out := apiCitiesResponse{Items: make([]apiCity, len(cities))}
	for i, ct := range cities {
		out.Items[i] = apiCity{Slug: ct.Slug, Name: ct.Name, Currency: ct.Currency, TimeZone: ct.TimeZone,
			Theaters: perCity[ct.Slug], Shows: shows[ct.Slug]}
	}
	return out, nil
}

// showCountByCity counts the live shows starting in each city from now
// until BrowseDays days ahead.
func (s *Service) showCountByCity(ctx context.Context) (map[string]int, error) {
	now := s.now()
	rows, err := s.q.ShowCountByCity(ctx, s.read, catalogdb.ShowCountByCityParams{FromTime: now, UntilTime: now.AddDate(0, 0, BrowseDays)})
	if err != nil {
		return nil, fmt.Errorf("count shows by city: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.CitySlug] = int(r.Shows)
	}
	return out, nil
}
