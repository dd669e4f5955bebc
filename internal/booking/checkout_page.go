package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// checkoutPage is GET /bookings/:id/checkout: the buyer's held seats with
// the itemised price, the promo code form and a countdown to the end of
// the hold. A booking that is no longer held says what became of it.
// Errors: ErrNotFound (also for another user's booking).
func (h *Handler) checkoutPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	co, err := h.svc.Checkout(ctx, h.buyer(c, id), id)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Checkout(h.checkoutProps(ctx, co, views.CheckoutPriceProps{})))
}
