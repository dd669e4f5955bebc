package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiMovieDetail is GET /api/v1/movies/{id}.
type apiMovieDetail struct {
	apiMovieSummary
	Tagline           string              `json:"tagline"`
	Synopsis          string              `json:"synopsis"`
	SubtitleLanguages []string            `json:"subtitle_languages"`
	TrailerURL        *string             `json:"trailer_url"`
	Cast              []apiCredit         `json:"cast"`
	Crew              []apiCredit         `json:"crew"`
	Showtimes         []apiTheaterShowing `json:"showtimes"`
}

// apiCredit is a person's part: a character for cast, a job for crew.
type apiCredit struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	Role     string `json:"role"`
}

// apiTheaterShowing is a movie's shows at one theater, by local day.
type apiTheaterShowing struct {
	Theater apiTheaterRef `json:"theater"`
	Days    []apiShowDay  `json:"days"`
}

// apiTheaterRef names a theater.
type apiTheaterRef struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	City string `json:"city"`
}

// apiShowDay is the shows of one local day (the theater's), by start.
type apiShowDay struct {
	Date  string        `json:"date"`
	Shows []apiShowtime `json:"shows"`
}

// apiMovie is GET /api/v1/movies/:id?city=&date=: the movie with its
// credits, rating and trailer, and its shows by theater and local day:
// those of date, or of the next BrowseDays days, in city or everywhere.
// Errors: ErrNotFound (404), 422 naming a bad city or date.
func (h *Handler) apiMovie(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := parsePublicID(c.Param("id"))
	if err != nil {
		return err
	}
	var errs validate.Errors
	city, err := h.apiCityParam(c, &errs)
	if err != nil {
		return err
	}
	date := c.QueryParam("date")
	if _, ok := apiDate(date, time.UTC); date != "" && !ok {
		errs.Add("date", "Give the date as YYYY-MM-DD.")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	m, err := cache.Get(ctx, h.browse.cache, CacheListings, fmt.Sprintf("api:movie:%d", id), func(ctx context.Context) (Movie, error) {
		return h.svc.publicMovie(ctx, id)
	})
	if err != nil {
		return err
	}
	citySlug := ""
	if city != nil {
		citySlug = city.Slug
	}
	key := fmt.Sprintf("api:movie-shows:%d:%s:%s:%s", id, citySlug, date, h.browse.minute())
	shows, err := cache.Get(ctx, h.browse.cache, CacheShowtimes, key, func(ctx context.Context) ([]apiTheaterShowing, error) {
		return h.svc.publicMovieShowtimes(ctx, id, citySlug, date)
	})
	if err != nil {
		return err
	}
	out := apiMovieDetail{
		apiMovieSummary: apiMovieSummaryOf(m), Tagline: m.Tagline, Synopsis: m.Synopsis,
		SubtitleLanguages: nonNil(m.SubtitleLanguages), Cast: apiCredits(m.Cast), Crew: apiCredits(m.Crew),
		Showtimes: shows,
	}
	if out.Showtimes == nil {
		out.Showtimes = []apiTheaterShowing{}
	}
	if m.TrailerURL != "" {
		out.TrailerURL = &m.TrailerURL
	}
	return web.CacheableJSON(c, apiShowtimesMaxAge, out)
}

func apiCredits(cs []Credit) []apiCredit {
	out := make([]apiCredit, len(cs))
	for i, c := range cs {
		out[i] = apiCredit(c)
	}
	return out
}

// publicMovie is Movie read from the read pool, as the public pages read.
// Errors: ErrNotFound.
func (s *Service) publicMovie(ctx context.Context, id int64) (Movie, error) {
	row, err := s.q.MovieGet(ctx, s.read, id)
	return s.withCredits(ctx, s.read, row, err, fmt.Sprint(id))
}

// publicMovieShowtimes lists the movie's live shows still to start, in
// citySlug (or everywhere when ""), by theater and the theater's local
// day: those of date (YYYY-MM-DD) or, when date is "", of the BrowseDays
// days from each theater's today.
func (s *Service) publicMovieShowtimes(ctx context.Context, movieID int64, citySlug, date string) ([]apiTheaterShowing, error) {
	now := s.now()
	// Every time zone is within 14 hours of UTC: this window holds every
	// show of the asked days wherever the theater is.
	from, until := now, now.AddDate(0, 0, BrowseDays+1)
	if d, ok := apiDate(date, time.UTC); ok {
		from, until = d.Add(-14*time.Hour), d.AddDate(0, 0, 1).Add(14*time.Hour)
		if from.Before(now) {
			from = now
		}
	}
	rows, err := s.q.ShowListPublicForMovie(ctx, s.read, catalogdb.ShowListPublicForMovieParams{
		MovieID: movieID, CitySlug: orNil(citySlug), FromTime: from, UntilTime: until,
	})
	if err != nil {
		return nil, fmt.Errorf("showtimes of movie %d for the API: %w", movieID, err)
	}
	var out []apiTheaterShowing
	for _, r := range rows {
		show, err := showFromRow(r.CatalogShow)
		if err != nil {
			return nil, err
		}
		loc := loadLocation(r.TimeZone)
		day := show.StartsAt.In(loc).Format(time.DateOnly)
		if date != "" && day != date {
			continue
		}
		if date == "" {
			today, _ := DayRange(now, loc)
			if !show.StartsAt.Before(today.AddDate(0, 0, BrowseDays)) {
				continue
			}
		}
		if len(out) == 0 || out[len(out)-1].Theater.ID != show.TheaterID {
			out = append(out, apiTheaterShowing{Theater: apiTheaterRef{ID: show.TheaterID, Slug: r.TheaterSlug, Name: r.TheaterName, City: r.CitySlug}})
		}
		t := &out[len(out)-1]
		if len(t.Days) == 0 || t.Days[len(t.Days)-1].Date != day {
			t.Days = append(t.Days, apiShowDay{Date: day})
		}
		d := &t.Days[len(t.Days)-1]
		d.Shows = append(d.Shows, apiShowtimeOf(show, r.ScreenName, loc, r.Currency))
	}
	return out, nil
}
