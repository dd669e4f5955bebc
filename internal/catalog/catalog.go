// Package catalog owns what is playing where: movies, theaters, screens and
// their seat layouts, shows and prices, and the public pages that browse them.
package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// Handler serves the catalogue's public pages.
type Handler struct{}

// NewHandler returns the catalogue's HTTP handler.
func NewHandler() *Handler { return &Handler{} }

// Routes registers the catalogue's public pages.
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/", h.home)
}

// home is the landing page. Until movies are scheduled it explains how to get
// some.
func (h *Handler) home(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.Home(views.HomeProps{Empty: true}))
}
