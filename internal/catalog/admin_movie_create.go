package catalog

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

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
	m, err := h.svc.CreateMovie(c.Request().Context(), f.in)
	if errs, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.MovieForm(h.movieFormProps(nil, f.values, f.cast, f.crew, errs)))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, fmt.Sprintf("Added “%s”. Upload its poster below.", m.Title))
	return web.Redirect(c, fmt.Sprintf("/admin/movies/%d/edit", m.ID))
}
