package catalog

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// cityCookie remembers the visitor's city (its slug) for a year.
const (
	cityCookie    = "city"
	cityCookieAge = 365 * 24 * time.Hour
	// cityCtxKey holds the *resolvedCity of a request in echo's context.
	cityCtxKey = "catalog.city"
)

// resolvedCity is the outcome of reading the city cookie once per request.
type resolvedCity struct {
	city City
	ok   bool
}

// CityContext resolves the city cookie once per page request, so the header
// can name the visitor's city (webctx City) and pages reuse the lookup. An
// unknown or stale cookie counts as no city. Assets, media, probes and the
// API are skipped: they neither show the header nor need a city.
func (h *Handler) CityContext() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := c.Request().URL.Path
			if !web.UsesSession(p) || strings.HasPrefix(p, "/media/") {
				return next(c)
			}
			if _, _, err := h.city(c); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// city returns the visitor's chosen city, reading the cookie at most once
// per request (whether or not CityContext ran), and names it in the view
// context for the header.
func (h *Handler) city(c echo.Context) (City, bool, error) {
	if r, ok := c.Get(cityCtxKey).(*resolvedCity); ok {
		return r.city, r.ok, nil
	}
	r := &resolvedCity{}
	if ck, err := c.Cookie(cityCookie); err == nil && ck.Value != "" && len(ck.Value) <= 100 {
		city, err := h.browse.City(c.Request().Context(), ck.Value)
		switch {
		case err == nil:
			r.city, r.ok = city, true
			webctx.From(c.Request().Context()).City = city.Name
			webctx.From(c.Request().Context()).CitySlug = city.Slug
		case !errors.Is(err, ErrNotFound):
			return City{}, false, fmt.Errorf("city from cookie: %w", err)
		}
	}
	c.Set(cityCtxKey, r)
	return r.city, r.ok, nil
}

// cities is the city picker page: GET /cities?next=/path.
func (h *Handler) cities(c echo.Context) error {
	return h.renderCities(c, http.StatusOK, web.LocalPath(c.QueryParam("next")), "")
}

// chooseCity remembers the city: POST /city with city=<slug>, next=<path>.
func (h *Handler) chooseCity(c echo.Context) error {
	slug, next := c.FormValue("city"), web.LocalPath(c.FormValue("next"))
	city, err := h.browse.City(c.Request().Context(), slug)
	if errors.Is(err, ErrNotFound) || slug == "" {
		return h.renderCities(c, http.StatusUnprocessableEntity, next, i18n.Msg("We don't have cinemas in that city yet. Choose one of these."))
	}
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: cityCookie, Value: city.Slug, Path: "/",
		MaxAge: int(cityCookieAge / time.Second), Expires: h.svc.now().Add(cityCookieAge),
		HttpOnly: true, Secure: h.opts.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
	if next == "" {
		next = "/"
	}
	return web.Redirect(c, next)
}

func (h *Handler) renderCities(c echo.Context, status int, next, msg string) error {
	opts, err := h.cityOptions(c)
	if err != nil {
		return err
	}
	return web.Render(c, status, views.Cities(views.CitiesProps{Cities: opts, Next: next, Error: msg}))
}

// cityOptions lists every city with its number of theaters, marking the
// chosen one. Two queries, however many cities.
func (h *Handler) cityOptions(c echo.Context) ([]views.CityOption, error) {
	ctx := c.Request().Context()
	current, _, err := h.city(c)
	if err != nil {
		return nil, err
	}
	cities, err := h.browse.Cities(ctx)
	if err != nil {
		return nil, err
	}
	theaters, err := h.browse.Theaters(ctx, "")
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, t := range theaters {
		count[t.CitySlug]++
	}
	out := make([]views.CityOption, 0, len(cities))
	for _, ct := range cities {
		out = append(out, views.CityOption{Slug: ct.Slug, Name: ct.Name, Theaters: count[ct.Slug], Current: ct.Slug == current.Slug})
	}
	return out, nil
}
