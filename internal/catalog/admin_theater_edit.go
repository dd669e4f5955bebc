package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminTheaterEdit is GET /admin/theaters/:id/edit. Errors: ErrNotFound.
func (h *Handler) adminTheaterEdit(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return err
	}
	cities, err := h.svc.Cities(ctx)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.TheaterForm(theaterFormProps(ctx, cities, &t, theaterFormValues(t), nil)))
}
