package booking

import "github.com/labstack/echo/v4"

// apiRoutes registers booking's JSON API (under /api/v1).
func (h *Handler) apiRoutes(g *echo.Group) {}
