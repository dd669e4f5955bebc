package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMovieCreditRow is GET /admin/movies/credit-row?kind=cast|crew: one
// empty cast or crew row, appended to the editor by htmx.
func (h *Handler) adminMovieCreditRow(c echo.Context) error {
	kind := c.QueryParam("kind")
	if kind != "cast" && kind != "crew" {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(c.Request().Context(), "Ask for a cast or a crew row."))
	}
	return web.Render(c, http.StatusOK, views.MovieCreditRow(kind, views.CreditRow{}))
}
