package booking

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// releaseBooking is POST /bookings/:id/release ("Change seats"): the held
// seats go back on sale at once and the buyer returns to the seat map. A
// booking that is no longer held is left alone and its page shown.
// Errors: ErrNotFound.
func (h *Handler) releaseBooking(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	uid := h.buyer(c, id)
	b, err := h.svc.Booking(ctx, uid, id)
	if err != nil {
		return err
	}
	if b.Status != Held {
		return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
	}
	if err := h.svc.Release(ctx, uid, id); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashInfo, "Your seats were released. Pick the seats you'd like instead.")
	return web.Redirect(c, fmt.Sprintf("/shows/%d/seats", b.ShowID))
}
