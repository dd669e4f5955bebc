package recommend

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiPick is one recommendation in the API.
type apiPick struct {
	MovieID       int64    `json:"movie_id"`
	Slug          string   `json:"slug"`
	Title         string   `json:"title"`
	PosterURL     string   `json:"poster_url"`
	Certification string   `json:"certification"`
	Rating        *float64 `json:"rating"` // out of 10, null until rated
	Reason        string   `json:"reason"`
	Personal      bool     `json:"personal"`
}

type apiRecommendations struct {
	City  string    `json:"city"`
	Items []apiPick `json:"items"`
}

// optionalAPIUser checks the bearer token when one is sent; without one
// the caller is anonymous.
func (h *Handler) optionalAPIUser(next echo.HandlerFunc) echo.HandlerFunc {
	guarded := h.auth.API(next)
	return func(c echo.Context) error {
		if strings.TrimSpace(c.Request().Header.Get(echo.HeaderAuthorization)) != "" {
			return guarded(c)
		}
		return next(c)
	}
}

// apiRecommendations is GET /api/v1/recommendations?city=<slug>&limit=N:
// the caller's recommendations in the city (their home city when omitted),
// or the city's popular movies for an anonymous caller. Errors:
// ErrInvalid without a city, ErrNotFound for an unknown one.
func (h *Handler) apiRecommendations(c echo.Context) error {
	ctx := c.Request().Context()
	var uid int64
	if c.Request().Header.Get(echo.HeaderAuthorization) != "" {
		uid = web.UserID(c)
	}
	city := c.QueryParam("city")
	if city == "" && uid != 0 && h.svc.opts.Tastes != nil {
		t, err := h.svc.opts.Tastes.Taste(ctx, uid)
		if err != nil {
			return err
		}
		city = t.HomeCity
	}
	if city == "" {
		return validate.Errors{"city": "Say which city (?city=<slug>) or set a home city on your profile."}
	}
	limit := 10
	if l := c.QueryParam("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 50 {
			return validate.Errors{"limit": "Ask for 1 to 50 recommendations."}
		}
		limit = n
	}
	picks, err := h.svc.ForUser(ctx, uid, city, limit)
	if err != nil {
		return err
	}
	out := apiRecommendations{City: city, Items: make([]apiPick, len(picks))}
	for i, p := range picks {
		out.Items[i] = apiPick{MovieID: p.Movie.ID, Slug: p.Movie.Slug, Title: p.Movie.Title, PosterURL: p.Movie.PosterURL(),
			Certification: p.Movie.Certification, Rating: p.Movie.Rating, Reason: p.Reason, Personal: p.Personal}
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.JSON(http.StatusOK, out)
}
