package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiBookingsResponse is GET /api/v1/bookings.
type apiBookingsResponse struct {
	// Upcoming bookings, soonest show first.
	Upcoming []apiBooking `json:"upcoming"`
	// Past bookings, latest show first.
	Past []apiBooking `json:"past"`
}

// apiBookings is GET /api/v1/bookings: the caller's bookings with their
// shows and seats, split into upcoming and past; holds that ran out are
// left out. Three queries however many bookings there are.
func (h *Handler) apiBookings(c echo.Context) error {
	upcoming, past, err := h.svc.BookingsByShowTime(c.Request().Context(), web.UserID(c))
	if err != nil {
		return err
	}
	out := apiBookingsResponse{Upcoming: apiBookingLines(upcoming), Past: apiBookingLines(past)}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

func apiBookingLines(lines []BookingLine) []apiBooking {
	out := make([]apiBooking, len(lines))
	for i, l := range lines {
		out[i] = apiBookingFrom(l.Booking, apiShowFromAdmin(l.Show))
	}
	return out
}

// apiBooking is GET /api/v1/bookings/:id: one of the caller's bookings
// with its show, seats and amounts. Errors: ErrNotFound (also for another
// user's booking).
func (h *Handler) apiBooking(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	out := apiBookingFrom(co.Booking, apiShowFromDetail(co.Show))
	out.PromoCode = co.Price.PromoCode
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
