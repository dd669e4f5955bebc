package catalog

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiMovieSummary is a movie in GET /api/v1/movies.
type apiMovieSummary struct {
	ID             int64     `json:"id"`
	Slug           string    `json:"slug"`
	Title          string    `json:"title"`
	PosterURL      string    `json:"poster_url"`
	RuntimeMinutes int       `json:"runtime_minutes"`
	Certification  string    `json:"certification"`
	Genres         []string  `json:"genres"`
	Languages      []string  `json:"languages"`
	Formats        []string  `json:"formats"`
	ReleaseDate    string    `json:"release_date"`
	Status         string    `json:"status"`
	Rating         apiRating `json:"rating"`
}

// apiRating is a movie's audience rating out of 10 (null until rated).
type apiRating struct {
	Average *float64 `json:"average"`
	Count   int      `json:"count"`
}

func apiMovieSummaryOf(m Movie) apiMovieSummary {
	return apiMovieSummary{
		ID: m.ID, Slug: m.Slug, Title: m.Title, PosterURL: m.PosterURL(), RuntimeMinutes: m.RuntimeMinutes,
		Certification: m.Certification, Genres: nonNil(m.Genres), Languages: m.Languages(), Formats: nonNil(m.Formats),
		ReleaseDate: m.ReleaseDate.Format(time.DateOnly), Status: string(m.Status),
		Rating: apiRating{Average: m.Rating, Count: m.RatingCount},
	}
}

