package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// ticketPage is GET /bookings/:id/ticket: the buyer's e-ticket with its
// signed QR code. Another user's booking is not found; a booking that is
// not confirmed has no ticket (409, saying why).
func (h *Handler) ticketPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	tb, err := h.svc.TicketBooking(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	b := tb.Booking
	if b.Status != Confirmed {
		return echo.NewHTTPError(http.StatusConflict, ticketMissing(b.Status))
	}
	token, err := h.opts.Tickets.Issue(b.Booking)
	if err != nil {
		return err
	}
	qr, err := ticketQR(token)
	if err != nil {
		return err
	}
	show, loc := tb.Show, tb.Show.Theater.Location()
	starts := show.StartsAt.In(loc)
	p := views.TicketProps{Code: b.Code, MovieTitle: show.Movie.Title, Certification: show.Movie.Certification,
		Format: show.Format, Language: show.Language, Subtitles: show.Subtitles, Runtime: show.Movie.Runtime(),
		TheaterName: show.Theater.Name, Address: show.Theater.Address, ScreenName: show.Screen.Name,
		Date: starts.Format("Monday 2 January 2006"), Time: starts.Format("15:04"),
		DoorsOpen: starts.Add(-DoorsOpen).Format("15:04"), Seats: checkoutSeatViews(b.Seats),
		Total: money.Format(b.Total, b.Currency), QR: qr, BookingHref: fmt.Sprintf("/bookings/%d", b.ID)}
	if tb.CheckedInAt != nil {
		p.CheckedIn = "Used: checked in at " + tb.CheckedInAt.In(loc).Format("15:04 on Monday 2 January")
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return web.Render(c, http.StatusOK, views.TicketPage(p))
}

// ticketMissing says why a booking in state st has no e-ticket.
func ticketMissing(st Status) string {
	switch st {
	case Held, PendingPayment:
		return "This booking isn't paid for yet, so it has no e-ticket. Finish checkout first."
	case Cancelled, Refunded:
		return "This booking was cancelled, so its e-ticket is no longer valid."
	}
	return "This booking wasn't completed, so it has no e-ticket."
}
