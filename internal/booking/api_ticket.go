package booking

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"
)

// apiTicketPNGSize is the QR image's side in pixels: sharp on a phone
// screen held up to a scanner.
const apiTicketPNGSize = 512

// apiTicketBody is GET /api/v1/bookings/:id/ticket.
type apiTicketBody struct {
	BookingID int64  `json:"booking_id"`
	Code      string `json:"code"`
	// QR is the signed payload the ticket's QR code encodes, exactly as
	// the web ticket's: an app may draw it itself or fetch ticket.png.
	QR        string          `json:"qr"`
	QRPNGURL  string          `json:"qr_png_url"`
	Seats     []apiBookedSeat `json:"seats"`
	Show      *apiShow        `json:"show"`
	DoorsOpen string          `json:"doors_open"`
	// CheckedInAt is when the ticket was used at the door, null before.
	CheckedInAt *string `json:"checked_in_at"`
	Currency    string  `json:"currency"`
	Total       int64   `json:"total"`
}

// apiTicket is GET /api/v1/bookings/:id/ticket: the caller's e-ticket
// with the signed QR payload the door scans. Only a confirmed booking has
// one (409 otherwise). Errors: ErrNotFound (also for another's booking).
func (h *Handler) apiTicket(c echo.Context) error {
	tb, token, err := h.apiTicketToken(c)
	if err != nil {
		return err
	}
	b, show := tb.Booking, tb.Show
	out := apiTicketBody{BookingID: b.ID, Code: b.Code, QR: token, QRPNGURL: fmt.Sprintf("/api/v1/bookings/%d/ticket.png", b.ID),
		Seats: apiBookingFrom(b.Booking, nil).Seats, Show: apiShowFromDetail(show),
		DoorsOpen: show.StartsAt.Add(-DoorsOpen).In(show.Theater.Location()).Format(time.RFC3339),
		Currency:  b.Currency, Total: b.Total}
	if tb.CheckedInAt != nil {
		at := tb.CheckedInAt.In(show.Theater.Location()).Format(time.RFC3339)
		out.CheckedInAt = &at
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.JSON(http.StatusOK, out)
}

// apiTicketPNG is GET /api/v1/bookings/:id/ticket.png: the same signed
// payload drawn as a QR code (PNG, medium error correction, as the web
// ticket's). Errors: as apiTicket.
func (h *Handler) apiTicketPNG(c echo.Context) error {
	_, token, err := h.apiTicketToken(c)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(token, qrcode.Medium, apiTicketPNGSize)
	if err != nil {
		return fmt.Errorf("ticket QR image: %w", err)
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, "image/png", png)
}

// apiTicketToken finds the caller's confirmed booking and signs its
// ticket. Errors: ErrNotFound; 409 for a booking that is not confirmed.
func (h *Handler) apiTicketToken(c echo.Context) (TicketBooking, string, error) {
	id, err := apiID(c)
	if err != nil {
		return TicketBooking{}, "", err
	}
	tb, err := h.svc.TicketBooking(c.Request().Context(), h.apiBuyer(c, id), id)
	if err != nil {
		return TicketBooking{}, "", err
	}
	if tb.Booking.Status != Confirmed {
		return TicketBooking{}, "", echo.NewHTTPError(http.StatusConflict, ticketMissing(tb.Booking.Status))
	}
	token, err := h.opts.Tickets.Issue(tb.Booking.Booking)
	if err != nil {
		return TicketBooking{}, "", err
	}
	return tb, token, nil
}
