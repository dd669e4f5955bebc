package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// checkoutRoutes registers booking's checkout URLs: the checkout page and
// its actions, a buyer's booking page and list, and the staff promo pages.
func (h *Handler) checkoutRoutes(e *echo.Echo) {
	user, staff := web.Guard(h.opts.RequireUser, http.StatusUnauthorized), web.Guard(h.opts.RequireStaff, http.StatusForbidden)
	e.GET("/bookings/:id/checkout", h.checkoutPage, user)
	e.POST("/bookings/:id/promo", h.applyPromo, user)
	e.POST("/bookings/:id/promo/remove", h.removePromo, user)
	e.POST("/bookings/:id/release", h.releaseBooking, user)
	e.POST("/bookings/:id/cancel", h.cancelBooking, user)
	e.GET("/bookings/:id", h.bookingPage, user)
	e.GET("/account/bookings", h.myBookingsPage, user)

	e.GET("/admin/promos", h.promoList, staff)
	e.GET("/admin/promos/new", h.promoNew, staff)
	e.POST("/admin/promos", h.promoCreate, staff)
	e.POST("/admin/promos/:id/deactivate", h.promoDeactivate, staff)
}

// checkoutUserID is the signed-in buyer's id, 0 when unknown.
func (h *Handler) checkoutUserID(c echo.Context) int64 {
	if h.opts.UserID == nil {
		return 0
	}
	return h.opts.UserID(c)
}
