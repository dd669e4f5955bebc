package booking

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// apiCancelSeatsRequest is the body of POST
// /api/v1/bookings/:id/cancel-seats.
type apiCancelSeatsRequest struct {
	Seats []string `json:"seats"`
}

// apiCancelSeatsQuote is what cancelling some seats would give back.
type apiCancelSeatsQuote struct {
	Allowed  bool      `json:"allowed"`
	Deadline time.Time `json:"deadline"`
	Seats    []string  `json:"seats"`
	Cost     int64     `json:"cost"`
	Fee      int64     `json:"fee"`
	Refund   int64     `json:"refund"`
	Currency string    `json:"currency"`
	Whole    bool      `json:"whole"`
}

// apiCancelSeatsQuoteGet is GET /api/v1/bookings/:id/cancel-seats?seats=E6,E7:
// what cancelling those seats of the caller's confirmed booking would give
// back, and whether the window is open. Errors: ErrNotFound,
// ErrNotCancellable, ErrInvalid (fields.seats).
func (h *Handler) apiCancelSeatsQuoteGet(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	q, err := h.svc.QuoteCancelSeats(c.Request().Context(), h.apiBuyer(c, id), id, strings.Split(c.QueryParam("seats"), ","))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiCancelSeatsQuote(q))
}

// apiCancelSeats is POST /api/v1/bookings/:id/cancel-seats {"seats":["E6"]}:
// the caller cancels some seats of their confirmed booking within the
// policy and gets the booking back with the seats kept (every seat left
// cancels the booking). Errors: ErrNotFound, ErrInvalid (fields.seats),
// ErrNotCancellable, ErrCancelClosed (409).
func (h *Handler) apiCancelSeats(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Someone else's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(ctx, h.apiBuyer(c, id), id); err != nil {
		return err
	}
	var in apiCancelSeatsRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"seats":["E6"]}.`)
	}
	if _, _, err := h.svc.CancelSeats(ctx, h.apiBuyer(c, id), id, in.Seats); err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(ctx, h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiBookingFrom(co.Booking, apiShowFromDetail(co.Show)))
}
