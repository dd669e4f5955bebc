package catalog

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMovieUpdate is POST /admin/movies/:id: saves the form, or shows it
// again with the input kept and the problems marked (422).
// Errors: ErrNotFound.
func (h *Handler) adminMovieUpdate(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	saved, err := h.svc.Movie(ctx, id)
	if err != nil {
		return err
	}
	f, err := parseMovieForm(c)
	if err != nil {
		return err
	}
	m, err := h.svc.UpdateMovie(ctx, id, f.in)
	if errs, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.MovieForm(h.movieFormProps(ctx, &saved, f.values, f.cast, f.crew, errs)))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved “{{.Title}}”.", "Title", m.Title))
	return web.Redirect(c, fmt.Sprintf("/admin/movies/%d/edit", m.ID))
}
