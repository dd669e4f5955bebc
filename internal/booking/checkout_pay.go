package booking

import (
	"errors"
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// payBooking is POST /bookings/:id/pay: the booking waits for its payment
// (hold extended once), then the payments module starts or resumes it,
// outside any transaction, and the buyer goes to its pay page. A booking
// already paid, or free, goes to the booking page. Errors: ErrNotFound,
// ErrNotPayable.
func (h *Handler) payBooking(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	bookingPath := fmt.Sprintf("/bookings/%d", id)
	req, err := h.svc.StartPayment(ctx, h.buyer(c, id), id)
	if errors.Is(err, ErrPaid) {
		return web.Redirect(c, bookingPath)
	}
	if err != nil {
		return err
	}
	if req.Amount == 0 {
		return web.Redirect(c, bookingPath)
	}
	path, err := h.opts.Payments.Begin(ctx, req)
	if err != nil {
		return fmt.Errorf("begin payment of booking %d: %w", id, err)
	}
	return web.Redirect(c, path)
}
