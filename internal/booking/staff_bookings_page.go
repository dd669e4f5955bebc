package booking

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffBookings is GET /admin/bookings?q=&show=: bookings found by code or
// customer email (q, narrowed to show when one is chosen), or all of a
// show's bookings when q is empty. A q that is neither a code nor an email
// re-renders the form with a message (422).
func (h *Handler) staffBookings(c echo.Context) error {
	ctx := c.Request().Context()
	q := strings.TrimSpace(c.QueryParam("q"))
	showID, err := staffShowID(c.QueryParam("show"))
	if err != nil {
		return err
	}
	shows, err := h.staffShowChoices(ctx, showID)
	if err != nil {
		return err
	}
	p := views.StaffBookingsProps{Query: q, Shows: shows, ShowID: showID, Searched: q != "" || showID != 0}
	var list []StaffBooking
	switch {
	case strings.Contains(q, "@"):
		if list, err = h.staffBookingsByEmail(c, q); err != nil {
			return err
		}
		p.Heading = " for " + q
	case q != "":
		code, ok := parseBookingCode(q)
		if !ok {
			p.QueryError, p.Searched = "Type a booking code like K7M-4QX, or the customer's email address.", false
			return web.Render(c, http.StatusUnprocessableEntity, views.StaffBookings(p))
		}
		b, err := h.svc.staffBooking(ctx, code)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err == nil {
			list = []StaffBooking{b}
		}
		p.Query, p.Heading = code, " with code "+code
	case showID != 0:
		if list, err = h.svc.StaffBookingsForShow(ctx, showID); err != nil {
			return err
		}
		p.OccupancyHref = fmt.Sprintf("/admin/shows/%d/occupancy", showID)
	}
	if q != "" && showID != 0 {
		list, p.Heading = staffOnlyShow(list, showID), p.Heading+" at the chosen show"
	}
	if p.Rows, err = h.staffRows(c, list); err != nil {
		return err
	}
	if showID != 0 && q == "" {
		p.Heading = " for this show"
		if len(p.Rows) > 0 {
			p.Heading = " for " + p.Rows[0].Movie + ", " + p.Rows[0].When
		}
	}
	p.Heading = staffCount(len(p.Rows)) + p.Heading
	return web.Render(c, http.StatusOK, views.StaffBookings(p))
}

// staffBookingsByEmail lists the bookings of the account with email.
func (h *Handler) staffBookingsByEmail(c echo.Context, email string) ([]StaffBooking, error) {
	if h.opts.Users == nil {
		return nil, nil
	}
	id, err := h.opts.Users.UserIDByEmail(c.Request().Context(), email)
	if err != nil || id == 0 {
		return nil, err
	}
	return h.svc.StaffBookingsForUser(c.Request().Context(), id)
}

// staffRows describes bookings for the list, their shows read in one
// catalogue query.
func (h *Handler) staffRows(c echo.Context, list []StaffBooking) ([]views.StaffBookingRow, error) {
	var ids []int64
	for _, b := range list {
		ids = append(ids, b.ShowID)
	}
	shows, err := h.svc.shows.ShowsForAdmin(c.Request().Context(), ids)
	if err != nil {
		return nil, fmt.Errorf("shows of %d bookings: %w", len(list), err)
	}
	now := h.svc.opts.Now()
	rows := make([]views.StaffBookingRow, len(list))
	for i, b := range list {
		show := shows[b.ShowID]
		loc := show.Location()
		label, tone := staffStatus(b, now)
		r := views.StaffBookingRow{Code: b.Code, Href: "/admin/bookings/" + b.Code, Status: label, StatusTone: tone,
			Movie: show.MovieTitle, Where: show.TheaterName + " · " + show.ScreenName,
			When: show.StartsAt.In(loc).Format("Mon 2 Jan, 15:04"), Total: money.Format(b.Total, b.Currency),
			Buyer: staffBuyer(b.UserID)}
		if b.CheckedInAt != nil {
			r.CheckedIn = b.CheckedInAt.In(loc).Format("15:04")
		}
		for _, s := range b.Seats {
			r.Seats = append(r.Seats, s.Seat)
		}
		rows[i] = r
	}
	return rows, nil
}

func staffOnlyShow(list []StaffBooking, showID int64) []StaffBooking {
	var out []StaffBooking
	for _, b := range list {
		if b.ShowID == showID {
			out = append(out, b)
		}
	}
	return out
}

func staffCount(n int) string {
	switch n {
	case 0:
		return "No bookings"
	case 1:
		return "1 booking"
	}
	return strconv.Itoa(n) + " bookings"
}

// staffBooking is GET /admin/bookings/:code: one booking for staff.
// Errors: ErrNotFound.
func (h *Handler) staffBooking(c echo.Context) error {
	code, ok := parseBookingCode(c.Param("code"))
	if !ok {
		return fmt.Errorf("booking code %q: %w", c.Param("code"), ErrNotFound)
	}
	b, events, err := h.svc.StaffBookingByCode(c.Request().Context(), code)
	if err != nil {
		return err
	}
	show, err := h.svc.shows.ShowDetail(c.Request().Context(), b.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %s: %w", code, err)
	}
	return web.Render(c, http.StatusOK, views.StaffBooking(staffBookingProps(b, events, show, h.svc.opts.Now())))
}
