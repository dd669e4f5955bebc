package catalog

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// theaterList is GET /theaters: the theaters of the visitor's city, or of
// every city (grouped) while none is chosen.
func (h *Handler) theaterList(c echo.Context) error {
	ctx := c.Request().Context()
	city, ok, err := h.city(c)
	if err != nil {
		return err
	}
	var p views.TheatersProps
	if ok {
		p.CityName = city.Name
		theaters, err := h.browse.Theaters(ctx, city.Slug)
		if err != nil {
			return err
		}
		if len(theaters) > 0 {
			p.Groups = []views.TheaterGroup{{City: city.Name, Theaters: theaterCards(theaters)}}
		}
		return web.Render(c, http.StatusOK, views.Theaters(p))
	}
	cities, err := h.browse.Cities(ctx)
	if err != nil {
		return err
	}
	theaters, err := h.browse.Theaters(ctx, "")
	if err != nil {
		return err
	}
	byCity := map[string][]Theater{}
	for _, t := range theaters {
		byCity[t.CitySlug] = append(byCity[t.CitySlug], t)
	}
	for _, ct := range cities {
		if ts := byCity[ct.Slug]; len(ts) > 0 {
			p.Groups = append(p.Groups, views.TheaterGroup{City: ct.Name, Theaters: theaterCards(ts)})
		}
	}
	return web.Render(c, http.StatusOK, views.Theaters(p))
}

func theaterCards(ts []Theater) []views.TheaterCard {
	out := make([]views.TheaterCard, len(ts))
	for i, t := range ts {
		out[i] = views.TheaterCard{Name: t.Name, Href: theaterHref(t.Slug), Address: t.Address, Amenities: amenityLabels(t.Amenities)}
	}
	return out
}

// theaterPage is GET /theaters/:slug?date=YYYY-MM-DD: the theater, a week
// of dates and the chosen day's showtimes by movie. A bad or out-of-range
// date means today. Errors: ErrNotFound for an unknown slug.
func (h *Handler) theaterPage(c echo.Context) error {
	ctx := c.Request().Context()
	t, err := h.browse.TheaterBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	if _, _, err := h.city(c); err != nil {
		return err
	}
	city, err := h.browse.City(ctx, t.CitySlug)
	if err != nil {
		return err
	}
	loc := city.Location()
	days := h.browseDays(loc)
	day := pickDay(c.QueryParam("date"), days, nil)
	movies, err := h.browse.TheaterShowtimes(ctx, t, day)
	if err != nil {
		return err
	}
	path := theaterHref(t.Slug)
	p := views.TheaterProps{
		Name: t.Name, Address: t.Address, CityName: city.Name, Amenities: amenityLabels(t.Amenities),
		MapURL: mapURL(t), Days: dateStrip(ctx, path, days, day, nil), DayLabel: i18n.LongDay(ctx, day),
	}
	for _, m := range movies {
		p.Movies = append(p.Movies, views.TheaterMovieProps{
			Title: m.MovieTitle, Href: movieHref(m.MovieSlug), PosterURL: m.PosterURL, Certification: m.Certification,
			Runtime: i18n.Runtime(ctx, m.RuntimeMinutes), Groups: showGroupsView(ctx, m.Groups, loc),
		})
	}
	return web.Render(c, http.StatusOK, views.Theater(p))
}

// parsePublicID reads a positive decimal id; anything else is ErrNotFound, as no
// such page exists.
func parsePublicID(raw string) (int64, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, ErrNotFound
	}
	return id, nil
}
