package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminTheaterNew is GET /admin/theaters/new: an empty theater form with
// the usual 15 minutes of trailers and of cleaning; ?city= preselects a city.
// The chain select offers the chains the staff member may add to (403 for
// those who run none).
func (h *Handler) adminTheaterNew(c echo.Context) error {
	ctx := c.Request().Context()
	cities, err := h.svc.Cities(ctx)
	if err != nil {
		return err
	}
	chains, err := h.newTheaterChains(c)
	if err != nil {
		return err
	}
	v := views.TheaterFormValues{Chain: defaultChain(chains), City: c.QueryParam("city"), Trailer: "15", Cleaning: "15"}
	p := theaterFormProps(ctx, cities, nil, v, nil)
	p.Chains = chainChoices(chains)
	return web.Render(c, http.StatusOK, views.TheaterForm(p))
}
