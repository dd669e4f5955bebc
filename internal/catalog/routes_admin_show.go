package catalog

import "github.com/labstack/echo/v4"

// adminShowRoutes registers the admin pages for shows.
func (h *Handler) adminShowRoutes(g *echo.Group) {}
