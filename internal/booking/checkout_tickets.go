package booking

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// setTicketTypes is POST /bookings/:id/ticket-types with count_<CODE>
// fields: sells the held seats as that many tickets of each type and
// shows the checkout repriced. A refused choice (a type not sold for the
// show, counts that do not add up) re-renders the checkout with the
// reason (422). Errors: ErrNotFound.
func (h *Handler) setTicketTypes(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return fmt.Errorf("read ticket counts: %w", err)
	}
	counts := TicketCounts{}
	bad := false
	for key, vals := range form {
		code, ok := cutPrefix(key, "count_")
		if !ok || len(vals) == 0 {
			continue
		}
		n, err := strconv.Atoi(vals[0])
		if err != nil {
			bad = true
			continue
		}
		counts[code] = n
	}
	var co Checkout
	if bad {
		err = validate.Errors{"ticket_types": i18n.T(ctx, "Choose how many of each ticket with the lists.")}
	} else {
		co, err = h.svc.SetTicketTypes(ctx, h.buyer(c, id), id, counts)
	}
	if fields, ok := validate.Fields(err); ok {
		co, cerr := h.svc.Checkout(ctx, h.buyer(c, id), id)
		if cerr != nil {
			return cerr
		}
		p := h.checkoutProps(ctx, co, views.CheckoutPriceProps{})
		p.Tickets.Error = fields["ticket_types"]
		return web.Render(c, http.StatusUnprocessableEntity, views.Checkout(p))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/bookings/%d/checkout", co.Booking.ID))
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) > len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}

// ticketName is the name of the type a seat is sold as, the built-in
// Adult in ctx's language.
func ticketName(ctx context.Context, t SeatTicket) string {
	if t.Name == "" || t.Name == "Adult" {
		return i18n.T(ctx, "Adult")
	}
	return t.Name
}

// ticketChoice is the ticket form of a checkout: the types offered with
// their prices for the booking's seats and how many are chosen now.
func ticketChoice(ctx context.Context, co Checkout) views.TicketChoiceProps {
	b := co.Booking
	p := views.TicketChoiceProps{Action: fmt.Sprintf("/bookings/%d/ticket-types", b.ID), Seats: len(b.Seats)}
	counts := ticketCountsOf(b.Seats)
	for _, t := range co.TicketTypes {
		name := ticketName(ctx, SeatTicket{Name: t.Name})
		ch := views.TicketTypeChoice{Code: t.Code, Name: name, AgeNote: t.AgeNote, Count: counts[t.Code],
			Price: ticketPriceRange(ctx, t, b.Seats, b.Currency)}
		if t.ProofRequired {
			ch.ProofNote = t.ProofNote
		}
		p.Types = append(p.Types, ch)
	}
	return p
}

// ticketPriceRange is what type t costs for the booking's seats: one price,
// or the lowest and highest across its seat categories.
func ticketPriceRange(ctx context.Context, t catalog.TicketType, seats []BookedSeat, currency string) string {
	var prices []int64
	for _, st := range seats {
		prices = append(prices, t.Price(st.Category, st.ListPrice))
	}
	if len(prices) == 0 {
		return ""
	}
	lo, hi := slices.Min(prices), slices.Max(prices)
	if lo == hi {
		return i18n.Money(ctx, lo, currency)
	}
	return i18n.Money(ctx, lo, currency) + "–" + i18n.Money(ctx, hi, currency)
}
