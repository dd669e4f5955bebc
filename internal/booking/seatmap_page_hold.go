package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// holdSeats is POST /shows/:id/hold: it holds the ticked seats for the
// signed-in buyer and sends them to checkout. A refused choice comes back
// on the map: 409 naming the seats somebody else just took (the rest stay
// ticked), 422 for a choice that breaks a rule (too many seats, a seat on
// its own, a tampered value). Nothing is held unless everything is.
// Errors: ErrNotFound; a show no longer on sale gets its "not on sale" page.
func (h *Handler) holdSeats(c echo.Context) error {
	id, err := seatMapShowID(c)
	if err != nil {
		return err
	}
	uid := web.UserID(c)
	if uid == 0 {
		return echo.NewHTTPError(http.StatusUnauthorized, "Sign in first.")
	}
	if ok, err := h.admitPage(c, id, fmt.Sprintf("/shows/%d/seats", id)); !ok {
		return err
	}
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "We couldn't read that form. Reload the page and try again.")
	}
	// Hold checks the choice; the page only reads it to tick the seats
	// again if the hold is refused, and to apply the stranded-seat rule.
	sel, selErr := ParseSelection(form["seats"], h.svc.opts.MaxSeats)
	if selErr == nil && !h.opts.AllowStrandedSeats {
		err = h.svc.CheckStranded(ctx, id, sel.Seats)
	}
	if err == nil {
		var b Booking
		if b, err = h.svc.Hold(ctx, uid, id, form["seats"]); err == nil {
			return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout", b.ID))
		}
	}
	return h.holdRefused(c, id, sel.Seats, err)
}

// holdRefused shows the map again with why the seats were not held and
// the rest of the choice still ticked.
func (h *Handler) holdRefused(c echo.Context, id int64, seats []string, cause error) error {
	var status int
	st := seatMapState{Best: views.BestForm{N: max(len(seats), 1)}}
	var taken *SeatsTakenError
	var limit *LimitError
	fields, invalid := validate.Fields(cause)
	switch {
	case errors.As(cause, &limit):
		status, st.Error, st.Selected = http.StatusTooManyRequests, limit.Message, seats
	case errors.As(cause, &taken):
		status, st.Error = http.StatusConflict, takenMessage(c.Request().Context(), taken.Seats)
		st.Selected = slices.DeleteFunc(slices.Clone(seats), func(s string) bool { return slices.Contains(taken.Seats, s) })
	case invalid:
		status, st.Error, st.Selected = http.StatusUnprocessableEntity, fieldMessage(fields), seats
	case errors.Is(cause, ErrNotOnSale):
		status, st.Error = http.StatusConflict, ErrNotOnSale.Error()
	default:
		return cause
	}
	m, err := h.svc.SeatMap(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if !h.svc.onSale(m.Show) {
		return h.seatMapClosed(c, m)
	}
	if st.Holding, st.HoldID, err = h.buyerHold(c.Request().Context(), web.UserID(c), m); err != nil {
		return err
	}
	return web.Render(c, status, views.SeatMap(h.seatMapProps(c.Request().Context(), m, st, true)))
}

// takenMessage names the seats that went, in ctx's language.
func takenMessage(ctx context.Context, seats []string) string {
	if len(seats) == 1 {
		return i18n.T(ctx, "Sorry, {{.Seat}} was just taken by someone else. We kept the rest of your seats: pick another and continue.",
			"Seat", seats[0])
	}
	return i18n.T(ctx, "Sorry, {{.Seats}} were just taken by someone else. We kept the rest of your seats: pick others and continue.",
		"Seats", strings.Join(seats, ", "))
}

// fieldMessage is the message of a validation error about the seats.
func fieldMessage(f validate.Errors) string {
	if m := f["seats"]; m != "" {
		return m
	}
	for _, m := range f {
		return m
	}
	return i18n.Msg("Please check your seats and try again.")
}

// seatMapSignIn offers a visitor who tries to hold seats the choice:
// sign in (and come back to the map with the same seats ticked), or
// continue as a guest (guestChoice).
func (h *Handler) seatMapSignIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if web.UserID(c) != 0 {
			return next(c)
		}
		id, err := seatMapShowID(c)
		if err != nil {
			return err
		}
		var seats []string
		if form, err := c.FormParams(); err == nil {
			if sel, err := ParseSelection(form["seats"], h.svc.opts.MaxSeats); err == nil {
				seats = sel.Seats
			}
		}
		return h.guestChoice(c, http.StatusOK, id, seats, views.GuestForm{})
	}
}
