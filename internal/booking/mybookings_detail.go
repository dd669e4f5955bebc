package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// bookingPage is GET /bookings/:id: one of the buyer's bookings with its
// state, code, show, seats and amounts. Errors: ErrNotFound (also for
// another user's booking).
func (h *Handler) bookingPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	b, st := co.Booking, checkoutStatus(co)
	p := views.BookingPageProps{Code: b.Code, Status: st.label, StatusTone: st.tone, Note: st.note,
		Show: checkoutShowSummary(co.Show), Seats: checkoutSeatViews(b.Seats), Price: checkoutPriceView(co.Price),
		PriceTitle: "Price", BookedOn: "Booked on " + b.CreatedAt.In(co.Show.Theater.Location()).Format("2 January 2006 at 15:04")}
	switch {
	case co.Holding:
		p.CheckoutHref = fmt.Sprintf("/bookings/%d/checkout", b.ID)
	case b.Status == Confirmed:
		p.PriceTitle = "Paid"
		p.TicketHref = fmt.Sprintf("/bookings/%d/ticket", b.ID)
		q, err := h.svc.CancelQuote(c.Request().Context(), web.UserID(c), id)
		if err != nil {
			return err
		}
		p.Cancel = cancelView(id, q, co.Show.Theater.Location())
	case b.Status == Held || b.Status == Expired || b.Status == PaymentFailed:
		if co.Show.Bookable(h.svc.opts.Now()) {
			p.SeatsHref = fmt.Sprintf("/shows/%d/seats", b.ShowID)
		}
	}
	return web.Render(c, http.StatusOK, views.BookingPage(p))
}
