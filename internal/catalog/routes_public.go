package catalog

import (
	"github.com/labstack/echo/v4"
)

// publicRoutes registers the pages moviegoers browse.
func (h *Handler) publicRoutes(e *echo.Echo) {
	e.GET("/", h.home)
	e.GET("/cities", h.cities)
	e.POST("/city", h.chooseCity)
	e.GET("/movies/:slug", h.moviePage)
	e.GET("/theaters", h.theaterList)
	e.GET("/theaters/:slug", h.theaterPage)
	e.GET("/shows/:id", h.showPage)
	e.GET("/media/posters/:file", h.posterSVG)
	e.GET("/media/images/:id", h.image)
}
