package recommend

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiShow is one show of "Showtimes for you" in the API.
type apiShow struct {
	ShowID         int64     `json:"show_id"`
	MovieID        int64     `json:"movie_id"`
	MovieSlug      string    `json:"movie_slug"`
	MovieTitle     string    `json:"movie_title"`
	TheaterID      int64     `json:"theater_id"`
	TheaterSlug    string    `json:"theater_slug"`
	TheaterName    string    `json:"theater_name"`
	StartsAt       time.Time `json:"starts_at"`
	Format         string    `json:"format"`
	Language       string    `json:"language"`
	Subtitles      string    `json:"subtitles"`
	SeatsAvailable int       `json:"seats_available"`
	Reason         string    `json:"reason"`
	Personal       bool      `json:"personal"`
}

type apiShows struct {
	City  string    `json:"city"`
	Items []apiShow `json:"items"`
}

// apiTheater is one theater of "Theaters you may like" in the API.
type apiTheater struct {
	TheaterID int64    `json:"theater_id"`
	Slug      string   `json:"slug"`
	Name      string   `json:"name"`
	Address   string   `json:"address"`
	Km        *float64 `json:"distance_km"` // from the nearest usual theater; null when unknown
	Reason    string   `json:"reason"`
}

type apiTheaters struct {
	City  string       `json:"city"`
	Items []apiTheater `json:"items"`
}

// apiShows is GET /api/v1/me/recommendations/shows?city=<slug>&movie_id=N&limit=N:
// "Showtimes for you" in the city (the caller's home city when omitted),
// of one movie when movie_id is given. Errors: ErrInvalid (no city, a bad
// limit or movie id), ErrNotFound for an unknown city or movie.
func (h *Handler) apiShows(c echo.Context) error {
	ctx := c.Request().Context()
	uid := web.UserID(c)
	city, limit, err := h.apiListArgs(c, uid, showsOnPage)
	if err != nil {
		return err
	}
	var movieID int64
	if v := c.QueryParam("movie_id"); v != "" {
		if movieID, err = strconv.ParseInt(v, 10, 64); err != nil || movieID <= 0 {
			return validate.Errors{"movie_id": "Say which movie by its id, or leave movie_id out."}
		}
	}
	picks, err := h.svc.ShowsForUser(ctx, uid, city, movieID, limit)
	if err != nil {
		return err
	}
	out := apiShows{City: city, Items: make([]apiShow, len(picks))}
	for i, p := range picks {
		out.Items[i] = apiShow{ShowID: p.Show.ID, MovieID: p.Movie.ID, MovieSlug: p.Movie.Slug, MovieTitle: p.Movie.Title,
			TheaterID: p.Theater.ID, TheaterSlug: p.Theater.Slug, TheaterName: p.Theater.Name, StartsAt: p.Show.StartsAt.UTC(),
			Format: p.Show.Format, Language: p.Show.Language, Subtitles: p.Show.Subtitles,
			SeatsAvailable: p.Show.SeatsAvailable, Reason: p.Reason, Personal: p.Personal}
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.JSON(http.StatusOK, out)
}

// apiTheaters is GET /api/v1/me/recommendations/theaters?city=<slug>&limit=N:
// "Theaters you may like" in the city (the caller's home city when
// omitted); empty until the caller has booked. Errors: ErrInvalid (no
// city, a bad limit), ErrNotFound for an unknown city.
func (h *Handler) apiTheaters(c echo.Context) error {
	uid := web.UserID(c)
	city, limit, err := h.apiListArgs(c, uid, theatersOnPage)
	if err != nil {
		return err
	}
	picks, err := h.svc.TheatersForUser(c.Request().Context(), uid, city, limit)
	if err != nil {
		return err
	}
	out := apiTheaters{City: city, Items: make([]apiTheater, len(picks))}
	for i, p := range picks {
		out.Items[i] = apiTheater{TheaterID: p.Theater.ID, Slug: p.Theater.Slug, Name: p.Theater.Name,
			Address: p.Theater.Address, Reason: p.Reason}
		if p.Km >= 0 {
			km := float64(int(p.Km*10+0.5)) / 10
			out.Items[i].Km = &km
		}
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.JSON(http.StatusOK, out)
}

// apiListArgs reads ?city (the user's home city when omitted) and
// ?limit (1 to 20, def when omitted). Errors: ErrInvalid.
func (h *Handler) apiListArgs(c echo.Context, uid int64, def int) (string, int, error) {
	city := c.QueryParam("city")
	if city == "" && h.svc.opts.Tastes != nil {
		t, err := h.svc.opts.Tastes.Taste(c.Request().Context(), uid)
		if err != nil {
			return "", 0, err
		}
		city = t.HomeCity
	}
	if city == "" {
		return "", 0, validate.Errors{"city": "Say which city (?city=<slug>) or set a home city on your profile."}
	}
	limit := def
	if l := c.QueryParam("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 20 {
			return "", 0, validate.Errors{"limit": "Ask for 1 to 20 suggestions."}
		}
		limit = n
	}
	return city, limit, nil
}
