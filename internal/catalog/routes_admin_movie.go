package catalog

import "github.com/labstack/echo/v4"

// adminMovieRoutes registers the admin pages for movies.
func (h *Handler) adminMovieRoutes(g *echo.Group) {}
