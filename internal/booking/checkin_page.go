package booking

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// checkInPage is GET /admin/checkin[?show=ID]: the door's scan-or-type
// form, with the show picker set to show.
func (h *Handler) checkInPage(c echo.Context) error {
	showID, err := staffShowID(c.QueryParam("show"))
	if err != nil {
		return err
	}
	return h.renderCheckIn(c, http.StatusOK, showID, nil)
}

// checkIn is POST /admin/checkin: q is a scanned ticket (token) or a typed
// booking code, show the optional show this door lets in. The verdict is
// 200 when the guest may go in, 409 when not (already in, other show,
// not paid, doors closed), 404 for an unknown code or a ticket of a
// theater where the staff member may not check in, and 422 for a forged or
// unreadable ticket. htmx gets the verdict panel alone, so the input stays
// ready for the next scan.
func (h *Handler) checkIn(c echo.Context) error {
	showID, err := staffShowID(c.FormValue("show"))
	if err != nil {
		return err
	}
	status, res, err := h.runCheckIn(c, strings.TrimSpace(c.FormValue("q")), showID)
	if err != nil {
		return err
	}
	if web.IsHTMX(c) {
		return web.Render(c, status, views.CheckInVerdict(res))
	}
	return h.renderCheckIn(c, status, showID, &res)
}

// runCheckIn reads q, checks the booking in and describes the verdict.
func (h *Handler) runCheckIn(c echo.Context, q string, showID int64) (int, views.CheckInResult, error) {
	ctx := c.Request().Context()
	where := web.Scope(c).Filter(authz.CheckIn)
	in := CheckInInput{ShowID: showID, StaffID: web.UserID(c), Where: &where}
	if strings.Contains(q, ".") {
		claims, err := h.opts.Tickets.Verify(q)
		if err != nil {
			return http.StatusUnprocessableEntity, views.CheckInResult{Title: i18n.T(ctx, "Not a valid ticket"),
				Detail: i18n.T(ctx, "The QR code's signature doesn't check out: it may be forged, altered or damaged. Ask for the booking code and check it here.")}, nil
		}
		in.Code, in.TicketShowID, in.TicketSeats = claims.Code, claims.ShowID, claims.Seats
		in.TicketEpoch = claims.Epoch
	} else {
		code, ok := parseBookingCode(q)
		if !ok {
			return http.StatusUnprocessableEntity, views.CheckInResult{Title: i18n.T(ctx, "Scan a ticket or type a code"),
				Detail: i18n.T(ctx, "Booking codes have six letters and digits, like K7M-4QX.")}, nil
		}
		in.Code = code
	}
	ci, err := h.svc.CheckIn(ctx, in)
	if errors.Is(err, ErrNotFound) {
		// Another theater's booking gets the very words of an unknown one.
		return http.StatusNotFound, views.CheckInResult{Title: i18n.T(ctx, "Not a ticket for this theater"), Code: in.Code,
			Detail: i18n.T(ctx, "No booking has this code. Check it for typos, or scan the QR code.")}, nil
	}
	if err != nil {
		return 0, views.CheckInResult{}, err
	}
	status, res := checkInVerdict(ctx, ci, h.svc.opts.Now())
	if res.Food, err = h.foodToCollect(ctx, ci.Booking.ID); err != nil {
		return 0, views.CheckInResult{}, err
	}
	return status, res, nil
}

// checkInVerdict turns an outcome into the words on the panel, in ctx's
// language.
func checkInVerdict(ctx context.Context, ci CheckIn, now time.Time) (int, views.CheckInResult) {
	b, show, loc := ci.Booking, ci.Show, ci.Show.Theater.Location()
	r := views.CheckInResult{Code: b.Code, Show: staffShowLine(ctx, show), Href: "/admin/bookings/" + b.Code}
	for _, s := range b.Seats {
		r.Seats = append(r.Seats, s.Seat)
	}
	r.Tickets, r.Proof = checkInTickets(ctx, b.Seats)
	starts := show.StartsAt.In(loc)
	// at is "19:02 on Fri 14 Mar": a time on a day, in the theater's zone.
	at := func(t time.Time) string {
		return i18n.T(ctx, "{{.Time}} on {{.Day}}", "Time", i18n.Time(ctx, t), "Day", i18n.Day(ctx, t))
	}
	switch ci.Outcome {
	case Admitted:
		r.OK, r.Title = true, i18n.N(ctx, "Admit {{.Count}}", len(b.Seats))
		r.Detail = i18n.T(ctx, "Checked in at {{.Time}}.", "Time", i18n.Time(ctx, b.CheckedInAt.In(loc)))
		return http.StatusOK, r
	case AlreadyCheckedIn:
		in := b.CheckedInAt.In(loc)
		r.Title = i18n.T(ctx, "Already checked in at {{.Time}}", "Time", i18n.Time(ctx, in))
		r.Detail = i18n.T(ctx, "This ticket was used before. Don't let it in again.")
		if in.Format(time.DateOnly) != now.In(loc).Format(time.DateOnly) {
			r.Title = i18n.T(ctx, "Already checked in on {{.Day}} at {{.Time}}", "Day", i18n.Day(ctx, in), "Time", i18n.Time(ctx, in))
		}
	case OtherShow:
		r.Title = i18n.T(ctx, "Wrong show")
		r.Detail = i18n.T(ctx, "This ticket is for {{.Movie}} at {{.When}}, {{.Screen}} ({{.Theater}}), not the show chosen for this door.",
			"Movie", show.Movie.Title, "When", at(starts), "Screen", show.Screen.Name, "Theater", show.Theater.Name)
	case NotConfirmed:
		label, _ := staffStatus(ctx, b, now)
		r.Title = i18n.T(ctx, "Not a paid booking")
		r.Detail = i18n.T(ctx, "This booking is {{.State}}, so it has no valid ticket.", "State", strings.ToLower(label))
	case ShowCancelled:
		r.Title = i18n.T(ctx, "Show cancelled")
		r.Detail = i18n.T(ctx, "This show was cancelled; the booking can't be used to get in.")
	case TooEarly:
		r.Title = i18n.T(ctx, "Too early")
		r.Detail = i18n.T(ctx, "Doors open at {{.Open}} for this show ({{.Start}}).", "Open", at(starts.Add(-DoorsOpen)), "Start", i18n.Time(ctx, starts))
	case ShowOver:
		r.Title = i18n.T(ctx, "Show is over")
		r.Detail = i18n.T(ctx, "This show ended at {{.End}}.", "End", at(show.EndsAt.In(loc)))
	case TicketMismatch:
		r.Title = i18n.T(ctx, "Ticket doesn't match its booking")
		r.Detail = i18n.T(ctx, "The booking was changed after this ticket was issued. Check the booking before letting anyone in.")
	}
	return http.StatusConflict, r
}

// renderCheckIn renders the whole check-in page with an optional verdict,
// its show picker limited to where the staff member may check in.
func (h *Handler) renderCheckIn(c echo.Context, status int, showID int64, res *views.CheckInResult) error {
	places, err := h.staffPlacesFor(c, authz.CheckIn)
	if err != nil {
		return err
	}
	shows, err := h.staffShowChoices(c.Request().Context(), showID, places)
	if err != nil {
		return err
	}
	return web.Render(c, status, views.CheckInPage(views.CheckInProps{Shows: shows, ShowID: showID, Result: res}))
}
