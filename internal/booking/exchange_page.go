package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// exchangeShowsPage is GET /bookings/:id/exchange: the shows the buyer's
// booking may move to. A booking that may not move goes back to its page
// with the reason. Errors: ErrNotFound (also another user's booking).
func (h *Handler) exchangeShowsPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	from, shows, err := h.svc.ExchangeShows(ctx, web.UserID(c), id)
	if msg, ok := exchangeRefusal(ctx, err); ok {
		h.auth.Flash(c, webctx.FlashError, msg)
		return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
	} else if err != nil {
		return err
	}
	b, err := h.svc.Booking(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	window, _ := h.svc.cancelPolicy(from.Chain)
	p := views.ExchangeShowsProps{Code: b.Code, Show: showSummary(ctx, from), Back: fmt.Sprintf("/bookings/%d", id),
		Deadline: i18n.LongDateTime(ctx, from.StartsAt.Add(-window).In(from.Theater.Location())), Seats: len(b.Seats)}
	for _, d := range shows {
		p.Shows = append(p.Shows, views.ExchangeShowChoice{Href: fmt.Sprintf("/bookings/%d/exchange/%d", id, d.ID),
			Movie: d.Movie.Title, Theater: d.Theater.Name, When: i18n.LongDateTime(ctx, d.StartsAt.In(d.Theater.Location())),
			Details: strings.Join(nonEmpty(d.Format, d.Language), " · ")})
	}
	return web.Render(c, http.StatusOK, views.ExchangeShowsPage(p))
}

// nonEmpty keeps the words that are not empty.
func nonEmpty(words ...string) []string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// exchangeSeatsPage is GET /bookings/:id/exchange/:showID: the new show's
// live seat map. Errors: ErrNotFound.
func (h *Handler) exchangeSeatsPage(c echo.Context) error {
	id, showID, err := exchangeIDs(c)
	if err != nil {
		return err
	}
	return h.renderExchangeSeats(c, http.StatusOK, id, showID, nil, nil, "")
}

