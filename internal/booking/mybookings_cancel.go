package booking

import (
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// cancelBooking is POST /bookings/:id/cancel: the buyer cancels a
// confirmed booking within the policy and returns to its page, which now
// says what is refunded. Errors: ErrNotFound, ErrNotCancellable,
// ErrCancelClosed.
func (h *Handler) cancelBooking(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	b, err := h.svc.Cancel(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Booking %s is cancelled and its seats are back on sale.", b.Code)
	if b.Refund > 0 {
		msg += " " + money.Format(b.Refund, b.Currency) + " will be refunded to your card."
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
}

// cancelView turns the policy's quote into the booking page's words.
func cancelView(id int64, q CancelQuote, loc *time.Location) *views.CancelView {
	v := &views.CancelView{Allowed: q.Allowed, Action: fmt.Sprintf("/bookings/%d/cancel", id),
		Deadline: q.Deadline.In(loc).Format("Monday 2 January, 15:04"), Refund: money.Format(q.Refund, q.Currency)}
	if q.Fee > 0 {
		v.Fee = money.Format(q.Fee, q.Currency)
	}
	return v
}
