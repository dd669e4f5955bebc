package booking

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrGuestToken: the X-Guest-Token a request came with is not a guest
// booking's credential (made up, tampered with, or its booking was
// claimed by an account).
var ErrGuestToken = errors.New("this guest token is not valid: hold seats again, or find your booking by its code and email")

// APIGuestToken checks the guest credential (web.GuestTokenHeader) of an
// API request that carries one and records its booking (web.APIGuest);
// the routes about one booking then admit it (web.APIOrGuest). A bad
// credential is 401 invalid_guest_token, one whose show ended more than
// GuestLinkLife ago 401 guest_token_expired. It runs before the routes.
func (h *Handler) APIGuestToken() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			token := c.Request().Header.Get(web.GuestTokenHeader)
			if token == "" || !strings.HasPrefix(c.Request().URL.Path, "/api/v1/") {
				return next(c)
			}
			id, err := h.svc.OpenGuestAccess(c.Request().Context(), token)
			switch {
			case errors.Is(err, ErrNotFound):
				return ErrGuestToken
			case err != nil:
				return err
			}
			web.SetAPIGuest(c, id)
			return next(c)
		}
	}
}

// noBuyer is a buyer id no booking belongs to (not 0, which some
// statements read as "a guest"): a guest credential asking about another
// booking.
const noBuyer int64 = -2

// apiBuyer is who the API caller is for booking id: web.GuestBuyer when
// the request's guest credential opens this booking, noBuyer when it opens
// another (every booking but its own is not found), else the bearer
// token's user.
func (h *Handler) apiBuyer(c echo.Context, id int64) int64 {
	if g := web.APIGuest(c); g != 0 {
		if g == id {
			return web.GuestBuyer
		}
		return noBuyer
	}
	return web.UserID(c)
}

// apiGuestHoldRequest is the body of POST /api/v1/shows/:id/holds/guest:
// a hold's seats (or best N) and the guest's email, optional phone and
// language (default: the request's).
type apiGuestHoldRequest struct {
	apiHoldRequest
	Email string `json:"email"`
	Phone string `json:"phone"`
	Lang  string `json:"lang"`
}

// apiGuestHold is the answer to a guest's hold: the booking and the
// credential that opens it (send it as X-Guest-Token).
type apiGuestHold struct {
	apiBooking
	GuestToken string `json:"guest_token"`
}

// apiHoldGuest is POST /api/v1/shows/:id/holds/guest: a signed-out app
// holds seats as a guest, exactly as apiHold does for an account (the
// waiting room, the seat rules, the hold rate per network and the cap on
// an email's unpaid holds), and gets 201 with the booking and its
// guest_token. A bad email or phone is 422 with fields email and phone.
// Errors: as apiHold.
func (h *Handler) apiHoldGuest(c echo.Context) error {
	showID, err := apiID(c)
	if err != nil {
		return err
	}
	if ok, err := h.apiAdmit(c, showID); !ok {
		return err // 429 waiting_room
	}
	var in apiGuestHoldRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"seats":["F7","F8"],"email":"ann@example.com"}.`)
	}
	ctx := c.Request().Context()
	lang := in.Lang
	if !i18n.Supported(lang) {
		lang = i18n.Lang(ctx)
	}
	g, err := ParseGuestContact(in.Email, in.Phone, lang)
	if err != nil {
		return err
	}
	seats, err := h.apiHoldSeats(c, showID, in.apiHoldRequest)
	if err != nil {
		return err
	}
	b, err := h.svc.HoldGuest(ctx, g, showID, seats)
	if b.ID == 0 {
		var taken *SeatsTakenError
		if errors.As(err, &taken) {
			return apiSeatsTaken(c, taken)
		}
		var limit *LimitError
		if errors.As(err, &limit) {
			return apiLimited(c, limit)
		}
		return err
	}
	// As apiHold: an error after the commit leaves the seats the guest's.
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/v1/bookings/%d", b.ID))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, apiGuestHold{apiBooking: apiBookingFrom(b, nil), GuestToken: h.svc.GuestAccessToken(b.ID, g.Email)})
}
