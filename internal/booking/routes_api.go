package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiRoutes registers booking's JSON API for mobile apps (under /api/v1).
// The seat map is public; everything about a buyer's own bookings needs a
// bearer token. Errors answer as problem+json through the shared handler.
func (h *Handler) apiRoutes(g *echo.Group) {
	user := web.Guard(h.opts.RequireAPIUser, http.StatusUnauthorized)
	g.GET("/shows/:id/seats", h.apiSeatMap)
	g.POST("/shows/:id/holds", h.apiHold, user)
	g.DELETE("/holds/:id", h.apiReleaseHold, user)
	g.GET("/bookings", h.apiBookings, user)
	g.GET("/bookings/:id", h.apiBooking, user)
	g.POST("/bookings/:id/cancel", h.apiCancel, user)
}
