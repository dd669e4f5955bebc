package booking

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// bookingPage is GET /bookings/:id: one of the buyer's bookings with its
// state, code, show, seats and amounts. ?paid=1 (where a payment lands)
// greets a confirmed booking as just paid. Errors: ErrNotFound (also for
// another user's booking).
func (h *Handler) bookingPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	// Food added to a paid booking is shown on that booking's page, not
	// as a booking of its own; whoever may see that booking is sent there.
	parent, err := h.svc.FoodOrderParent(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if parent != 0 {
		if _, err := h.svc.BookingDetail(c.Request().Context(), h.buyer(c, parent), parent); err != nil {
			return err
		}
		return web.Redirect(c, "/bookings/"+strconv.FormatInt(parent, 10))
	}
	return h.renderBookingPage(c, http.StatusOK, id, "")
}

// renderBookingPage answers the page of booking id with status; foodErr
// is why the food the buyer tried to add was refused ("" for none).
func (h *Handler) renderBookingPage(c echo.Context, status int, id int64, foodErr string) error {
	ctx := c.Request().Context()
	co, err := h.svc.BookingDetail(ctx, h.buyer(c, id), id)
	if err != nil {
		return err
	}
	now := h.svc.opts.Now()
	loc := co.Show.Theater.Location()
	b, st := co.Booking, checkoutStatus(ctx, co, now)
	p := views.BookingPageProps{Code: b.Code, Status: st.label, StatusTone: st.tone, Note: st.note,
		Show: showSummary(ctx, co.Show), Seats: seatViews(ctx, b.Seats), Price: priceView(ctx, co.Price),
		PriceTitle: i18n.T(ctx, "Price"),
		BookedOn:   i18n.T(ctx, "Booked on {{.When}}", "When", i18n.LongDateTime(ctx, b.CreatedAt.In(loc)))}
	switch {
	case co.Holding:
		p.CheckoutHref = fmt.Sprintf("/bookings/%d/checkout", b.ID)
		p.Terms = h.cancelTerms(ctx, co.Show.Chain, b.Currency)
	case b.Status == PendingPayment && co.Declined && b.HoldExpiresAt.After(now):
		p.RetryHref = fmt.Sprintf("/bookings/%d/checkout", b.ID)
	case b.Status == Confirmed:
		p.PriceTitle = i18n.T(ctx, "Paid")
		p.JustPaid = c.QueryParam("paid") == "1"
		p.TicketHref = fmt.Sprintf("/bookings/%d/ticket", b.ID)
		q, err := h.svc.CancelQuote(ctx, h.buyer(c, id), id)
		if err != nil {
			return err
		}
		p.Cancel = cancelViewIn(ctx, id, q, loc)
		if q.Allowed && len(b.Seats) > 1 {
			p.Cancel.SomeSeatsHref = fmt.Sprintf("/bookings/%d/cancel-seats", id)
		}
		if p.FoodAddons, err = h.foodAddonsProps(ctx, co, foodErr); err != nil {
			return err
		}
		if err := h.transferSection(c, &p, co); err != nil {
			return err
		}
		// Changing show needs an account: a guest's page (opened by their
		// access link) does not offer it.
		if uid := web.UserID(c); uid != 0 {
			if p.ExchangeHref, err = h.exchangeHref(ctx, uid, id); err != nil {
				return err
			}
		}
	}
	if p.Receipts, err = h.receiptViews(ctx, b.ID); err != nil {
		return err
	}
	if p.SeatCancellations, err = h.seatCancellationViews(ctx, b.ID, loc, b.Currency); err != nil {
		return err
	}
	if foodErr != "" && b.Status != Confirmed {
		p.FoodAddons.Closed = foodErr
	}
	if (b.Status == Held || b.Status == Expired || b.Status == PaymentFailed || co.Declined) && !co.Holding &&
		co.Show.Bookable(now) {
		p.SeatsHref = fmt.Sprintf("/shows/%d/seats", b.ShowID)
	}
	return web.Render(c, status, views.BookingPage(p))
}
