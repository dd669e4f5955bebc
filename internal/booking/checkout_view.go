package booking

import (
	"fmt"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/money"
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

// checkoutShowSummary describes a show in its theater's time zone.
func checkoutShowSummary(d catalog.ShowDetail) views.ShowSummary {
	starts := d.StartsAt.In(d.Theater.Location())
	return views.ShowSummary{MovieTitle: d.Movie.Title, MovieHref: "/movies/" + d.Movie.Slug, PosterURL: d.Movie.PosterURL(),
		Certification: d.Movie.Certification, Runtime: d.Movie.Runtime(), TheaterName: d.Theater.Name,
		TheaterHref: "/theaters/" + d.Theater.Slug, Address: d.Theater.Address, ScreenName: d.Screen.Name,
		Date: starts.Format("Monday 2 January 2006"), Time: starts.Format("15:04"), Format: d.Format,
		Language: d.Language, Subtitles: d.Subtitles}
}

func checkoutSeatViews(seats []BookedSeat) []views.SeatView {
	out := make([]views.SeatView, len(seats))
	for i, st := range seats {
		out[i] = views.SeatView{Label: st.Seat, Category: string(st.Category), Kind: st.Category.Label()}
	}
	return out
}

// checkoutPriceView formats a price for people.
func checkoutPriceView(p Price) views.PriceView {
	cur := p.Currency
	v := views.PriceView{Fee: money.Format(p.Fee, cur), Total: money.Format(p.Total, cur),
		FeeNote: fmt.Sprintf("%d × %s", p.Tickets, money.Format(p.FeePerTicket, cur))}
	for _, l := range p.Lines {
		v.Lines = append(v.Lines, views.PriceLineView{Category: string(l.Category), Label: l.Category.Label(), Count: l.Count,
			Unit: money.Format(l.Unit, cur), Amount: money.Format(l.Amount, cur)})
	}
	if p.PromoCode != "" {
		v.PromoCode, v.Discount = p.PromoCode, money.Format(p.Discount, cur)
	}
	if p.Tax > 0 {
		v.Tax = money.Format(p.Tax, cur)
		if p.TaxBasisPoints > 0 {
			v.TaxNote = strconv.FormatFloat(float64(p.TaxBasisPoints)/100, 'f', -1, 64) + "%"
		}
	}
	return v
}

// checkoutProps builds the checkout page of co.
func (h *Handler) checkoutProps(co Checkout, price views.CheckoutPriceProps) views.CheckoutProps {
	b := co.Booking
	base := fmt.Sprintf("/bookings/%d", b.ID)
	p := views.CheckoutProps{Code: b.Code, Show: checkoutShowSummary(co.Show), Seats: checkoutSeatViews(b.Seats),
		SeatsHref: fmt.Sprintf("/shows/%d/seats", b.ShowID), BookingHref: base, ReleaseAction: base + "/release"}
	switch {
	case co.Holding:
		p.State = views.StateHolding
	case b.Status == Held || b.Status == Expired:
		p.State = views.StateReleased
	case b.Status == PendingPayment:
		p.State = views.StatePaying
	case b.Status == Confirmed:
		p.State = views.StateConfirmed
	default:
		p.State, p.Heading = views.StateClosed, checkoutStatus(co).heading
	}
	now := h.svc.opts.Now()
	left := max(b.HoldExpiresAt.Sub(now).Round(time.Second), 0)
	p.Hold = views.HoldTimer{Deadline: b.HoldExpiresAt.UTC().Format(time.RFC3339), ServerNow: now.UTC().Format(time.RFC3339),
		Remaining: fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60),
		Until:     b.HoldExpiresAt.In(co.Show.Theater.Location()).Format("15:04")}
	price.Price = checkoutPriceView(co.Price)
	price.ApplyAction, price.RemoveAction = base+"/promo", base+"/promo/remove"
	p.Price = price
	return p
}

// bookingStatus is how a booking's state reads to its buyer.
type bookingStatus struct {
	label, tone, note, heading string
}

// checkoutStatus describes co's state: a label and colour for badges, a
// note saying what it means, and a heading for a closed booking.
func checkoutStatus(co Checkout) bookingStatus {
	b := co.Booking
	switch {
	case co.Holding:
		until := b.HoldExpiresAt.In(co.Show.Theater.Location()).Format("15:04")
		return bookingStatus{label: "Seats held", tone: "warn", note: "Your seats are held until " + until + ". Pay before then to keep them."}
	case b.Status == Held || b.Status == Expired:
		return bookingStatus{label: "Released", tone: "muted", note: "The hold ran out before payment, so the seats went back on sale."}
	case b.Status == PendingPayment:
		return bookingStatus{label: "Payment processing", tone: "warn", note: "We're waiting for your payment to go through."}
	case b.Status == Confirmed:
		return bookingStatus{label: "Confirmed", tone: "ok", note: "You're booked. Show this code at the cinema."}
	case b.Status == Refunded:
		return bookingStatus{label: "Refunded", tone: "muted", note: "This booking was cancelled and its payment refunded.",
			heading: "This booking was refunded"}
	case b.Status == PaymentFailed:
		return bookingStatus{label: "Payment failed", tone: "danger", note: "The payment didn't go through, so the seats were not booked.",
			heading: "The payment didn't go through"}
	}
	note := "This booking was cancelled."
	switch {
	case b.CancelReason != "" && b.Refund > 0:
		note = b.CancelReason + ". A refund of " + money.Format(b.Refund, b.Currency) + " is on its way to your card."
	case b.CancelReason != "":
		note = b.CancelReason + "."
	}
	return bookingStatus{label: "Cancelled", tone: "danger", note: note, heading: "This booking was cancelled"}
}
