package catalog

import "github.com/labstack/echo/v4"

// adminMovieRoutes registers the admin pages for movies.
func (h *Handler) adminMovieRoutes(g *echo.Group) {
	g.GET("/movies", h.adminMovieList)
	g.GET("/movies/new", h.adminMovieNew)
	g.POST("/movies", h.adminMovieCreate)
	g.GET("/movies/credit-row", h.adminMovieCreditRow)
	g.GET("/movies/:id/edit", h.adminMovieEdit)
	g.POST("/movies/:id", h.adminMovieUpdate)
	g.POST("/movies/:id/status", h.adminMovieStatus)
	g.POST("/movies/:id/poster", h.adminMoviePoster)
}
