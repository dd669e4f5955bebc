package catalog

import (
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// showPage is GET /shows/:id, the address of a show in links made before
// showtimes led straight to the seat map (and in search results): a show
// on sale redirects to its seat map (302: it will not stay on sale); a
// cancelled or started one says so and offers the movie's next showtimes
// in the city instead. Errors: ErrNotFound for an unknown or malformed id.
func (h *Handler) showPage(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := parsePublicID(c.Param("id"))
	if err != nil {
		return err
	}
	d, err := h.svc.ShowDetail(ctx, id)
	if err != nil {
		return err
	}
	past := !d.StartsAt.After(h.svc.now())
	if d.Status == Scheduled && !past {
		return c.Redirect(http.StatusFound, seatsHref(d.ID))
	}
	if _, _, err := h.city(c); err != nil {
		return err
	}
	loc := d.City.Location()
	starts := d.StartsAt.In(loc)
	p := views.ShowProps{
		MovieTitle: d.Movie.Title, MovieHref: movieHref(d.Movie.Slug), PosterURL: d.Movie.PosterURL(),
		Certification: d.Movie.Certification, Runtime: i18n.Runtime(ctx, d.Movie.RuntimeMinutes),
		TheaterName: d.Theater.Name, TheaterHref: theaterHref(d.Theater.Slug), Address: d.Theater.Address,
		ScreenName: d.Screen.Name, Date: i18n.LongDate(ctx, starts), Time: i18n.Time(ctx, starts),
		Format: d.Format, Language: i18n.LanguageName(ctx, d.Language), Subtitles: i18n.LanguageNameInText(ctx, d.Subtitles),
		Cancelled: d.Status == Cancelled,
	}
	if d.Movie.Status == NowShowing {
		if err := h.otherShowtimes(c, d, &p); err != nil {
			return err
		}
	}
	return web.Render(c, http.StatusOK, views.Show(p))
}

// otherShowtimes fills in the movie's shows on the first day that has any.
func (h *Handler) otherShowtimes(c echo.Context, d ShowDetail, p *views.ShowProps) error {
	ctx := c.Request().Context()
	days, has, err := h.svc.MovieShowDays(ctx, d.Movie.ID, d.City)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(days, func(t time.Time) bool { return has[t.Format(time.DateOnly)] })
	if i < 0 {
		return nil
	}
	shows, err := h.svc.MovieShowtimes(ctx, d.Movie.ID, d.City, days[i])
	if err != nil {
		return err
	}
	p.OthersDay = i18n.LongDay(ctx, days[i])
	for _, t := range shows {
		p.Others = append(p.Others, views.TheaterShowsProps{
			Name: t.TheaterName, Href: theaterHref(t.TheaterSlug), Groups: showGroupsView(ctx, t.Groups, d.City.Location()),
		})
	}
	return nil
}