// apiMoviesResponse is GET /api/v1/movies.
type apiMoviesResponse struct {
	Items      []apiMovieSummary `json:"items"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

// movieListFilter is what GET /api/v1/movies asks for, checked.
type movieListFilter struct {
	Status, Genre, Language, Format string // "" for any
	City                            *City
	// From and Until bound the shows in City that count.
	From, Until time.Time
}

// movieCursor is the keyset position after the last movie of a page:
// (-popularity, id).
type movieCursor struct {
	Rank int64 `json:"mr"`
	ID   int64 `json:"mi"`
}

// apiMovies is GET /api/v1/movies?city=&date=&genre=&language=&format=
// &status=&cursor=&limit=: movies, most popular first. Errors: 400 for a
// bad cursor or limit, 422 naming each bad filter.
func (h *Handler) apiMovies(c echo.Context) error {
	ctx := c.Request().Context()
	limit, err := web.PageLimit(c)
	if err != nil {
		return err
	}
	after := movieCursor{Rank: math.MinInt64}
	if err := web.DecodeCursor(c, &after); err != nil {
		return err
	}
	f, err := h.movieListFilter(c)
	if err != nil {
		return err
	}
	city := ""
	if f.City != nil {
		city = f.City.Slug
	}
	key := fmt.Sprintf("api:movies:%s|%s|%s|%s|%s|%d|%d|%d|%d|%d|%s", f.Status, f.Genre, f.Language, f.Format, city,
		f.From.Unix(), f.Until.Unix(), after.Rank, after.ID, limit, h.browse.minute())
	out, err := cache.Get(ctx, h.browse.cache, CacheListings, key, func(ctx context.Context) (apiMoviesResponse, error) {
		movies, next, err := h.svc.publicMovies(ctx, f, after, limit)
		if err != nil {
			return apiMoviesResponse{}, err
		}
		out := apiMoviesResponse{Items: make([]apiMovieSummary, len(movies))}
		for i, m := range movies {
			out.Items[i] = apiMovieSummaryOf(m)
		}
		if next != nil {
			out.NextCursor = web.EncodeCursor(next)
		}
		return out, nil
	})
	if err != nil {
		return err
	}
	return web.CacheableJSON(c, apiListMaxAge, out)
}

// movieListFilter reads and checks the list's filters.
func (h *Handler) movieListFilter(c echo.Context) (movieListFilter, error) {
	ctx := c.Request().Context()
	var f movieListFilter
	var errs validate.Errors
	switch st := MovieStatus(c.QueryParam("status")); st {
	case "", ComingSoon, NowShowing, Archived:
		f.Status = string(st)
	default:
		errs.Add("status", "Choose now_showing, coming_soon or archived.")
	}
	if g := c.QueryParam("genre"); g != "" {
		genres, err := cache.Get(ctx, h.browse.cache, CacheListings, "genres", h.svc.Genres)
		if err != nil {
			return f, err
		}
		f.Genre = pickFold(genres, g)
		errs.Check(f.Genre != "", "genre", "We have no movies in that genre.")
	}
	if l := c.QueryParam("language"); l != "" {
		langs, err := cache.Get(ctx, h.browse.cache, CacheListings, "languages", h.svc.Languages)
		if err != nil {
			return f, err
		}
		f.Language = pickFold(langs, l)
		errs.Check(f.Language != "", "language", "We have no movies in that language.")
	}
	if fm := c.QueryParam("format"); fm != "" {
		f.Format = pickFold(Formats(), fm)
		errs.Check(f.Format != "", "format", "Choose one of "+strings.Join(Formats(), ", ")+".")
	}
	city, err := h.apiCityParam(c, &errs)
	if err != nil {
		return f, err
	}
	if city != nil {
		f.City = city
		today, _ := DayRange(h.svc.now(), city.Location())
		f.From, f.Until = h.svc.now(), today.AddDate(0, 0, BrowseDays)
	}
	if raw := c.QueryParam("date"); raw != "" {
		_, ok := apiDate(raw, time.UTC)
		switch {
		case !ok:
			errs.Add("date", "Give the date as YYYY-MM-DD.")
		case c.QueryParam("city") == "":
			errs.Add("date", "Choose a city to see a day's movies.")
		case city != nil:
			day, _ := apiDate(raw, city.Location())
			f.From, f.Until = DayRange(day, city.Location())
			if now := h.svc.now(); f.From.Before(now) {
				f.From = now
			}
		}
	}
	return f, errs.Err()
}

// apiCityParam reads the `city` query parameter (a city's slug): nil when
// absent, a field error when there is no such city.
func (h *Handler) apiCityParam(c echo.Context, errs *validate.Errors) (*City, error) {
	slug := c.QueryParam("city")
	if slug == "" {
		return nil, nil
	}
	if len(slug) > 100 {
		errs.Add("city", "No such city.")
		return nil, nil
	}
	city, err := h.browse.City(c.Request().Context(), strings.ToLower(slug))
	if errors.Is(err, ErrNotFound) {
		errs.Add("city", "No such city.")
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &city, nil
}

// apiDate parses YYYY-MM-DD as midnight in loc.
func apiDate(raw string, loc *time.Location) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, raw, loc)
	return d, err == nil
}

// pickFold returns the item of list equal to v ignoring case, or "".
func pickFold(list []string, v string) string {
	i := slices.IndexFunc(list, func(s string) bool { return strings.EqualFold(s, v) })
	if i < 0 {
		return ""
	}
	return list[i]
}

// publicMovies returns up to limit movies matching f after the cursor,
// and the cursor of the next page (nil on the last).
func (s *Service) publicMovies(ctx context.Context, f movieListFilter, after movieCursor, limit int) ([]Movie, *movieCursor, error) {
	p := catalogdb.MovieListPublicParams{
		Status: orNil(f.Status), Genre: orNil(f.Genre), Language: orNil(f.Language), Format: orNil(f.Format),
		FromTime: f.From, UntilTime: f.Until, AfterRank: after.Rank, AfterID: after.ID, Lim: int32(limit + 1),
	}
	if f.City != nil {
		p.CitySlug = &f.City.Slug
	}
	rows, err := s.q.MovieListPublic(ctx, s.read, p)
	if err != nil {
		return nil, nil, fmt.Errorf("list movies for the API: %w", err)
	}
	var next *movieCursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = &movieCursor{Rank: -int64(last.Popularity), ID: last.ID}
	}
	out := make([]Movie, len(rows))
	for i, r := range rows {
		out[i] = movieFromRow(r)
	}
	return out, next, nil
}

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
