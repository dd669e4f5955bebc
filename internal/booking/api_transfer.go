package booking

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiTransferRequest is the body of POST /api/v1/bookings/:id/transfers.
// Seats are the seats to send; absent or empty: all of them.
type apiTransferRequest struct {
	Email string   `json:"email"`
	Seats []string `json:"seats"`
}

// apiTransfer is an offer of a booking's tickets (Seats: the seats
// offered, absent for all of them).
type apiTransfer struct {
	ID        int64     `json:"id"`
	BookingID int64     `json:"booking_id"`
	Email     string    `json:"email"`
	Seats     []string  `json:"seats,omitempty"`
	State     string    `json:"state"`
	ExpiresAt time.Time `json:"expires_at"`
	CreatedAt time.Time `json:"created_at"`
}

func apiTransferFrom(t Transfer) apiTransfer {
	return apiTransfer{ID: t.ID, BookingID: t.BookingID, Email: t.Email, Seats: t.Seats, State: string(t.State),
		ExpiresAt: t.ExpiresAt.UTC(), CreatedAt: t.CreatedAt.UTC()}
}

// apiTransferSend is POST /api/v1/bookings/:id/transfers: the caller
// offers the tickets of their confirmed booking to {"email"} (all, or the
// "seats" named: accepting splits them off into the receiver's booking); the
// recipient gets the link by email (the token is never answered). 201
// with the offer. Errors: ErrNotFound, ErrInvalid (422, fields email and seats),
// ErrNotTransferable, ErrTransferPending (409), ErrTransferLimit (429).
func (h *Handler) apiTransferSend(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	// Another's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(c.Request().Context(), web.UserID(c), id); err != nil {
		return err
	}
	var in apiTransferRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"email":"friend@example.com","seats":["F7"]}.`)
	}
	from := Sender{ID: web.UserID(c)}
	if u := web.CurrentUser(c); u != nil {
		from.Name = u.Name
	}
	t, err := h.svc.SendTransfer(c.Request().Context(), from, id, in.Email, in.Seats)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, apiTransferFrom(t.Transfer))
}

// apiTransferCancel is DELETE /api/v1/bookings/:id/transfers/:tid: the
// sender withdraws a pending offer (204). Errors: ErrNotFound,
// ErrTransferGone (410).
func (h *Handler) apiTransferCancel(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(c.Param("tid"), 10, 64)
	if err != nil || tid <= 0 {
		return fmt.Errorf("transfer %q: %w", c.Param("tid"), ErrNotFound)
	}
	if err := h.svc.CancelTransfer(c.Request().Context(), web.UserID(c), id, tid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiTransferAcceptRequest is the body of POST /api/v1/transfers/accept.
type apiTransferAcceptRequest struct {
	Token string `json:"token"`
}

// apiTransferAccept is POST /api/v1/transfers/accept: the caller takes
// the tickets offered by {"token"} and gets their booking: the sender's,
// now theirs under a new code, or a new one with the seats offered.
// Errors: ErrNotFound (unknown token), ErrTransferGone (410),
// ErrNotTransferable (409).
func (h *Handler) apiTransferAccept(c echo.Context) error {
	var in apiTransferAcceptRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"token":"..."}.`)
	}
	ctx := c.Request().Context()
	email := ""
	if u := web.CurrentUser(c); u != nil {
		email = u.Email
	}
	id, err := h.svc.AcceptTransfer(ctx, web.UserID(c), email, in.Token)
	if err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiBookingFrom(co.Booking, apiShowFromDetail(co.Show)))
}

// apiTransferAcceptGuestRequest is the body of POST
// /api/v1/transfers/accept/guest: the offer's token and the address it
// was sent to.
type apiTransferAcceptGuestRequest struct {
	Token string `json:"token"`
	Email string `json:"email"`
	Lang  string `json:"lang"`
}

// apiTransferAcceptGuest is POST /api/v1/transfers/accept/guest: a
// signed-out app takes the tickets offered by {"token"} as a guest, giving
// the {"email"} they were sent to, and gets the guest booking with its
// guest_token (send it as X-Guest-Token); the e-ticket link is emailed too.
// Errors: ErrNotFound (unknown token), ErrInvalid (422, field email: not
// the offer's address), ErrTransferGone (410), ErrNotTransferable (409).
func (h *Handler) apiTransferAcceptGuest(c echo.Context) error {
	var in apiTransferAcceptGuestRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"token":"...","email":"ann@example.com"}.`)
	}
	ctx := c.Request().Context()
	id, err := h.svc.AcceptTransferGuest(ctx, in.Email, in.Lang, in.Token)
	if err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(ctx, web.GuestBuyer, id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiGuestHold{apiBooking: apiBookingFrom(co.Booking, apiShowFromDetail(co.Show)),
		GuestToken: h.svc.GuestAccessToken(id, strings.ToLower(strings.TrimSpace(in.Email)))})
}
