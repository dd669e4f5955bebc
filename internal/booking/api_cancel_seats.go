package booking

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

// apiCancelSeatsRequest is the body of POST
// /api/v1/bookings/:id/cancel-seats: seats, food lines or both.
type apiCancelSeatsRequest struct {
	Seats []string     `json:"seats"`
	Items []FoodCancel `json:"items"`
}

// apiCancelSeatsQuote is what cancelling some seats and food would give
// back, and the food that can still be cancelled.
type apiCancelSeatsQuote struct {
	Allowed      bool                 `json:"allowed"`
	Deadline     time.Time            `json:"deadline"`
	FoodDeadline time.Time            `json:"food_deadline"`
	Seats        []string             `json:"seats"`
	Items        []apiCancelledFood   `json:"items"`
	Cost         int64                `json:"cost"`
	Fee          int64                `json:"fee"`
	Refund       int64                `json:"refund"`
	Currency     string               `json:"currency"`
	Whole        bool                 `json:"whole"`
	Lines        []apiCancellableLine `json:"lines"`
}

// apiCancelledFood is a food line in a quote.
type apiCancelledFood struct {
	Line   int64  `json:"line"`
	Title  string `json:"title"`
	Qty    int    `json:"qty"`
	Refund int64  `json:"refund"`
}

// apiCancellableLine is a food line that can still be cancelled.
type apiCancellableLine struct {
	Line      int64  `json:"line"`
	Title     string `json:"title"`
	Qty       int    `json:"qty"`
	Refund    int64  `json:"refund"`
	FromOrder bool   `json:"from_order"`
}

// apiItemsParam reads the items query parameter, "line:qty" pairs
// separated by commas ("12:1,13:2"). Errors: validate.Errors (items).
func apiItemsParam(v string) ([]FoodCancel, error) {
	var out []FoodCancel
	for _, pair := range strings.Split(v, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		l, q, ok := strings.Cut(pair, ":")
		line, err1 := strconv.ParseInt(l, 10, 64)
		qty, err2 := strconv.Atoi(q)
		if !ok || err1 != nil || err2 != nil {
			return nil, validate.Errors{"items": `Name each item as line:qty, e.g. "12:1".`}
		}
		out = append(out, FoodCancel{Line: line, Qty: qty})
	}
	return out, nil
}

// apiCancelSeatsQuoteGet is GET
// /api/v1/bookings/:id/cancel-seats?seats=E6,E7&items=12:1: what
// cancelling those seats and food of the caller's confirmed booking would
// give back, whether that is allowed now, and the food lines that can
// still be cancelled. With neither seats nor items it prices nothing and
// only lists the lines. Errors: ErrNotFound, ErrNotCancellable,
// ErrInvalid (fields.seats, fields.items).
func (h *Handler) apiCancelSeatsQuoteGet(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	items, err := apiItemsParam(c.QueryParam("items"))
	if err != nil {
		return err
	}
	lines, _, err := h.svc.CancellableFood(ctx, h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	seats := strings.Split(c.QueryParam("seats"), ",")
	q, err := h.svc.QuoteCancelSeats(ctx, h.apiBuyer(c, id), id, seats, items...)
	if errors.Is(err, ErrNothingToCancel) {
		err = nil // nothing priced: the lines that can be cancelled
	}
	if err != nil {
		return err
	}
	out := apiCancelSeatsQuote{Allowed: q.Allowed, Deadline: q.Deadline, FoodDeadline: q.FoodDeadline, Seats: q.Seats,
		Items: []apiCancelledFood{}, Cost: q.Cost, Fee: q.Fee, Refund: q.Refund, Currency: q.Currency, Whole: q.Whole,
		Lines: make([]apiCancellableLine, len(lines))}
	if out.Seats == nil {
		out.Seats = []string{}
	}
	for _, f := range q.Food {
		out.Items = append(out.Items, apiCancelledFood{Line: f.Line, Title: f.Title, Qty: f.Qty, Refund: f.Refund})
	}
	for i, l := range lines {
		out.Lines[i] = apiCancellableLine{Line: l.ID, Title: l.Title, Qty: l.Qty, Refund: l.Refund, FromOrder: l.FromOrder}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiCancelSeats is POST /api/v1/bookings/:id/cancel-seats
// {"seats":["E6"],"items":[{"line":12,"qty":1}]}: the caller cancels some
// seats and food of their confirmed booking within the policy and gets
// the booking back with what is kept (every seat left cancels the
// booking). Errors: ErrNotFound, ErrInvalid (fields.seats, fields.items),
// ErrNothingToCancel (422), ErrNotCancellable, ErrCancelClosed,
// ErrFoodCancelClosed (409).
func (h *Handler) apiCancelSeats(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Someone else's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(ctx, h.apiBuyer(c, id), id); err != nil {
		return err
	}
	var in apiCancelSeatsRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"seats":["E6"],"items":[{"line":12,"qty":1}]}.`)
	}
	if _, _, err := h.svc.CancelSeats(ctx, h.apiBuyer(c, id), id, in.Seats, in.Items...); err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(ctx, h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiBookingFrom(co.Booking, apiShowFromDetail(co.Show)))
}
