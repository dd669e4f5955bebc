package booking

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiTransferRequest is the body of POST /api/v1/bookings/:id/transfers.
type apiTransferRequest struct {
	Email string `json:"email"`
}

// apiTransfer is an offer of a booking's tickets.
type apiTransfer struct {
	ID        int64     `json:"id"`
	BookingID int64     `json:"booking_id"`
	Email     string    `json:"email"`
	State     string    `json:"state"`
	ExpiresAt time.Time `json:"expires_at"`
	CreatedAt time.Time `json:"created_at"`
}

func apiTransferFrom(t Transfer) apiTransfer {
	return apiTransfer{ID: t.ID, BookingID: t.BookingID, Email: t.Email, State: string(t.State),
		ExpiresAt: t.ExpiresAt.UTC(), CreatedAt: t.CreatedAt.UTC()}
}

// apiTransferSend is POST /api/v1/bookings/:id/transfers: the caller
// offers all the tickets of their confirmed booking to {"email"}; the
// recipient gets the link by email (the token is never answered). 201
// with the offer. Errors: ErrNotFound, ErrInvalid (422, field email),
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
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"email":"friend@example.com"}.`)
	}
	from := Sender{ID: web.UserID(c)}
	if u := web.CurrentUser(c); u != nil {
		from.Name = u.Name
	}
	t, err := h.svc.SendTransfer(c.Request().Context(), from, id, in.Email)
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
// the tickets offered by {"token"} and gets the booking, now theirs.
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
