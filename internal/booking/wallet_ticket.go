package booking

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// walletTicket is what a wallet pass and a calendar entry say about a
// confirmed booking, read afresh from the show on every request, so a
// moved show's pass and calendar entry carry its new time.
type walletTicket struct {
	ID       int64
	ShowID   int64
	Code     string
	Holder   string
	Movie    string
	Theater  string
	Address  string
	Screen   string
	Seats    []string
	Lat, Lng *float64
	// Zone is the theater's IANA time zone ("" when unknown: UTC).
	Zone      string
	Starts    time.Time // in the theater's zone
	Ends      time.Time // the film ends, in the theater's zone
	DoorsOpen time.Time
	Confirmed time.Time
	// Token is the signed QR payload the door scanner verifies.
	Token string
	// URL is the e-ticket page's absolute address.
	URL string
}

// SeatList is the seats as one line, "F7, F8".
func (t walletTicket) SeatList() string { return strings.Join(t.Seats, ", ") }

// walletTicketFor finds the signed-in buyer's confirmed booking :id and
// signs its ticket. Errors: 404 (not the buyer's, or a bad id), 409 (not
// confirmed: no ticket).
func (h *Handler) walletTicketFor(c echo.Context) (walletTicket, error) {
	id, err := checkoutBookingID(c)
	if err != nil {
		return walletTicket{}, err
	}
	tb, err := h.svc.TicketBooking(c.Request().Context(), h.buyer(c, id), id)
	if err != nil {
		return walletTicket{}, err
	}
	b := tb.Booking
	if b.Status != Confirmed {
		return walletTicket{}, echo.NewHTTPError(http.StatusConflict, ticketMissing(b.Status))
	}
	token, err := h.opts.Tickets.Issue(b.Booking)
	if err != nil {
		return walletTicket{}, fmt.Errorf("sign ticket of booking %d: %w", id, err)
	}
	show, loc := tb.Show, tb.Show.Theater.Location()
	t := walletTicket{ID: b.ID, ShowID: b.ShowID, Code: b.Code, Movie: show.Movie.Title, Theater: show.Theater.Name,
		Address: show.Theater.Address, Screen: show.Screen.Name, Lat: show.Theater.Latitude, Zone: show.Theater.TimeZone, Lng: show.Theater.Longitude,
		Starts: show.StartsAt.In(loc), Ends: show.EndsAt.In(loc), DoorsOpen: show.StartsAt.Add(-DoorsOpen).In(loc),
		Confirmed: b.CreatedAt, Token: token, URL: h.baseURL(c) + fmt.Sprintf("/bookings/%d/ticket", b.ID)}
	if b.ConfirmedAt != nil {
		t.Confirmed = *b.ConfirmedAt
	}
	if u := web.CurrentUser(c); u != nil {
		t.Holder = u.Name
	}
	for _, s := range b.Seats {
		t.Seats = append(t.Seats, s.Seat)
	}
	return t, nil
}

// baseURL is the site's address as the request reached it (the app's
// BASE_URL when it is configured).
func (h *Handler) baseURL(c echo.Context) string {
	if h.opts.BaseURL != "" {
		return strings.TrimRight(h.opts.BaseURL, "/")
	}
	return c.Scheme() + "://" + c.Request().Host
}
