package booking

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// buyer is who asks about booking id: web.GuestBuyer when the session
// holds a guest grant for it and it is still a guest booking, else the
// signed-in user (0: nobody); a guest who signed in to the account that
// claimed the booking is its owner.
func (h *Handler) buyer(c echo.Context, id int64) int64 {
	uid := web.UserID(c)
	if !web.HasGuestGrant(c, h.auth.Sessions, id) {
		return uid
	}
	if uid != 0 {
		if row, err := h.svc.q.BookingGet(c.Request().Context(), h.svc.pool, id); err == nil && row.UserID != nil {
			return uid
		}
	}
	return web.GuestBuyer
}

// guestChoice is the page a visitor who pressed Hold meets: sign in, or
// continue as a guest with an email (and optional phone).
func (h *Handler) guestChoice(c echo.Context, status int, showID int64, seats []string, g views.GuestForm) error {
	back := fmt.Sprintf("/shows/%d/seats", showID)
	if len(seats) > 0 {
		back += "?seats=" + strings.Join(seats, ",")
	}
	g.Action = fmt.Sprintf("/shows/%d/hold/guest", showID)
	g.Seats = strings.Join(seats, ",")
	g.SignIn = web.SignInURL(back)
	g.Back = back
	return web.Render(c, status, views.GuestHold(g))
}

// holdAsGuest is POST /shows/:id/hold/guest: it checks the guest's email
// and phone (422 with the form again), holds the seats for a guest
// booking, lets this browser reach it, and sends it to checkout.
func (h *Handler) holdAsGuest(c echo.Context) error {
	id, err := seatMapShowID(c)
	if err != nil {
		return err
	}
	if ok, err := h.admitPage(c, id, fmt.Sprintf("/shows/%d/seats", id)); !ok {
		return err
	}
	ctx := c.Request().Context()
	seats := strings.Split(c.FormValue("seats"), ",")
	email, phone := c.FormValue("email"), c.FormValue("phone")
	g, err := ParseGuestContact(email, phone, i18n.Lang(ctx))
	if fields, ok := validate.Fields(err); ok {
		sel, _ := ParseSelection(seats, h.svc.opts.MaxSeats)
		return h.guestChoice(c, http.StatusUnprocessableEntity, id, sel.Seats,
			views.GuestForm{Email: email, Phone: phone, Errors: fields})
	}
	sel, selErr := ParseSelection(seats, h.svc.opts.MaxSeats)
	if selErr == nil && !h.opts.AllowStrandedSeats {
		err = h.svc.CheckStranded(ctx, id, sel.Seats)
	}
	if err == nil && selErr == nil {
		var b Booking
		if b, err = h.svc.HoldGuest(ctx, g, id, seats); err == nil {
			web.GrantGuest(c, h.auth.Sessions, b.ID)
			return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout", b.ID))
		}
	}
	if err == nil {
		err = selErr
	}
	return h.holdRefused(c, id, sel.Seats, err)
}

// guestAccess is GET /bookings/access/:token, the link in a guest's
// confirmation: it lets this browser reach the booking and opens it.
// A bad link is 404; a link whose show ended more than GuestLinkLife ago
// is 410 with a page that says so and offers finding the booking by code
// and email.
func (h *Handler) guestAccess(c echo.Context) error {
	id, err := h.svc.OpenGuestAccess(c.Request().Context(), c.Param("token"))
	if errors.Is(err, ErrGuestLinkExpired) {
		return web.Render(c, http.StatusGone, views.GuestLinkExpired())
	}
	if err != nil {
		return echo.ErrNotFound
	}
	web.GrantGuest(c, h.auth.Sessions, id)
	return web.Redirect(c, "/bookings/"+strconv.FormatInt(id, 10))
}

// findPage is GET /bookings/find: a guest's booking by code and email.
func (h *Handler) findPage(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.GuestFind(views.GuestFindForm{}))
}

// findBooking is POST /bookings/find: the right code and email let this
// browser reach the booking and open it; a wrong code and a wrong email
// get the same answer (422), and the gateway limits tries per network.
func (h *Handler) findBooking(c echo.Context) error {
	code, email := strings.TrimSpace(c.FormValue("code")), strings.TrimSpace(c.FormValue("email"))
	id, err := h.svc.FindGuestBooking(c.Request().Context(), code, email)
	if errors.Is(err, ErrNotFound) {
		return web.Render(c, http.StatusUnprocessableEntity, views.GuestFind(views.GuestFindForm{Code: code, Email: email,
			Error: i18n.T(c.Request().Context(), "We couldn't find a booking with that code and email.")}))
	}
	if err != nil {
		return err
	}
	web.GrantGuest(c, h.auth.Sessions, id)
	return web.Redirect(c, "/bookings/"+strconv.FormatInt(id, 10))
}
