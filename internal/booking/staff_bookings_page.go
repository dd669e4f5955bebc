package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffBookings is GET /admin/bookings?q=&show=: bookings found by code or
// customer email (q, narrowed to show when one is chosen), or all of a
// show's bookings when q is empty. A q that is neither a code nor an email
// re-renders the form with a message (422). Staff see only the bookings
// of theaters where they may sell; a show elsewhere is not found.
func (h *Handler) staffBookings(c echo.Context) error {
	ctx := c.Request().Context()
	q := strings.TrimSpace(c.QueryParam("q"))
	showID, err := staffShowID(c.QueryParam("show"))
	if err != nil {
		return err
	}
	places, err := h.staffPlacesFor(c, authz.Sell)
	if err != nil {
		return err
	}
	shows, err := h.staffShowChoices(ctx, showID, places)
	if err != nil {
		return err
	}
	p := views.StaffBookingsProps{Query: q, Shows: shows, ShowID: showID, Searched: q != "" || showID != 0}
	var list []StaffBooking
	var found staffFound
	switch {
	case strings.Contains(q, "@"):
		if list, err = h.staffBookingsByEmail(c, q); err != nil {
			return err
		}
		found = staffFound{kind: "email", arg: q}
	case q != "":
		code, ok := parseBookingCode(q)
		if !ok {
			p.QueryError, p.Searched = i18n.T(ctx, "Type a booking code like K7M-4QX, or the customer's email address."), false
			return web.Render(c, http.StatusUnprocessableEntity, views.StaffBookings(p))
		}
		b, err := h.svc.staffBooking(ctx, code)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err == nil {
			list = []StaffBooking{b}
		}
		p.Query, found = code, staffFound{kind: "code", arg: code}
	case showID != 0:
		if list, err = h.svc.StaffBookingsForShow(ctx, showID); err != nil {
			return err
		}
		p.OccupancyHref = fmt.Sprintf("/admin/shows/%d/occupancy", showID)
		found.kind = "show"
	}
	if q != "" && showID != 0 {
		list, found.atShow = staffOnlyShow(list, showID), true
	}
	list = places.keep(list)
	if p.Rows, err = h.staffRows(c, list); err != nil {
		return err
	}
	if found.kind == "show" && len(p.Rows) > 0 {
		found.arg = p.Rows[0].Movie + ", " + p.Rows[0].When
	}
	p.Heading = found.heading(ctx, len(p.Rows))
	return web.Render(c, http.StatusOK, views.StaffBookings(p))
}

// staffFound is what a staff search looked for: a customer's email, a
// booking code (either perhaps narrowed to the chosen show) or a show's
// bookings; arg is the email, the code or the show ("Hold Tight, Fri 14
// Mar, 19:00").
type staffFound struct {
	kind   string // email, code or show
	arg    string
	atShow bool
}

// heading sums up n bookings found: "2 bookings for ann@example.com".
// Each case is a whole sentence so that every language can order it.
func (f staffFound) heading(ctx context.Context, n int) string {
	switch {
	case f.kind == "email" && f.atShow && n == 0:
		return i18n.T(ctx, "No bookings for {{.Email}} at the chosen show", "Email", f.arg)
	case f.kind == "email" && f.atShow:
		return i18n.N(ctx, "{{.Count}} bookings for {{.Email}} at the chosen show", n, "Email", f.arg)
	case f.kind == "email" && n == 0:
		return i18n.T(ctx, "No bookings for {{.Email}}", "Email", f.arg)
	case f.kind == "email":
		return i18n.N(ctx, "{{.Count}} bookings for {{.Email}}", n, "Email", f.arg)
	case f.kind == "code" && f.atShow && n == 0:
		return i18n.T(ctx, "No bookings with code {{.Code}} at the chosen show", "Code", f.arg)
	case f.kind == "code" && f.atShow:
		return i18n.N(ctx, "{{.Count}} bookings with code {{.Code}} at the chosen show", n, "Code", f.arg)
	case f.kind == "code" && n == 0:
		return i18n.T(ctx, "No bookings with code {{.Code}}", "Code", f.arg)
	case f.kind == "code":
		return i18n.N(ctx, "{{.Count}} bookings with code {{.Code}}", n, "Code", f.arg)
	case n == 0:
		return i18n.T(ctx, "No bookings for this show")
	}
	return i18n.N(ctx, "{{.Count}} bookings for {{.Show}}", n, "Show", f.arg)
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
	ctx, now := c.Request().Context(), h.svc.opts.Now()
	rows := make([]views.StaffBookingRow, len(list))
	for i, b := range list {
		show := shows[b.ShowID]
		loc := show.Location()
		label, tone := staffStatus(ctx, b, now)
		r := views.StaffBookingRow{Code: b.Code, Href: "/admin/bookings/" + b.Code, Status: label, StatusTone: tone,
			Movie: show.MovieTitle, Where: show.TheaterName + " · " + show.ScreenName,
			When: i18n.DayTime(ctx, show.StartsAt.In(loc)), Total: i18n.Money(ctx, b.Total, b.Currency),
			Buyer: staffBuyer(ctx, b.UserID)}
		if b.CheckedInAt != nil {
			r.CheckedIn = i18n.Time(ctx, b.CheckedInAt.In(loc))
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

// staffBooking is GET /admin/bookings/:code: one booking for staff who
// may sell at its theater (its cancel form only for those who may manage
// there). Errors: ErrNotFound (also for a booking at another theater).
func (h *Handler) staffBooking(c echo.Context) error {
	code, ok := parseBookingCode(c.Param("code"))
	if !ok {
		return fmt.Errorf("booking code %q: %w", c.Param("code"), ErrNotFound)
	}
	ctx := c.Request().Context()
	b, events, err := h.svc.StaffBookingByCode(ctx, code)
	if err != nil {
		return err
	}
	show, err := h.svc.shows.ShowDetail(ctx, b.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %s: %w", code, err)
	}
	if err := web.Allow(c, authz.Sell, show.Theater.Place()); err != nil {
		return err
	}
	p := staffBookingProps(ctx, b, events, show, h.svc.opts.Now())
	if !web.Scope(c).Can(authz.Manage, show.Theater.Place()) {
		p.Cancel = nil
	}
	return web.Render(c, http.StatusOK, views.StaffBooking(p))
}
