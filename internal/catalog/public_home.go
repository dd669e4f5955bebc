package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// comingSoonOnHome is how many upcoming releases the home page shows.
const comingSoonOnHome = 12

// Posters above the fold load at once rather than lazily: a row of six on
// a wide screen, the first two (a phone's first row, the likely largest
// paint) ahead of everything else.
const (
	eagerPosters    = 6
	priorityPosters = 2
)

// home is the landing page: what is showing in the visitor's city and what
// is coming soon, or the city picker while no city is chosen. It runs the
// same few queries however many movies and shows there are.
func (h *Handler) home(c echo.Context) error {
	ctx := c.Request().Context()
	city, ok, err := h.city(c)
	if err != nil {
		return err
	}
	var p views.HomeProps
	if ok {
		p.CityName = city.Name
		if h.opts.HomeRail != nil {
			p.Rail = h.opts.HomeRail(ctx, city.Slug)
		}
		cards, err := h.browse.NowShowing(ctx, city.Slug)
		if err != nil {
			return err
		}
		for _, m := range cards {
			p.NowShowing = append(p.NowShowing, views.PosterCardProps{
				Href: movieHref(m.Slug), PosterURL: m.PosterURL(), Title: m.Title, Certification: m.Certification,
				Languages: i18n.LanguageNames(ctx, m.CityLanguages), Formats: m.CityFormats, Rating: ratingText(m.Rating),
			})
		}
	} else if p.Cities, err = h.cityOptions(c); err != nil {
		return err
	}
	soon, err := h.browse.ComingSoon(ctx, comingSoonOnHome)
	if err != nil {
		return err
	}
	for _, m := range soon {
		p.ComingSoon = append(p.ComingSoon, views.PosterCardProps{
			Href: movieHref(m.Slug), PosterURL: m.PosterURL(), Title: m.Title, Certification: m.Certification,
			Languages: i18n.LanguageNames(ctx, m.Languages()), Note: i18n.T(ctx, "Releases {{.Date}}", "Date", i18n.Day(ctx, m.ReleaseDate)),
		})
	}
	first := p.NowShowing
	if len(first) == 0 {
		first = p.ComingSoon
	}
	for i := range first[:min(len(first), eagerPosters)] {
		first[i].Eager, first[i].Priority = true, i < priorityPosters
	}
	if p.Empty, err = h.catalogueEmpty(c, p); err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Home(p))
}

// catalogueEmpty reports whether there is nothing at all to show yet: no
// city to choose, or no movie in the catalogue. It only asks the database
// when the page would otherwise be blank.
func (h *Handler) catalogueEmpty(c echo.Context, p views.HomeProps) (bool, error) {
	if p.CityName == "" && len(p.Cities) == 0 {
		return true, nil
	}
	if len(p.NowShowing) > 0 || len(p.ComingSoon) > 0 || p.CityName == "" {
		return false, nil
	}
	_, n, err := h.svc.Movies(c.Request().Context(), MovieFilter{Page: 1})
	return n == 0, err
}
