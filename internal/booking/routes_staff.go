package booking

import "github.com/labstack/echo/v4"

// staffRoutes registers booking's staff pages (under /admin).
func (h *Handler) staffRoutes(g *echo.Group) {}
