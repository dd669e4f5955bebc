package catalog

import "github.com/labstack/echo/v4"

// adminShowRoutes registers the admin pages for shows and the show import.
func (h *Handler) adminShowRoutes(g *echo.Group) {
	g.GET("/shows", h.adminShowList)
	g.GET("/shows/new", h.adminShowNew)
	g.POST("/shows", h.adminShowCreate)
	g.GET("/shows/bulk", h.adminShowBulkForm)
	g.POST("/shows/bulk", h.adminShowBulkCreate)
	g.GET("/shows/import", h.adminImportForm)
	g.POST("/shows/import", h.adminImport)
	g.GET("/shows/:id/cancel", h.adminShowCancelConfirm)
	g.POST("/shows/:id/cancel", h.adminShowCancel)
	g.GET("/shows/:id/prices", h.adminShowPricesForm)
	g.POST("/shows/:id/prices", h.adminShowPricesSave)
}
