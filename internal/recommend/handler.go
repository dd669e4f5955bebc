package recommend

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// Handler serves recommend's fragments, pages and API.
type Handler struct {
	svc  *Service
	auth web.Auth
}

// NewHandler returns recommend's HTTP handler, guarded by auth.
func NewHandler(svc *Service, auth web.Auth) *Handler { return &Handler{svc: svc, auth: auth} }

// cityCookie is the catalogue's city cookie: the visitor's chosen city slug.
const cityCookie = "city"

// railSize is how many movies a rail shows.
const railSize = 6

// Routes registers recommend's URLs: the fragments pages load after they
// render, the rating form, "Not interested", the click redirect,
// moderation and the API (recommendations and feedback, reviews, the
// caller's rating).
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/recommendations/home", h.homeFragment)
	e.GET("/recommendations/movie/:slug", h.movieFragment)
	e.POST("/recommendations/movie/:slug/rating", h.saveRating, h.auth.User)
	e.GET("/recommendations/after/movies/:slug", h.afterBookingFragment)
	e.POST("/recommendations/:movie_id/dismiss", h.dismiss, h.auth.User)
	e.GET("/recommendations/click/:movie_id", h.click)
	e.GET("/recommendations/click/show/:show_id", h.clickShow)
	e.GET("/recommendations/click/theater/:theater_id", h.clickTheater)
	// Reviews are moderated site-wide: Marquee's own staff only.
	staff := e.Group("/admin/reviews", h.auth.Staff, h.auth.Platform)
	staff.GET("", h.adminReviews)
	staff.POST("/:id/hide", h.adminHide)
	staff.POST("/:id/show", h.adminShow)
	v1 := e.Group("/api/v1")
	v1.GET("/recommendations", h.apiRecommendations, h.optionalAPIUser)
	v1.GET("/me/recommendations/shows", h.apiShows, h.auth.API)
	v1.GET("/me/recommendations/theaters", h.apiTheaters, h.auth.API)
	v1.POST("/recommendations/feedback", h.apiFeedback, h.auth.API)
	v1.GET("/movies/:id/reviews", h.apiReviews)
	v1.GET("/movies/:id/rating", h.apiRatingGet, h.auth.API)
	v1.PUT("/movies/:id/rating", h.apiRatingPut, h.auth.API)
	v1.DELETE("/movies/:id/rating", h.apiRatingDelete, h.auth.API)
}

// user is the signed-in web user (nil for visitors).
func user(c echo.Context) *webctx.User { return webctx.From(c.Request().Context()).User }

func userID(c echo.Context) int64 {
	if u := user(c); u != nil {
		return u.ID
	}
	return 0
}

// citySlug is the visitor's chosen city ("" when none).
func citySlug(c echo.Context) string {
	if ck, err := c.Cookie(cityCookie); err == nil && len(ck.Value) <= 100 {
		return ck.Value
	}
	return ""
}

// fragment renders a fragment that a page loads after it has rendered.
// Recommendations are extras: when they fail, the failure is logged and
// the page simply goes without them. An unknown movie or city is the
// caller's mistake, not a failure: it answers 404.
func (h *Handler) fragment(c echo.Context, build func() (templ.Component, error)) error {
	comp, err := build()
	if errors.Is(err, ErrNotFound) || errors.Is(err, catalog.ErrNotFound) {
		return err
	}
	if err != nil {
		h.svc.opts.Log.Error("recommendations fragment", "path", c.Request().URL.Path,
			"id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
		return c.HTML(http.StatusOK, "")
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return web.Render(c, http.StatusOK, comp)
}

// cards turns picks into rail cards that record clicks from surface.
func cards(picks []Pick, surface string, dismissable bool) []views.CardProps {
	out := make([]views.CardProps, len(picks))
	for i, p := range picks {
		out[i] = views.CardProps{
			Href:      fmt.Sprintf("/recommendations/click/%d?from=%s", p.Movie.ID, surface),
			PosterURL: p.Movie.PosterURL(), Title: p.Movie.Title, Certification: p.Movie.Certification,
			Rating: ratingText(p.Movie.Rating), Reason: p.Reason,
		}
		if dismissable {
			out[i].DismissAction = fmt.Sprintf("/recommendations/%d/dismiss", p.Movie.ID)
		}
	}
	return out
}

func ratingText(r *float64) string {
	if r == nil {
		return ""
	}
	return strconv.FormatFloat(*r, 'f', 1, 64)
}

func movieHref(m catalog.Movie) string { return "/movies/" + m.Slug }

// idParam parses a positive id path parameter. Errors: ErrNotFound.
func idParam(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: %w", name, c.Param(name), ErrNotFound)
	}
	return id, nil
}
