package catalog

import "github.com/labstack/echo/v4"

// adminTheaterRoutes registers the admin pages for theaters.
func (h *Handler) adminTheaterRoutes(g *echo.Group) {}
