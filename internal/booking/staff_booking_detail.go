package booking

import (
	"fmt"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/money"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffBookingProps describes booking b of show for its staff page, times
// in the theater's zone.
func staffBookingProps(b StaffBooking, events []Event, show catalog.ShowDetail, now time.Time) views.StaffBookingProps {
	loc := show.Theater.Location()
	label, tone := staffStatus(b, now)
	p := views.StaffBookingProps{Code: b.Code, Status: label, StatusTone: tone, Movie: show.Movie.Title,
		When:     show.StartsAt.In(loc).Format("Monday 2 January 2006, 15:04"),
		Where:    show.Theater.Name + " · " + show.Screen.Name,
		ShowHref: fmt.Sprintf("/admin/bookings?show=%d", b.ShowID), OccupancyHref: fmt.Sprintf("/admin/shows/%d/occupancy", b.ShowID),
		Seats: checkoutSeatViews(b.Seats), Total: money.Format(b.Total, b.Currency), Buyer: staffBuyer(b.UserID),
		Created:    b.CreatedAt.In(loc).Format("Monday 2 January 2006 at 15:04"),
		CanCheckIn: b.Status == Confirmed && b.CheckedInAt == nil && show.Status != catalog.Cancelled, ShowID: b.ShowID,
		Cancel: staffCancelView(b)}
	if b.CheckedInAt != nil {
		p.CheckedIn = "Checked in at " + b.CheckedInAt.In(loc).Format("15:04, Monday 2 January")
	}
	cur := b.Currency
	p.Amounts = append(p.Amounts, views.StaffAmount{Label: "Tickets", Note: staffSeatCount(len(b.Seats)), Value: money.Format(b.Subtotal, cur)})
	if b.Discount > 0 {
		p.Amounts = append(p.Amounts, views.StaffAmount{Label: "Discount", Note: b.PromoCode, Value: "−" + money.Format(b.Discount, cur)})
	}
	p.Amounts = append(p.Amounts, views.StaffAmount{Label: "Booking fee", Value: money.Format(b.Fee, cur)})
	if b.Tax > 0 {
		p.Amounts = append(p.Amounts, views.StaffAmount{Label: "Taxes", Value: money.Format(b.Tax, cur)})
	}
	for _, e := range events {
		p.History = append(p.History, views.StaffEvent{At: e.At.In(loc).Format("2 Jan 15:04"), Label: staffEventLabel(e), Note: e.Note})
	}
	return p
}

// staffEventLabel names a history step; a check-in is recorded as a note
// on the confirmed state.
func staffEventLabel(e Event) string {
	if strings.HasPrefix(e.Note, "checked in") {
		return "Checked in"
	}
	switch e.Status {
	case Held:
		return "Seats held"
	case PendingPayment:
		return "Payment started"
	case Confirmed:
		return "Confirmed"
	case Cancelled:
		return "Cancelled"
	case Refunded:
		return "Refunded"
	case Expired:
		return "Hold ran out"
	case PaymentFailed:
		return "Payment failed"
	}
	return string(e.Status)
}

func staffSeatCount(n int) string {
	if n == 1 {
		return "1 seat"
	}
	return fmt.Sprintf("%d seats", n)
}
