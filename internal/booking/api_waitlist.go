package booking

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiWaitlistJoinRequest is the body of POST /api/v1/shows/:id/waitlist.
type apiWaitlistJoinRequest struct {
	Seats    int   `json:"seats"`
	Together bool  `json:"together"`
	MaxPrice int64 `json:"max_price"`
}

// apiWaitlistEntry is a buyer's place in a show's line.
type apiWaitlistEntry struct {
	ID       int64  `json:"id"`
	ShowID   int64  `json:"show_id"`
	Seats    int    `json:"seats"`
	Together bool   `json:"together"`
	MaxPrice *int64 `json:"max_price"`
	State    string `json:"state"`
	// Position is the place in the line from 1 (null once out of it).
	Position *int `json:"position"`
	// OfferBookingID is the held booking offered (pay it as any other);
	// OfferExpiresAt when it lapses.
	OfferBookingID *int64     `json:"offer_booking_id"`
	OfferExpiresAt *time.Time `json:"offer_expires_at"`
	JoinedAt       time.Time  `json:"joined_at"`
}

func apiWaitlistEntryFrom(e WaitlistEntry) apiWaitlistEntry {
	out := apiWaitlistEntry{ID: e.ID, ShowID: e.ShowID, Seats: e.Seats, Together: e.Together, State: string(e.State),
		JoinedAt: e.CreatedAt}
	if e.MaxPrice > 0 {
		out.MaxPrice = &e.MaxPrice
	}
	if e.Position > 0 {
		out.Position = &e.Position
	}
	if e.OfferBookingID != 0 {
		out.OfferBookingID, out.OfferExpiresAt = &e.OfferBookingID, &e.OfferExpiresAt
	}
	return out
}

// apiWaitlistJoin is POST /api/v1/shows/:id/waitlist: the caller joins
// the line of a show with fewer free seats than they want.
// Errors: ErrNotFound, ErrInvalid, ErrNotOnSale, ErrNotSoldOut, ErrAlreadyWaiting.
func (h *Handler) apiWaitlistJoin(c echo.Context) error {
	showID, err := apiID(c)
	if err != nil {
		return err
	}
	var in apiWaitlistJoinRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"seats":2,"together":true,"max_price":1200}.`)
	}
	e, err := h.svc.JoinWaitlist(c.Request().Context(), web.UserID(c), showID, WaitlistJoin(in))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, apiWaitlistEntryFrom(e))
}

// apiWaitlistGet is GET /api/v1/shows/:id/waitlist: the caller's active
// entry and position. Errors: ErrNotFound (not in the line).
func (h *Handler) apiWaitlistGet(c echo.Context) error {
	showID, err := apiID(c)
	if err != nil {
		return err
	}
	e, err := h.svc.MyWaitlistEntry(c.Request().Context(), web.UserID(c), showID)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiWaitlistEntryFrom(e))
}

// apiWaitlistLeave is DELETE /api/v1/shows/:id/waitlist: the caller
// leaves the line, declining an offer they hold. Errors: ErrNotFound.
func (h *Handler) apiWaitlistLeave(c echo.Context) error {
	showID, err := apiID(c)
	if err != nil {
		return err
	}
	if err := h.svc.LeaveWaitlist(c.Request().Context(), web.UserID(c), showID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiMyWaitlist is GET /api/v1/me/waitlist: the caller's entries and
// offers, newest first.
func (h *Handler) apiMyWaitlist(c echo.Context) error {
	es, err := h.svc.MyWaitlist(c.Request().Context(), web.UserID(c))
	if err != nil {
		return err
	}
	out := struct {
		Entries []apiWaitlistEntry `json:"entries"`
	}{Entries: make([]apiWaitlistEntry, len(es))}
	for i, e := range es {
		out.Entries[i] = apiWaitlistEntryFrom(e)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
