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

// adminTheaterUpdate is POST /admin/theaters/:id: saves the theater's
// details or brings the form back with the problems marked (422).
// Errors: ErrNotFound.
func (h *Handler) adminTheaterUpdate(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	saved, err := h.svc.Theater(ctx, id)
	if err != nil {
		return err
	}
	cities, err := h.svc.Cities(ctx)
	if err != nil {
		return err
	}
	f, err := parseTheaterForm(c, cities)
	if err != nil {
		return err
	}
	if len(f.errs) == 0 {
		_, err = h.svc.UpdateTheater(ctx, id, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		return web.Render(c, http.StatusUnprocessableEntity, views.TheaterForm(theaterFormProps(ctx, cities, &saved, f.values, f.errs)))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved {{.Name}}.", "Name", f.in.Name))
	return web.Redirect(c, fmt.Sprintf("/admin/theaters/%d", id))
}
