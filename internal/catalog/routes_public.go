package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// publicRoutes registers the pages moviegoers browse.
func (h *Handler) publicRoutes(e *echo.Echo) {
	e.GET("/", h.home)
}

// home is the landing page.
func (h *Handler) home(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.Home(views.HomeProps{Empty: true}))
}
