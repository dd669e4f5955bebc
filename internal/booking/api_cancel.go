package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiCancel is POST /api/v1/bookings/:id/cancel: the caller cancels their
// confirmed booking within the policy and gets it back with the refund.
// Errors: ErrNotFound, ErrNotCancellable, ErrCancelClosed (409).
func (h *Handler) apiCancel(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.svc.Cancel(ctx, h.apiBuyer(c, id), id); err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(ctx, h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiBookingFrom(co.Booking, apiShowFromDetail(co.Show)))
}
