package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// ticketPage is GET /bookings/:id/ticket: the buyer's e-ticket with its
// signed QR code. Another user's booking is not found; a booking that is
// not confirmed has no ticket (409, saying why).
func (h *Handler) ticketPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	tb, err := h.svc.TicketBooking(c.Request().Context(), h.buyer(c, id), id)
	if err != nil {
		return err
	}
	b := tb.Booking
	if b.Status != Confirmed {
		return echo.NewHTTPError(http.StatusConflict, ticketMissing(b.Status))
	}
	token, err := h.opts.Tickets.Issue(b.Booking)
	if err != nil {
		return err
	}
	qr, err := ticketQR(token)
	if err != nil {
		return err
	}
	// The show is read afresh: a moved show's ticket shows its new time.
	ctx := c.Request().Context()
	show, loc := tb.Show, tb.Show.Theater.Location()
	starts := show.StartsAt.In(loc)
	p := views.TicketProps{Code: b.Code, MovieTitle: show.Movie.Title, Certification: show.Movie.Certification,
		Format: show.Format, Language: i18n.LanguageName(ctx, show.Language), Subtitles: i18n.LanguageNameInText(ctx, show.Subtitles),
		Runtime:     i18n.Runtime(ctx, show.Movie.RuntimeMinutes),
		TheaterName: show.Theater.Name, Address: show.Theater.Address, ScreenName: show.Screen.Name,
		Date: i18n.LongDate(ctx, starts), Time: i18n.Time(ctx, starts),
		DoorsOpen: i18n.Time(ctx, starts.Add(-DoorsOpen)), Seats: seatViews(ctx, b.Seats),
		Total: i18n.Money(ctx, b.Total, b.Currency), QR: qr, BookingHref: fmt.Sprintf("/bookings/%d", b.ID),
		CalendarHref: fmt.Sprintf("/bookings/%d/ticket.ics", b.ID),
		ChainName:    show.Chain.Name, BrandColor: show.Chain.BrandColor, TicketNote: show.Chain.TicketNote}
	if h.opts.Wallet.AppleOn() {
		p.AppleWalletHref = fmt.Sprintf("/bookings/%d/ticket.pkpass", b.ID)
	}
	if h.opts.Wallet.GoogleOn() {
		p.GoogleWalletHref = fmt.Sprintf("/bookings/%d/ticket/google-wallet", b.ID)
	}
	food, err := h.svc.BookingFoodWithAddons(ctx, b.ID)
	if err != nil {
		return err
	}
	p.Food = foodLineViews(ctx, food, b.Currency)
	p.FoodCollected = len(food) > 0
	for _, l := range food {
		p.FoodCollected = p.FoodCollected && l.CollectedAt != nil
	}
	if tb.CheckedInAt != nil {
		at := tb.CheckedInAt.In(loc)
		p.CheckedIn = i18n.T(ctx, "Used: checked in at {{.Time}} on {{.Day}}", "Time", i18n.Time(ctx, at), "Day", i18n.LongDay(ctx, at))
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return web.Render(c, http.StatusOK, views.TicketPage(p))
}

// ticketMissing says why a booking in state st has no e-ticket.
func ticketMissing(st Status) string {
	switch st {
	case Held, PendingPayment:
		return i18n.Msg("This booking isn't paid for yet, so it has no e-ticket. Finish checkout first.")
	case Cancelled, Refunded:
		return i18n.Msg("This booking was cancelled, so its e-ticket is no longer valid.")
	}
	return i18n.Msg("This booking wasn't completed, so it has no e-ticket.")
}
