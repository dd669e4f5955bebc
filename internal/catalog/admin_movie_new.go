package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMovieNew is GET /admin/movies/new: an empty movie form with
// sensible defaults (coming soon, the first certification, 2D).
func (h *Handler) adminMovieNew(c echo.Context) error {
	v := views.MovieFormValues{Status: string(ComingSoon), Formats: []string{"2D"}}
	if r := h.svc.Certifications().Ratings; len(r) > 0 {
		v.Certification = r[0]
	}
	return web.Render(c, http.StatusOK, views.MovieForm(h.movieFormProps(c.Request().Context(), nil, v, nil, nil, nil)))
}