// exchangeSubmit is POST /bookings/:id/exchange/:showID: without confirm
// it prices the chosen seats and shows the quote; with confirm=1 it moves
// the booking and returns to its page, or, for dearer seats, holds them
// and sends the buyer to pay the difference (the payment moves the
// booking). A refusal (seats taken, too few or too many, the cut-off
// passed) re-renders the map with 422 and the reason. Errors: ErrNotFound.
func (h *Handler) exchangeSubmit(c echo.Context) error {
	id, showID, err := exchangeIDs(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return h.renderExchangeSeats(c, http.StatusUnprocessableEntity, id, showID, nil, nil, i18n.T(ctx, "Choose as many seats as your booking has."))
	}
	seats := form["seats"]
	if c.FormValue("confirm") != "1" {
		q, err := h.svc.QuoteExchange(ctx, web.UserID(c), id, showID, seats)
		if err == nil && !q.Allowed {
			err = ErrExchangeClosed
		}
		if msg, ok := exchangeRefusal(ctx, err); ok {
			return h.renderExchangeSeats(c, http.StatusUnprocessableEntity, id, showID, seats, nil, msg)
		} else if err != nil {
			return err
		}
		return h.renderExchangeSeats(c, http.StatusOK, id, showID, q.Seats, &q, "")
	}
	b, q, err := h.svc.Exchange(ctx, web.UserID(c), id, showID, seats)
	if msg, ok := exchangeRefusal(ctx, err); ok {
		return h.renderExchangeSeats(c, http.StatusUnprocessableEntity, id, showID, seats, nil, msg)
	} else if err != nil {
		return err
	}
	if q.Awaiting != nil {
		// Dearer seats: they are held while the buyer pays the difference,
		// and the payment makes the change.
		path, err := h.opts.Payments.Begin(ctx, *q.Awaiting)
		if err != nil {
			return fmt.Errorf("begin payment of exchange order %d: %w", q.Awaiting.BookingID, err)
		}
		return web.Redirect(c, path)
	}
	msg := i18n.T(ctx, "Booking {{.Code}} is moved to {{.When}}, seats {{.Seats}}. Your new e-ticket is ready; the old one no longer opens the door.",
		"Code", b.Code, "When", i18n.LongDateTime(ctx, q.To.StartsAt.In(q.To.Theater.Location())), "Seats", strings.Join(q.Seats, ", "))
	if q.Refund() > 0 {
		msg += " " + i18n.T(ctx, "{{.Amount}} will be refunded to your card.", "Amount", i18n.Money(ctx, q.Refund(), q.Currency))
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
}

// exchangeIDs reads the booking and show ids of the path. Errors:
// ErrNotFound.
func exchangeIDs(c echo.Context) (id, showID int64, err error) {
	if id, err = checkoutBookingID(c); err != nil {
		return 0, 0, err
	}
	showID, err = strconv.ParseInt(c.Param("showID"), 10, 64)
	if err != nil || showID <= 0 {
		return 0, 0, fmt.Errorf("show %q: %w", c.Param("showID"), ErrNotFound)
	}
	return id, showID, nil
}

// exchangeRefusal turns a refusal the buyer can act on into words for the
// page (ok false for any other error).
func exchangeRefusal(ctx context.Context, err error) (string, bool) {
	var fields validate.Errors
	var taken *SeatsTakenError
	switch {
	case err == nil:
		return "", false
	case errors.As(err, &taken):
		return i18n.T(ctx, "Seat {{.Seats}} was just taken by someone else; please pick again.", "Seats", strings.Join(taken.Seats, ", ")), true
	case errors.As(err, &fields):
		return i18n.T(ctx, "Choose as many seats as your booking has, from the seats on sale."), true
	case errors.Is(err, ErrExchangeClosed):
		return i18n.T(ctx, "This booking can no longer be moved to another show: the show starts too soon."), true
	case errors.Is(err, ErrNotExchangeable):
		return i18n.T(ctx, "This booking can't be moved to another show."), true
	case errors.Is(err, ErrSameShow), errors.Is(err, ErrShowNotAllowed):
		return i18n.T(ctx, "Your booking can't be moved to that show: choose one from the list."), true
	case errors.Is(err, ErrTicketTypeNotOffered):
		return i18n.T(ctx, "Some of your tickets' types (such as child or senior) are not sold for this show: choose another show."), true
	case errors.Is(err, ErrExchangeChanged):
		return i18n.T(ctx, "Your booking changed while you were choosing: please look at it again."), true
	}
	return "", false
}

// renderExchangeSeats answers the seat page of show showID for booking
// id with the chosen seats ticked, the quote q (nil before pricing) and
// msg, why the choice was refused.
func (h *Handler) renderExchangeSeats(c echo.Context, status int, id, showID int64, chosen []string, q *ExchangeQuote, msg string) error {
	ctx := c.Request().Context()
	b, err := h.svc.Booking(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	from, err := h.svc.shows.ShowDetail(ctx, b.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %d: %w", id, err)
	}
	m, err := h.svc.SeatMap(ctx, showID)
	if errors.Is(err, ErrNotFound) || (err == nil && exchangeTarget(from, m.Show, h.svc.opts.Now()) != nil) {
		h.auth.Flash(c, webctx.FlashError, i18n.T(ctx, "Your booking can't be moved to that show: choose one from the list."))
		return web.Redirect(c, fmt.Sprintf("/bookings/%d/exchange", id))
	} else if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range upperSeats(chosen) {
		want[s] = true
	}
	cur := m.Show.City.Currency
	grid, picked, total := seatMapGrid(ctx, m.Show.Screen.Layout, m.Seats, want, cur, 0)
	p := views.ExchangeSeatsProps{Code: b.Code, From: showSummary(ctx, from), To: showSummary(ctx, m.Show), Seats: len(b.Seats),
		Action: fmt.Sprintf("/bookings/%d/exchange/%d", id, showID), Back: fmt.Sprintf("/bookings/%d/exchange", id),
		Grid: grid, Prices: seatPrices(ctx, m.Seats, cur), Error: msg, OldSeats: bookedSeatList(b.Seats),
		Chosen: picked, Total: i18n.Money(ctx, total, cur), EventsHref: fmt.Sprintf("/shows/%d/seats/events", showID),
		MoneySample: i18n.Money(ctx, 123456789, cur)}
	if q != nil {
		p.Quote = &views.ExchangeQuoteView{Seats: strings.Join(q.Seats, ", "), OldAmount: i18n.Money(ctx, q.OldAmount, q.Currency),
			NewAmount: i18n.Money(ctx, q.NewAmount, q.Currency)}
		if q.Refund() > 0 {
			p.Quote.Refund = i18n.Money(ctx, q.Refund(), q.Currency)
		} else if q.Difference > 0 {
			p.Quote.Due = i18n.Money(ctx, q.Difference, q.Currency)
		}
	}
	return web.Render(c, status, views.ExchangeSeatsPage(p))
}

// bookedSeatList is "E9, E10": the seats as people read them.
func bookedSeatList(seats []BookedSeat) string {
	out := make([]string, len(seats))
	for i, s := range seats {
		out[i] = s.Seat
	}
	slices.SortFunc(out, compareSeats)
	return strings.Join(out, ", ")
}

// exchangeHref is the "Change show" link of a confirmed booking ("" when
// it may not move now).
func (h *Handler) exchangeHref(ctx context.Context, userID, id int64) (string, error) {
	open, err := h.svc.ExchangeOpen(ctx, userID, id)
	if err != nil || !open {
		return "", err
	}
	return fmt.Sprintf("/bookings/%d/exchange", id), nil
}
