package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// seatMapRoutes registers booking's seat map URLs: the map and holding the
// chosen seats. Its event stream is registered by Live.Routes.
func (h *Handler) seatMapRoutes(e *echo.Echo) {
	e.GET("/shows/:id/seats", h.seatMapPage)
	e.POST("/shows/:id/hold", h.holdSeats, h.seatMapSignIn, h.seatMapGuard())
}

// seatMapGuard is RequireUser, or when it was not wired a middleware that
// refuses every request: seats are never held for nobody.
func (h *Handler) seatMapGuard() echo.MiddlewareFunc {
	if h.opts.RequireUser != nil {
		return h.opts.RequireUser
	}
	return func(echo.HandlerFunc) echo.HandlerFunc {
		return func(echo.Context) error { return echo.NewHTTPError(http.StatusUnauthorized, "Sign in first.") }
	}
}

// seatMapUserID is the signed-in buyer's id, 0 for visitors.
func (h *Handler) seatMapUserID(c echo.Context) int64 {
	if h.opts.UserID == nil {
		return 0
	}
	return h.opts.UserID(c)
}
