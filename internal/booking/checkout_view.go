package booking

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// checkoutBookingID reads the :id of a booking URL.
// Errors: ErrNotFound for anything but a positive integer.
func checkoutBookingID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("booking id %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}

// showSummary describes a show in ctx's language and its theater's time
// zone.
func showSummary(ctx context.Context, d catalog.ShowDetail) views.ShowSummary {
	starts := d.StartsAt.In(d.Theater.Location())
	return views.ShowSummary{MovieTitle: d.Movie.Title, MovieHref: "/movies/" + d.Movie.Slug, PosterURL: d.Movie.PosterURL(),
		Certification: d.Movie.Certification, Runtime: i18n.Runtime(ctx, d.Movie.RuntimeMinutes), TheaterName: d.Theater.Name,
		TheaterHref: "/theaters/" + d.Theater.Slug, Address: d.Theater.Address, ScreenName: d.Screen.Name,
		Date: i18n.LongDate(ctx, starts), Time: i18n.Time(ctx, starts), Format: d.Format,
		Language: i18n.LanguageName(ctx, d.Language), Subtitles: i18n.LanguageNameInText(ctx, d.Subtitles)}
}

// seatViews lists booked seats with their kind in ctx's language.
func seatViews(ctx context.Context, seats []BookedSeat) []views.SeatView {
	out := make([]views.SeatView, len(seats))
	for i, st := range seats {
		out[i] = views.SeatView{Label: st.Seat, Category: string(st.Category), Kind: categoryName(ctx, st.Category),
			Ticket: ticketName(ctx, st.Ticket)}
		if st.Ticket.ProofRequired {
			out[i].ProofNote = st.Ticket.ProofNote
		}
	}
	return out
}

// categoryName is a kind of seat in ctx's language.
func categoryName(ctx context.Context, c catalog.Category) string {
	switch c {
	case catalog.Standard:
		return i18n.T(ctx, "Standard")
	case catalog.Premium:
		return i18n.T(ctx, "Premium")
	case catalog.Recliner:
		return i18n.T(ctx, "Recliner")
	case catalog.Wheelchair:
		return i18n.T(ctx, "Wheelchair space")
	case catalog.Companion:
		return i18n.T(ctx, "Companion seat")
	}
	return c.Label()
}

// priceView formats a price for people.
func priceView(ctx context.Context, p Price) views.PriceView {
	cur := p.Currency
	v := views.PriceView{Fee: i18n.Money(ctx, p.Fee, cur), Total: i18n.Money(ctx, p.Total, cur),
		FeeNote: fmt.Sprintf("%s × %s", i18n.Number(ctx, int64(p.Tickets)), i18n.Money(ctx, p.FeePerTicket, cur))}
	for _, l := range p.Lines {
		label := categoryName(ctx, l.Category)
		// Adult is the full price, so only the other types are named.
		if l.TicketType != "" && l.TicketType != "Adult" {
			label += " · " + l.TicketType
		}
		v.Lines = append(v.Lines, views.PriceLineView{Category: string(l.Category), Label: label,
			Count: l.Count, Unit: i18n.Money(ctx, l.Unit, cur), Amount: i18n.Money(ctx, l.Amount, cur)})
	}
	if p.PromoCode != "" {
		v.PromoCode, v.Discount = p.PromoCode, i18n.Money(ctx, p.Discount, cur)
	}
	if len(p.Food) > 0 {
		v.Food = foodLineViews(ctx, p.Food, cur)
		v.TicketsSubtotal, v.FoodSubtotal = i18n.Money(ctx, p.Subtotal, cur), i18n.Money(ctx, p.FoodSubtotal, cur)
	}
	if p.FoodTax > 0 {
		v.Tax = i18n.Money(ctx, p.Tax+p.FoodTax, cur)
	}
	if p.Tax > 0 {
		v.Tax = i18n.Money(ctx, p.Tax+p.FoodTax, cur)
		if p.TaxBasisPoints > 0 {
			v.TaxNote = strconv.FormatFloat(float64(p.TaxBasisPoints)/100, 'f', -1, 64) + "%"
		}
	}
	return v
}

// checkoutProps builds the checkout page of co.
func (h *Handler) checkoutProps(ctx context.Context, co Checkout, price views.CheckoutPriceProps) views.CheckoutProps {
	b := co.Booking
	base := fmt.Sprintf("/bookings/%d", b.ID)
	p := views.CheckoutProps{Code: b.Code, Show: showSummary(ctx, co.Show), Seats: seatViews(ctx, b.Seats),
		SeatsHref: fmt.Sprintf("/shows/%d/seats", b.ShowID), BookingHref: base, ReleaseAction: base + "/release",
		Terms: h.cancelTerms(ctx, co.Show.Chain, b.Currency)}
	now := h.svc.opts.Now()
	switch {
	case co.Holding:
		p.State = views.StateHolding
	case b.Status == Held || b.Status == Expired:
		p.State = views.StateReleased
	case b.Status == PendingPayment && co.Declined && b.HoldExpiresAt.After(now):
		p.State = views.StateDeclined
	case b.Status == PendingPayment && co.Declined:
		p.State = views.StateReleased
	case b.Status == PendingPayment:
		p.State = views.StatePaying
	case b.Status == Confirmed:
		p.State = views.StateConfirmed
	default:
		p.State, p.Heading = views.StateClosed, checkoutStatus(ctx, co, now).heading
	}
	p.Hold = holdTimer(ctx, b.HoldExpiresAt, now, co.Show.Theater.Location())
	price.Price = priceView(ctx, co.Price)
	price.ApplyAction, price.RemoveAction = base+"/promo", base+"/promo/remove"
	p.Price = price
	p.Tickets = ticketChoice(ctx, co)
	p.Food = h.foodMenu(ctx, co)
	return p
}

// holdTimer is the countdown to deadline, as the page was made at now.
func holdTimer(ctx context.Context, deadline, now time.Time, loc *time.Location) views.HoldTimer {
	left := max(deadline.Sub(now).Round(time.Second), 0)
	return views.HoldTimer{Deadline: deadline.UTC().Format(time.RFC3339), ServerNow: now.UTC().Format(time.RFC3339),
		Remaining: fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60),
		Until:     i18n.Time(ctx, deadline.In(loc))}
}

// cancelTerms states the cancellation policy of chain's bookings (its
// own or the site's) before the buyer pays.
func (h *Handler) cancelTerms(ctx context.Context, chain catalog.Chain, currency string) string {
	window, fee := h.svc.cancelPolicy(chain)
	return CancelTerms(ctx, window, fee, currency)
}

// CancelTerms states a cancellation policy (window before the show, fee
// kept from the refund) in ctx's language, for buyers to read before
// they pay.
func CancelTerms(ctx context.Context, window time.Duration, fee int64, currency string) string {
	hours := int(window.Round(time.Hour) / time.Hour)
	var when string
	if window >= time.Hour && window%time.Hour == 0 {
		when = i18n.N(ctx, "{{.Count}} hours", hours)
	} else {
		when = i18n.N(ctx, "{{.Count}} minutes", int(window/time.Minute))
	}
	if fee > 0 {
		return i18n.T(ctx, "You can cancel online up to {{.When}} before the show and get your money back, less a {{.Fee}} cancellation fee.",
			"When", when, "Fee", i18n.Money(ctx, fee, currency))
	}
	return i18n.T(ctx, "You can cancel online up to {{.When}} before the show for a full refund.", "When", when)
}
