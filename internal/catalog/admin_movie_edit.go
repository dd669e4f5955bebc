package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMovieEdit is GET /admin/movies/:id/edit: the movie's form with its
// credits, poster and status actions. Errors: ErrNotFound.
func (h *Handler) adminMovieEdit(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	m, err := h.svc.Movie(ctx, id)
	if err != nil {
		return err
	}
	v, cast, crew := movieFormValues(m)
	return web.Render(c, http.StatusOK, views.MovieForm(h.movieFormProps(ctx, &m, v, cast, crew, nil)))
}
