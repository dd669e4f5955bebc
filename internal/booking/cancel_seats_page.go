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
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// cancelSeatsPage is GET /bookings/:id/cancel-seats: the buyer's
// confirmed booking with a checkbox per seat and a quantity per food line
// still to serve. Errors: ErrNotFound (also for another user's booking).
func (h *Handler) cancelSeatsPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	return h.renderCancelSeats(c, http.StatusOK, id, cancelChoice{}, nil, "")
}

// cancelChoice is what the form asked to cancel: seats, and per food
// line the quantity as typed (food) and as read (items); errs names the
// food lines whose quantity was refused.
type cancelChoice struct {
	seats []string
	food  map[int64]string
	items []FoodCancel
	errs  map[int64]string
}

// cancelSeatsSubmit is POST /bookings/:id/cancel-seats: without confirm
// it prices the ticked seats and the food quantities and shows the quote;
// with confirm=1 it cancels them and returns to the booking's page. A
// refusal (nothing chosen, a seat not in the booking, a food quantity not
// a whole number from 0 to what is left, the window or the food cut-off
// closed, the booking no longer active) re-renders the form with 422.
// Errors: ErrNotFound.
func (h *Handler) cancelSeatsSubmit(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return h.renderCancelSeats(c, http.StatusUnprocessableEntity, id, cancelChoice{}, nil, i18n.T(ctx, "Choose at least one seat or item to cancel."))
	}
	ch, err := h.cancelFoodForm(c, id, form)
	if err != nil {
		return err
	}
	if len(ch.errs) > 0 {
		return h.renderCancelSeats(c, http.StatusUnprocessableEntity, id, ch, nil, "")
	}
	if c.FormValue("confirm") != "1" {
		q, err := h.svc.QuoteCancelSeats(ctx, h.buyer(c, id), id, ch.seats, ch.items...)
		if msg, ok := cancelSeatsRefusal(c, err); ok {
			return h.renderCancelSeats(c, http.StatusUnprocessableEntity, id, ch, nil, msg)
		} else if err != nil {
			return err
		}
		if !q.Allowed {
			return h.renderCancelSeats(c, http.StatusUnprocessableEntity, id, ch, nil, cancelClosedText(ctx))
		}
		return h.renderCancelSeats(c, http.StatusOK, id, ch, &q, "")
	}
	b, q, err := h.svc.CancelSeats(ctx, h.buyer(c, id), id, ch.seats, ch.items...)
	if msg, ok := cancelSeatsRefusal(c, err); ok {
		return h.renderCancelSeats(c, http.StatusUnprocessableEntity, id, ch, nil, msg)
	} else if err != nil {
		return err
	}
	msg := i18n.T(ctx, "Seats {{.Seats}} are cancelled and back on sale. Your ticket now shows only the seats you kept.",
		"Seats", strings.Join(q.Seats, ", "))
	switch {
	case q.Whole:
		msg = i18n.T(ctx, "Booking {{.Code}} is cancelled and its seats are back on sale.", "Code", b.Code)
	case len(q.Seats) == 0:
		msg = i18n.T(ctx, "{{.Items}} cancelled.", "Items", strings.Join(foodItems(q), ", "))
	case len(q.Food) > 0:
		msg += " " + i18n.T(ctx, "{{.Items}} cancelled.", "Items", strings.Join(foodItems(q), ", "))
	}
	if q.Refund > 0 {
		msg += " " + i18n.T(ctx, "{{.Amount}} will be refunded to your card.", "Amount", i18n.Money(ctx, q.Refund, q.Currency))
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
}

// cancelSeatsRefusal turns a refusal the buyer can act on into words for
// the form (ok false for any other error).
func cancelSeatsRefusal(c echo.Context, err error) (string, bool) {
	ctx := c.Request().Context()
	var fields validate.Errors
	switch {
	case err == nil:
		return "", false
	case errors.Is(err, ErrNothingToCancel):
		return i18n.T(ctx, "Choose at least one seat or item to cancel."), true
	case errors.As(err, &fields) && fields["items"] != "":
		return i18n.T(ctx, "Some of that food was cancelled or collected meanwhile: check the quantities left."), true
	case errors.As(err, &fields):
		if seat, ok := strings.CutPrefix(fields["seats"], "Seat "); ok {
			seat, _ = strings.CutSuffix(seat, " is not in this booking.")
			return i18n.T(ctx, "Seat {{.Seat}} is not in this booking.", "Seat", seat), true
		}
		return i18n.T(ctx, "Choose at least one seat or item to cancel."), true
	case errors.Is(err, ErrCancelClosed):
		return cancelClosedText(ctx), true
	case errors.Is(err, ErrFoodCancelClosed):
		return i18n.T(ctx, "Food can no longer be cancelled online: the kitchen is preparing orders for this show."), true
	case errors.Is(err, ErrNotCancellable):
		return i18n.T(ctx, "This booking is no longer active, so there is nothing to cancel."), true
	}
	return "", false
}

// cancelClosedText is ErrCancelClosed in ctx's language.
func cancelClosedText(ctx context.Context) string {
	return i18n.T(ctx, "This booking can no longer be cancelled online: the show starts too soon.")
}

// renderCancelSeats answers the form for booking id with the choice ch
// filled in, the quote q (nil before pricing) and msg, why the choice was
// refused.
func (h *Handler) renderCancelSeats(c echo.Context, status int, id int64, ch cancelChoice, q *SeatsCancelQuote, msg string) error {
	ctx := c.Request().Context()
	buyer := h.buyer(c, id)
	co, err := h.svc.BookingDetail(ctx, buyer, id)
	if err != nil {
		return err
	}
	if co.Booking.Status != Confirmed {
		h.auth.Flash(c, webctx.FlashError, i18n.T(ctx, "This booking is no longer active, so there is nothing to cancel."))
		return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
	}
	cq, err := h.svc.CancelQuote(ctx, buyer, id)
	if err != nil {
		return err
	}
	lines, foodDeadline, err := h.svc.CancellableFood(ctx, buyer, id)
	if err != nil {
		return err
	}
	loc := co.Show.Theater.Location()
	p := views.CancelSeatsProps{Code: co.Booking.Code, Show: showSummary(ctx, co.Show), Error: msg,
		Action: fmt.Sprintf("/bookings/%d/cancel-seats", id), Back: fmt.Sprintf("/bookings/%d", id),
		Deadline: i18n.LongDateTime(ctx, cq.Deadline.In(loc)), FoodDeadline: i18n.LongDateTime(ctx, foodDeadline.In(loc))}
	for i, sv := range seatViews(ctx, co.Booking.Seats) {
		seat := co.Booking.Seats[i].Seat
		p.Seats = append(p.Seats, views.CancelSeatChoice{Seat: seat, Label: sv.Label + " · " + sv.Kind + " · " + sv.Ticket,
			Chosen: slices.ContainsFunc(ch.seats, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), seat) })})
	}
	p.Food = cancelFoodViews(ctx, lines, ch, co.Booking.Currency)
	if q != nil {
		p.Quote = &views.CancelSeatsQuote{Seats: strings.Join(q.Seats, ", "), Cost: i18n.Money(ctx, q.Cost, q.Currency),
			Refund: i18n.Money(ctx, q.Refund, q.Currency), Whole: q.Whole, Food: strings.Join(foodItems(*q), ", ")}
		if q.Fee > 0 {
			p.Quote.Fee = i18n.Money(ctx, q.Fee, q.Currency)
		}
	}
	return web.Render(c, status, views.CancelSeatsPage(p))
}
