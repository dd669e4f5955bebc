package catalog

import "github.com/labstack/echo/v4"

// adminDashboardRoutes registers the admin dashboard.
func (h *Handler) adminDashboardRoutes(g *echo.Group) {
	g.GET("", h.adminDashboard)
	g.GET("/", h.adminDashboard)
}
