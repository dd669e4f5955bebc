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

// adminMovieCreate is POST /admin/movies. A valid movie is saved and the
// admin lands on its edit page (to add a poster); an invalid one comes back
// with the input kept and each problem next to its field (422).
func (h *Handler) adminMovieCreate(c echo.Context) error {
	f, err := parseMovieForm(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	m, err := h.svc.CreateMovie(ctx, f.in)
	if errs, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.MovieForm(h.movieFormProps(ctx, nil, f.values, f.cast, f.crew, errs)))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Added “{{.Title}}”. Upload its poster below.", "Title", m.Title))
	return web.Redirect(c, fmt.Sprintf("/admin/movies/%d/edit", m.ID))
}
