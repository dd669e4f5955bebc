package catalog

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiTheater is a theater in GET /api/v1/theaters.
type apiTheater struct {
	ID        int64        `json:"id"`
	Slug      string       `json:"slug"`
	Name      string       `json:"name"`
	Address   string       `json:"address"`
	City      string       `json:"city"`
	TimeZone  string       `json:"time_zone"`
	Latitude  *float64     `json:"latitude"`
	Longitude *float64     `json:"longitude"`
	Amenities []apiAmenity `json:"amenities"`
	// DistanceKm is set when the list was asked for near a point and the
	// theater has coordinates.
	DistanceKm *float64 `json:"distance_km,omitempty"`
}

// apiAmenity is an amenity's code and its label.
type apiAmenity struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

func apiTheaterOf(t Theater) apiTheater {
	out := apiTheater{ID: t.ID, Slug: t.Slug, Name: t.Name, Address: t.Address, City: t.CitySlug, TimeZone: t.TimeZone,
		Latitude: t.Latitude, Longitude: t.Longitude, Amenities: []apiAmenity{}}
	labels := Amenities()
	for _, a := range t.Amenities {
		if l, ok := labels[a]; ok {
			out.Amenities = append(out.Amenities, apiAmenity{Code: a, Label: l})
		}
	}
	slices.SortFunc(out.Amenities, func(a, b apiAmenity) int { return cmp.Compare(a.Label, b.Label) })
	return out
}

// apiTheatersResponse is GET /api/v1/theaters.
type apiTheatersResponse struct {
	Items      []apiTheater `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

// theaterCursor is the position after a page by name; nearCursor after a
// page by distance (Far: the theater had no coordinates).
type theaterCursor struct {
	Name string `json:"tn"`
	ID   int64  `json:"ti"`
}

type nearCursor struct {
	Far int32   `json:"nf"`
	Km  float64 `json:"nk"`
	ID  int64   `json:"ni"`
}

// apiTheaters is GET /api/v1/theaters?city=&lat=&lng=&cursor=&limit=: the
// theaters of city (or every city) by name, or, given lat and lng, nearest
// first with each one's distance (those without coordinates last).
// Errors: 400 for a bad cursor or limit, 422 naming a bad city, lat or lng.
func (h *Handler) apiTheaters(c echo.Context) error {
	ctx := c.Request().Context()
	limit, err := web.PageLimit(c)
	if err != nil {
		return err
	}
	var errs validate.Errors
	city, err := h.apiCityParam(c, &errs)
	if err != nil {
		return err
	}
	lat, lng, near := apiPoint(c, &errs)
	if near {
		after := nearCursor{Far: -1}
		if err := web.DecodeCursor(c, &after); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		// Points vary per caller: not worth a cache entry each.
		out, err := h.svc.publicTheatersNear(ctx, city, lat, lng, after, limit)
		if err != nil {
			return err
		}
		return web.CacheableJSON(c, apiListMaxAge, out)
	}
	var after theaterCursor
	if err := web.DecodeCursor(c, &after); err != nil {
		return err
	}
	if err := errs.Err(); err != nil {
		return err
	}
	citySlug := ""
	if city != nil {
		citySlug = city.Slug
	}
	key := fmt.Sprintf("api:theaters:%s|%q|%d|%d", citySlug, after.Name, after.ID, limit)
	out, err := cache.Get(ctx, h.browse.cache, CacheListings, key, func(ctx context.Context) (apiTheatersResponse, error) {
		return h.svc.publicTheaters(ctx, citySlug, after, limit)
	})
	if err != nil {
		return err
	}
	return web.CacheableJSON(c, apiListMaxAge, out)
}

// apiPoint reads lat and lng (both or neither, in range); near reports
// whether a valid point was given.
func apiPoint(c echo.Context, errs *validate.Errors) (lat, lng float64, near bool) {
	rawLat, rawLng := c.QueryParam("lat"), c.QueryParam("lng")
	if rawLat == "" && rawLng == "" {
		return 0, 0, false
	}
	if rawLat == "" || rawLng == "" {
		field := "lat"
		if rawLng == "" {
			field = "lng"
		}
		errs.Add(field, "Give both lat and lng, or neither.")
		return 0, 0, false
	}
	lat, errLat := strconv.ParseFloat(rawLat, 64)
	lng, errLng := strconv.ParseFloat(rawLng, 64)
	okLat := errLat == nil && lat >= -90 && lat <= 90
	okLng := errLng == nil && lng >= -180 && lng <= 180
	errs.Check(okLat, "lat", "Latitude is a number from -90 to 90.")
	errs.Check(okLng, "lng", "Longitude is a number from -180 to 180.")
	return lat, lng, okLat && okLng
}

// publicTheaters is one page of theaters by name.
func (s *Service) publicTheaters(ctx context.Context, citySlug string, after theaterCursor, limit int) (apiTheatersResponse, error) {
	rows, err := s.q.TheaterListPublic(ctx, s.read, catalogdb.TheaterListPublicParams{
		CitySlug: orNil(citySlug), AfterName: after.Name, AfterID: after.ID, Lim: int32(limit + 1),
	})
	if err != nil {
		return apiTheatersResponse{}, fmt.Errorf("list theaters for the API: %w", err)
	}
	out := apiTheatersResponse{Items: []apiTheater{}}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.NextCursor = web.EncodeCursor(theaterCursor{Name: last.Name, ID: last.ID})
	}
	for _, r := range rows {
		out.Items = append(out.Items, apiTheaterOf(theaterFromRow(r)))
	}
	return out, nil
}

// publicTheatersNear is one page of theaters nearest (lat, lng) first.
func (s *Service) publicTheatersNear(ctx context.Context, city *City, lat, lng float64, after nearCursor, limit int) (apiTheatersResponse, error) {
	p := catalogdb.TheaterListPublicByDistanceParams{
		Lat: lat, Lng: lng, AfterFar: after.Far, AfterKm: after.Km, AfterID: after.ID, Lim: int32(limit + 1),
	}
	if city != nil {
		p.CitySlug = &city.Slug
	}
	rows, err := s.q.TheaterListPublicByDistance(ctx, s.read, p)
	if err != nil {
		return apiTheatersResponse{}, fmt.Errorf("list theaters near a point for the API: %w", err)
	}
	out := apiTheatersResponse{Items: []apiTheater{}}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.NextCursor = web.EncodeCursor(nearCursor{Far: last.Far, Km: last.DistanceKm, ID: last.CatalogTheater.ID})
	}
	for _, r := range rows {
		t := apiTheaterOf(theaterFromRow(r.CatalogTheater))
		if r.Far == 0 {
			km := math.Round(r.DistanceKm*100) / 100 // to 10 m
			t.DistanceKm = &km
		}
		out.Items = append(out.Items, t)
	}
	return out, nil
}
