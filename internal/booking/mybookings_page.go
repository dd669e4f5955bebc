package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// myBookingsPage is GET /account/bookings: the buyer's bookings, upcoming
// (soonest first) and past (latest first), each with its state and a link.
func (h *Handler) myBookingsPage(c echo.Context) error {
	upcoming, past, err := h.svc.BookingsByShowTime(c.Request().Context(), web.UserID(c))
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.MyBookings(views.MyBookingsProps{
		Upcoming: myBookingItems(upcoming), Past: myBookingItems(past)}))
}

func myBookingItems(lines []BookingLine) []views.BookingItem {
	out := make([]views.BookingItem, len(lines))
	for i, l := range lines {
		st := checkoutStatus(Checkout{Booking: l.Booking, Holding: l.Holding})
		starts := l.Show.StartsAt.In(l.Show.Location())
		item := views.BookingItem{Href: fmt.Sprintf("/bookings/%d", l.ID), Code: l.Code, MovieTitle: l.Show.MovieTitle,
			TheaterName: l.Show.TheaterName, ScreenName: l.Show.ScreenName, Weekday: starts.Format("Mon"),
			Day: starts.Format("2"), Month: starts.Format("Jan"), Time: starts.Format("15:04"),
			DateLabel: starts.Format("Monday 2 January 2006"), Total: money.Format(l.Total, l.Currency),
			Status: st.label, StatusTone: st.tone, Action: "View booking"}
		for _, s := range l.Seats {
			item.Seats = append(item.Seats, s.Seat)
		}
		if l.Holding {
			item.Href, item.Action = item.Href+"/checkout", "Continue to checkout"
		}
		out[i] = item
	}
	return out
}
