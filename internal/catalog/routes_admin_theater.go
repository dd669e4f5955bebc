package catalog

import "github.com/labstack/echo/v4"

// adminTheaterRoutes registers the admin pages for theaters, their price
// rules, and their screens with the seat-layout editor.
func (h *Handler) adminTheaterRoutes(g *echo.Group) {
	g.GET("/theaters", h.adminTheaterList)
	g.GET("/theaters/new", h.adminTheaterNew)
	g.POST("/theaters", h.adminTheaterCreate)
	g.GET("/theaters/:id", h.adminTheaterShow)
	g.GET("/theaters/:id/edit", h.adminTheaterEdit)
	g.POST("/theaters/:id", h.adminTheaterUpdate)

	g.POST("/theaters/:id/prices", h.adminPriceSet)
	g.POST("/theaters/:id/prices/:rule/delete", h.adminPriceDelete)

	g.GET("/theaters/:id/screens/new", h.adminScreenNew)
	g.POST("/theaters/:id/screens", h.adminScreenCreate)
	g.GET("/screens/:id/edit", h.adminScreenEdit)
	g.GET("/screens/:id/preview", h.adminScreenPreview)
	g.POST("/screens/:id", h.adminScreenDetails)
	g.POST("/screens/:id/cells", h.adminScreenCells)
	g.POST("/screens/:id/structure", h.adminScreenStructure)
	g.POST("/screens/:id/labels", h.adminScreenLabels)
	g.POST("/screens/:id/layout", h.adminScreenSave)
	g.POST("/screens/:id/layout/discard", h.adminScreenDiscard)
}
