package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// seatMapRoutes registers booking's seat map URLs: the map and holding the
// chosen seats. Its event stream is registered by Live.Routes.
func (h *Handler) seatMapRoutes(e *echo.Echo) {
	e.GET("/shows/:id/seats", h.seatMapPage)
	e.POST("/shows/:id/hold", h.holdSeats, h.seatMapSignIn, web.Guard(h.opts.RequireUser, http.StatusUnauthorized))
}

// seatMapUserID is the signed-in buyer's id, 0 for visitors.
func (h *Handler) seatMapUserID(c echo.Context) int64 {
	if h.opts.UserID == nil {
		return 0
	}
	return h.opts.UserID(c)
}
