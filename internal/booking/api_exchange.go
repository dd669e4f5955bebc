package booking

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiExchangeRequest is the body of POST /api/v1/bookings/:id/exchange and
// of its quote.
type apiExchangeRequest struct {
	ShowID int64    `json:"show_id"`
	Seats  []string `json:"seats"`
}

// apiExchangeShows is the list of shows a booking may move to.
type apiExchangeShows struct {
	Deadline time.Time  `json:"deadline"`
	Shows    []*apiShow `json:"shows"`
}

// apiExchangeQuote is what moving a booking to the seats asked would cost.
type apiExchangeQuote struct {
	Allowed    bool      `json:"allowed"`
	Deadline   time.Time `json:"deadline"`
	ShowID     int64     `json:"show_id"`
	OldSeats   []string  `json:"old_seats"`
	Seats      []string  `json:"seats"`
	OldAmount  int64     `json:"old_amount"`
	NewAmount  int64     `json:"new_amount"`
	Difference int64     `json:"difference"`
	Due        int64     `json:"due"`
	Refund     int64     `json:"refund"`
	Currency   string    `json:"currency"`
}

// apiExchangeShowsGet is GET /api/v1/bookings/:id/exchange/shows: the
// shows the caller's booking may move to. Errors: ErrNotFound,
// ErrNotExchangeable, ErrExchangeClosed (409).
func (h *Handler) apiExchangeShowsGet(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	from, shows, err := h.svc.ExchangeShows(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	window, _ := h.svc.cancelPolicy(from.Chain)
	out := apiExchangeShows{Deadline: from.StartsAt.Add(-window).UTC(), Shows: []*apiShow{}}
	for _, d := range shows {
		out.Shows = append(out.Shows, apiShowFromDetail(d))
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// readExchange decodes the body of an exchange request.
func readExchange(c echo.Context) (apiExchangeRequest, error) {
	var in apiExchangeRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return in, echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"show_id":42,"seats":["F1","F2"]}.`)
	}
	return in, nil
}

// apiExchangeQuotePost is POST /api/v1/bookings/:id/exchange/quote
// {"show_id":42,"seats":["F1","F2"]}: what moving the caller's booking
// to those seats would cost or give back (nothing changes). Errors:
// ErrNotFound, ErrInvalid (fields.seats), ErrSeatTaken, ErrSameShow,
// ErrShowNotAllowed, ErrNotExchangeable (409).
func (h *Handler) apiExchangeQuotePost(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	// Another's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(c.Request().Context(), web.UserID(c), id); err != nil {
		return err
	}
	in, err := readExchange(c)
	if err != nil {
		return err
	}
	q, err := h.svc.QuoteExchange(c.Request().Context(), web.UserID(c), id, in.ShowID, in.Seats)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiExchangeQuoteFrom(q))
}

// apiExchangeQuoteFrom is quote q as the apps read it.
func apiExchangeQuoteFrom(q ExchangeQuote) apiExchangeQuote {
	return apiExchangeQuote{Allowed: q.Allowed, Deadline: q.Deadline.UTC(), ShowID: q.To.ID, OldSeats: q.OldSeats,
		Seats: q.Seats, OldAmount: q.OldAmount, NewAmount: q.NewAmount, Difference: q.Difference, Due: max(q.Difference, 0),
		Refund: q.Refund(), Currency: q.Currency}
}

// apiExchange is POST /api/v1/bookings/:id/exchange {"show_id":42,
// "seats":["F1","F2"]}: the caller's booking moves to those seats and the
// booking comes back as it is now. Sending it again once it moved answers
// the booking again (the request is safe to retry). Seats that cost more
// are held while the buyer pays the difference: 202 with the quote and
// the payment (as POST /api/v1/bookings/:id/payment answers), whose
// success moves the booking; asking again meanwhile answers the same
// payment. Errors: ErrNotFound, ErrInvalid (fields.seats), ErrSeatTaken,
// ErrSameShow, ErrShowNotAllowed, ErrNotExchangeable, ErrExchangeClosed,
// ErrExchangeChanged (409); payments' ErrProvider.
func (h *Handler) apiExchange(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	uid := web.UserID(c)
	// Another's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(ctx, uid, id); err != nil {
		return err
	}
	in, err := readExchange(c)
	if err != nil {
		return err
	}
	_, q, err := h.svc.Exchange(ctx, uid, id, in.ShowID, in.Seats)
	if err == nil && q.Awaiting != nil {
		p, err := h.opts.Payments.BeginForApp(ctx, *q.Awaiting)
		if err != nil {
			return fmt.Errorf("begin payment of exchange order %d: %w", q.Awaiting.BookingID, err)
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/v1/payments/%d", p.ID))
		return c.JSON(http.StatusAccepted, struct {
			Quote   apiExchangeQuote    `json:"quote"`
			Payment payments.AppPayment `json:"payment"`
		}{Quote: apiExchangeQuoteFrom(q), Payment: p})
	}
	if errors.Is(err, ErrSameShow) {
		// A retry of an exchange that was made: the same answer.
		b, berr := h.svc.Booking(ctx, uid, id)
		if berr != nil || !sameSeats(b.Seats, upperSeats(in.Seats)) {
			return err
		}
	} else if err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(ctx, uid, id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiBookingFrom(co.Booking, apiShowFromDetail(co.Show)))
}

// sameSeats says whether a booking's seats are exactly those named.
func sameSeats(have []BookedSeat, want []string) bool {
	if len(have) != len(want) {
		return false
	}
	for _, s := range have {
		if !slices.Contains(want, s.Seat) {
			return false
		}
	}
	return true
}
