package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
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
	ctx := c.Request().Context()
	b, err := h.svc.Cancel(ctx, h.buyer(c, id), id)
	if err != nil {
		return err
	}
	msg := i18n.T(ctx, "Booking {{.Code}} is cancelled and its seats are back on sale.", "Code", b.Code)
	if b.Refund > 0 {
		msg += " " + i18n.T(ctx, "{{.Amount}} will be refunded to your card.", "Amount", i18n.Money(ctx, b.Refund, b.Currency))
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
}

// cancelViewIn turns the policy's quote into the booking page's words in
// ctx's language, with times on the theater's clock (loc).
func cancelViewIn(ctx context.Context, id int64, q CancelQuote, loc *time.Location) *views.CancelView {
	v := &views.CancelView{Allowed: q.Allowed, Action: fmt.Sprintf("/bookings/%d/cancel", id),
		Deadline: i18n.LongDateTime(ctx, q.Deadline.In(loc)), Refund: i18n.Money(ctx, q.Refund, q.Currency)}
	if q.Fee > 0 {
		v.Fee = i18n.Money(ctx, q.Fee, q.Currency)
	}
	return v
}
