package booking

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiHoldRequest is the body of POST /api/v1/shows/:id/holds: either the
// seats picked on the map or the best N seats together (of one kind).
type apiHoldRequest struct {
	Seats    []string         `json:"seats"`
	Best     *int             `json:"best"`
	Category catalog.Category `json:"category"`
}

// apiHold is POST /api/v1/shows/:id/holds {"seats":["F7","F8"]} or
// {"best":2,"category":"premium"}: holds the seats for the caller, all or
// nothing, and answers 201 with the booking (its hold_expires_at says
// until when). The picked seats obey the web's rules, the stranded-seat
// one included (422 naming the seat left alone); best N picks a block
// that strands nobody. A taken seat answers 409 seat_taken naming the
// seats that went. The waiting room admits the caller first (429).
// Errors: ErrNotFound, ErrNotOnSale, ErrInvalid, ErrSeatTaken.
func (h *Handler) apiHold(c echo.Context) error {
	showID, err := apiID(c)
	if err != nil {
		return err
	}
	if ok, err := h.apiAdmit(c, showID); !ok {
		return err // 429 waiting_room
	}
	var in apiHoldRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"seats":["F7","F8"]} or {"best":2}.`)
	}
	ctx := c.Request().Context()
	seats, err := h.apiHoldSeats(c, showID, in)
	if err != nil {
		return err
	}
	b, err := h.svc.Hold(ctx, web.UserID(c), showID, seats)
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
	// A non-nil err here comes after the commit (the catalogue's
	// availability count, display only, redone by the next change): the
	// seats are the buyer's, so they hear so.
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/v1/bookings/%d", b.ID))
	return c.JSON(http.StatusCreated, apiBookingFrom(b, nil))
}

// apiHoldSeats turns a hold request into the seats to hold: the best block
// for {"best":N}, or the picked seats once the stranded-seat rule (the
// web's, unless AllowStrandedSeats) lets them through. The rest of the
// picked seats' rules are Hold's.
// Errors: ErrNotFound, ErrNotOnSale, validate.Errors on "seats" or "best".
func (h *Handler) apiHoldSeats(c echo.Context, showID int64, in apiHoldRequest) ([]string, error) {
	ctx := c.Request().Context()
	if in.Best != nil {
		if len(in.Seats) > 0 {
			return nil, validate.Errors{"best": "Send either seats or best, not both."}
		}
		return h.svc.BestAvailable(ctx, showID, *in.Best, in.Category)
	}
	if in.Category != "" {
		return nil, validate.Errors{"category": "A category goes with best; picked seats have their own."}
	}
	if sel, err := ParseSelection(in.Seats, h.svc.opts.MaxSeats); err == nil && !h.opts.AllowStrandedSeats {
		if err := h.svc.CheckStranded(ctx, showID, sel.Seats); err != nil {
			return nil, err
		}
	}
	return in.Seats, nil
}

// apiSeatsTaken answers 409 seat_taken in the shared problem+json shape,
// with the seats that went in detail: the shared handler would print the
// sentinel's text, which cannot name them.
func apiSeatsTaken(c echo.Context, taken *SeatsTakenError) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(http.StatusConflict, web.Problem{Type: "about:blank", Title: http.StatusText(http.StatusConflict),
		Status: http.StatusConflict, Detail: taken.Error(), Code: "seat_taken",
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID)})
}

// apiReleaseHold is DELETE /api/v1/holds/:id: the caller gives up a hold
// and its seats go back on sale at once (204). A hold that already ran out
// or was released answers 204 too; a booking being paid or paid for is not
// a hold any more (409). Errors: ErrNotFound (also for another's booking).
func (h *Handler) apiReleaseHold(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	st, err := h.svc.ReleaseHold(c.Request().Context(), h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	if st != Held && st != Expired {
		return echo.NewHTTPError(http.StatusConflict, "This booking is no longer a hold: it is being paid for or is paid.")
	}
	return c.NoContent(http.StatusNoContent)
}
