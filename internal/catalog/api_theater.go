package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiTheaterDetail is GET /api/v1/theaters/{id}.
type apiTheaterDetail struct {
	apiTheater
	CityName string            `json:"city_name"`
	Currency string            `json:"currency"`
	Screens  []apiScreen       `json:"screens"`
	Date     string            `json:"date"`
	Movies   []apiMovieShowing `json:"movies"`
}

// apiScreen is an auditorium of a theater.
type apiScreen struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Formats   []string `json:"formats"`
	SeatCount int      `json:"seat_count"`
}

// apiMovieShowing is one movie's shows of the day at a theater.
type apiMovieShowing struct {
	Movie apiMovieRef   `json:"movie"`
	Shows []apiShowtime `json:"shows"`
}

// apiMovieRef names a movie.
type apiMovieRef struct {
	ID             int64  `json:"id"`
	Slug           string `json:"slug"`
	Title          string `json:"title"`
	PosterURL      string `json:"poster_url"`
	Certification  string `json:"certification"`
	RuntimeMinutes int    `json:"runtime_minutes"`
}

// apiTheaterPage is GET /api/v1/theaters/:id?date=YYYY-MM-DD: the theater,
// its screens and the shows still to start on date (the theater's local
// day; today by default) by movie, most popular first.
// Errors: ErrNotFound (404), 422 for a bad date.
func (h *Handler) apiTheaterPage(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := parsePublicID(c.Param("id"))
	if err != nil {
		return err
	}
	raw := c.QueryParam("date")
	if _, ok := apiDate(raw, time.UTC); raw != "" && !ok {
		return validate.Errors{"date": "Give the date as YYYY-MM-DD."}
	}
	t, err := cache.Get(ctx, h.browse.cache, CacheListings, fmt.Sprintf("api:theater:%d", id), func(ctx context.Context) (Theater, error) {
		return h.svc.theater(ctx, h.svc.read, id)
	})
	if err != nil {
		return err
	}
	city, err := h.browse.City(ctx, t.CitySlug)
	if err != nil {
		return err
	}
	screens, err := cache.Get(ctx, h.browse.cache, CacheListings, fmt.Sprintf("api:screens:%d", id), func(ctx context.Context) ([]apiScreen, error) {
		return h.svc.publicScreens(ctx, id)
	})
	if err != nil {
		return err
	}
	loc := t.Location()
	day, _ := DayRange(h.svc.now(), loc)
	if raw != "" {
		day, _ = apiDate(raw, loc)
	}
	shows, err := h.browse.TheaterShowtimes(ctx, t, day)
	if err != nil {
		return err
	}
	out := apiTheaterDetail{apiTheater: apiTheaterOf(t), CityName: city.Name, Currency: city.Currency,
		Screens: screens, Date: day.Format(time.DateOnly), Movies: []apiMovieShowing{}}
	for _, m := range shows {
		ms := apiMovieShowing{Movie: apiMovieRef{Slug: m.MovieSlug, Title: m.MovieTitle, PosterURL: m.PosterURL,
			Certification: m.Certification, RuntimeMinutes: m.RuntimeMinutes}}
		var all []Showtime
		for _, g := range m.Groups {
			all = append(all, g.Shows...)
		}
		slices.SortFunc(all, func(a, b Showtime) int {
			return cmp.Or(a.StartsAt.Compare(b.StartsAt), cmp.Compare(a.ID, b.ID))
		})
		for _, s := range all {
			ms.Movie.ID = s.MovieID
			ms.Shows = append(ms.Shows, apiShowtimeOf(s.Show, s.ScreenName, loc, city.Currency))
		}
		out.Movies = append(out.Movies, ms)
	}
	return web.CacheableJSON(c, apiShowtimesMaxAge, out)
}

// publicScreens lists a theater's screens without their layouts.
func (s *Service) publicScreens(ctx context.Context, theaterID int64) ([]apiScreen, error) {
	screens, err := s.Screens(ctx, theaterID)
	if err != nil {
		return nil, err
	}
	out := make([]apiScreen, len(screens))
	for i, sc := range screens {
		out[i] = apiScreen{ID: sc.ID, Name: sc.Name, Formats: nonNil(sc.Formats), SeatCount: sc.SeatCount}
	}
	return out, nil
}
