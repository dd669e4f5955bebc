package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

// icsContentType is what calendars open (RFC 5545).
const icsContentType = "text/calendar; charset=utf-8"

// ticketICS is GET /bookings/:id/ticket.ics: the buyer's show as a
// calendar event at its current time, in the theater's zone. Errors: 404
// (not the buyer's booking), 409 (not confirmed).
func (h *Handler) ticketICS(c echo.Context) error {
	t, err := h.walletTicketFor(c)
	if err != nil {
		return err
	}
	body := calendarFile(c.Request().Context(), t, t.Zone, h.svc.opts.Now())
	hd := c.Response().Header()
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="marquee-%s.ics"`, t.Code))
	return c.Blob(http.StatusOK, icsContentType, []byte(body))
}
