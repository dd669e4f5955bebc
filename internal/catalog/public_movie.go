package catalog

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// moviePage is GET /movies/:slug?date=YYYY-MM-DD: the movie's details and,
// for a movie now showing in the visitor's city, a week of dates and the
// chosen day's showtimes by theater. Without a date (or with a bad or
// out-of-range one) the page opens on the first day that has shows in the
// city, not on an empty today. Errors: ErrNotFound for an unknown slug.
func (h *Handler) moviePage(c echo.Context) error {
	ctx := c.Request().Context()
	m, err := h.browse.MovieBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	p := movieProps(ctx, m)
	path := movieHref(m.Slug)
	p.PickCityHref = "/cities?" + url.Values{"next": {path}}.Encode()
	city, ok, err := h.city(c)
	if err != nil {
		return err
	}
	if ok && m.Status == NowShowing {
		if err := h.movieShowtimes(c, m, city, path, &p); err != nil {
			return err
		}
	}
	return web.Render(c, http.StatusOK, views.Movie(p))
}

// movieShowtimes fills the date strip and the chosen day's showtimes.
func (h *Handler) movieShowtimes(c echo.Context, m Movie, city City, path string, p *views.MovieProps) error {
	ctx := c.Request().Context()
	loc := city.Location()
	days, has, err := h.browse.MovieShowDays(ctx, m.ID, city)
	if err != nil {
		return err
	}
	day := pickDay(c.QueryParam("date"), days, has)
	p.CityName = city.Name
	p.Days = dateStrip(ctx, path, days, day, has)
	p.DayLabel = i18n.LongDay(ctx, day)
	shows, err := h.browse.MovieShowtimes(ctx, m.ID, city, day)
	if err != nil {
		return err
	}
	for _, t := range shows {
		p.Theaters = append(p.Theaters, views.TheaterShowsProps{
			Name: t.TheaterName, Href: theaterHref(t.TheaterSlug), Groups: showGroupsView(ctx, t.Groups, loc),
		})
	}
	if len(p.Theaters) == 0 {
		for _, d := range days {
			if d.After(day) && has[d.Format(time.DateOnly)] {
				p.NextDayHref = path + "?" + url.Values{"date": {d.Format(time.DateOnly)}}.Encode()
				p.NextDayLabel = i18n.LongDay(ctx, d)
				break
			}
		}
	}
	return nil
}

// movieProps is what the page says about the movie itself.
func movieProps(ctx context.Context, m Movie) views.MovieProps {
	p := views.MovieProps{
		Slug: m.Slug, Title: m.Title, Tagline: m.Tagline, PosterURL: m.PosterURL(),
		Certification: m.Certification, Runtime: i18n.Runtime(ctx, m.RuntimeMinutes), Genres: i18n.Genres(ctx, m.Genres),
		Languages: i18n.LanguageNames(ctx, m.Languages()), Formats: m.Formats,
		ReleaseDate: i18n.LongDate(ctx, m.ReleaseDate), Rating: ratingText(m.Rating),
		RatingCount: m.RatingCount, Synopsis: m.Synopsis, Director: m.Director(), TrailerURL: m.TrailerURL,
		ComingSoon: m.Status == ComingSoon, Archived: m.Status == Archived,
	}
	for _, c := range m.Cast {
		p.Cast = append(p.Cast, views.CreditProps{Name: c.Name, Role: c.Role})
	}
	for _, c := range m.Crew {
		p.Crew = append(p.Crew, views.CreditProps{Name: c.Name, Role: c.Role})
	}
	return p
}
