package booking

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

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
// not paid, doors closed), 404 for an unknown code and 422 for a forged or
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
	in := CheckInInput{ShowID: showID, StaffID: web.UserID(c)}
	if strings.Contains(q, ".") {
		claims, err := h.opts.Tickets.Verify(q)
		if err != nil {
			return http.StatusUnprocessableEntity, views.CheckInResult{Title: "Not a valid ticket",
				Detail: "The QR code's signature doesn't check out: it may be forged, altered or damaged. Ask for the booking code and check it here."}, nil
		}
		in.Code, in.TicketShowID = claims.Code, claims.ShowID
	} else {
		code, ok := parseBookingCode(q)
		if !ok {
			return http.StatusUnprocessableEntity, views.CheckInResult{Title: "Scan a ticket or type a code",
				Detail: "Booking codes have six letters and digits, like K7M-4QX."}, nil
		}
		in.Code = code
	}
	ci, err := h.svc.CheckIn(c.Request().Context(), in)
	if errors.Is(err, ErrNotFound) {
		return http.StatusNotFound, views.CheckInResult{Title: "No such booking", Code: in.Code,
			Detail: "No booking has this code. Check it for typos, or scan the QR code."}, nil
	}
	if err != nil {
		return 0, views.CheckInResult{}, err
	}
	status, res := checkInVerdict(ci, h.svc.opts.Now())
	return status, res, nil
}

// checkInVerdict turns an outcome into the words on the panel.
func checkInVerdict(ci CheckIn, now time.Time) (int, views.CheckInResult) {
	b, show, loc := ci.Booking, ci.Show, ci.Show.Theater.Location()
	r := views.CheckInResult{Code: b.Code, Show: staffShowLine(show), Href: "/admin/bookings/" + b.Code}
	for _, s := range b.Seats {
		r.Seats = append(r.Seats, s.Seat)
	}
	starts := show.StartsAt.In(loc)
	switch ci.Outcome {
	case Admitted:
		r.OK, r.Title = true, "Admit "+strconv.Itoa(len(b.Seats))
		r.Detail = "Checked in at " + b.CheckedInAt.In(loc).Format("15:04") + "."
		return http.StatusOK, r
	case AlreadyCheckedIn:
		r.Title = "Already checked in at " + b.CheckedInAt.In(loc).Format("15:04")
		r.Detail = "This ticket was used before. Don't let it in again."
		if b.CheckedInAt.In(loc).Format(time.DateOnly) != now.In(loc).Format(time.DateOnly) {
			r.Title = "Already checked in on " + b.CheckedInAt.In(loc).Format("Mon 2 Jan at 15:04")
		}
	case OtherShow:
		r.Title = "Wrong show"
		r.Detail = "This ticket is for " + show.Movie.Title + " at " + starts.Format("15:04 on Mon 2 Jan") + ", " +
			show.Screen.Name + " (" + show.Theater.Name + "), not the show chosen for this door."
	case NotConfirmed:
		label, _ := staffStatus(b, now)
		r.Title = "Not a paid booking"
		r.Detail = "This booking is " + strings.ToLower(label) + ", so it has no valid ticket."
	case ShowCancelled:
		r.Title = "Show cancelled"
		r.Detail = "This show was cancelled; the booking can't be used to get in."
	case TooEarly:
		r.Title = "Too early"
		r.Detail = "Doors open at " + starts.Add(-DoorsOpen).Format("15:04 on Mon 2 Jan") + " for this show (" + starts.Format("15:04") + ")."
	case ShowOver:
		r.Title = "Show is over"
		r.Detail = "This show ended at " + show.EndsAt.In(loc).Format("15:04 on Mon 2 Jan") + "."
	case TicketMismatch:
		r.Title = "Ticket doesn't match its booking"
		r.Detail = "The booking was changed after this ticket was issued. Check the booking before letting anyone in."
	}
	return http.StatusConflict, r
}

// renderCheckIn renders the whole check-in page with an optional verdict.
func (h *Handler) renderCheckIn(c echo.Context, status int, showID int64, res *views.CheckInResult) error {
	shows, err := h.staffShowChoices(c.Request().Context(), showID)
	if err != nil {
		return err
	}
	return web.Render(c, status, views.CheckInPage(views.CheckInProps{Shows: shows, ShowID: showID, Result: res}))
}
