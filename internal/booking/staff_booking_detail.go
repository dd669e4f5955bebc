package booking

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffBookingProps describes booking b of show for its staff page in
// ctx's language, times in the theater's zone.
func staffBookingProps(ctx context.Context, b StaffBooking, events []Event, show catalog.ShowDetail, now time.Time) views.StaffBookingProps {
	loc := show.Theater.Location()
	label, tone := staffStatus(ctx, b, now)
	created := b.CreatedAt.In(loc)
	p := views.StaffBookingProps{Code: b.Code, Status: label, StatusTone: tone, Movie: show.Movie.Title,
		When:     i18n.LongDateTime(ctx, show.StartsAt.In(loc)),
		Where:    show.Theater.Name + " · " + show.Screen.Name,
		ShowHref: fmt.Sprintf("/admin/bookings?show=%d", b.ShowID), OccupancyHref: fmt.Sprintf("/admin/shows/%d/occupancy", b.ShowID),
		Seats: seatViews(ctx, b.Seats), Total: i18n.Money(ctx, b.Total, b.Currency), Buyer: staffBuyer(ctx, b.UserID),
		Created:    i18n.T(ctx, "Booked {{.Date}} at {{.Time}}", "Date", i18n.LongDate(ctx, created), "Time", i18n.Time(ctx, created)),
		CanCheckIn: b.Status == Confirmed && b.CheckedInAt == nil && show.Status != catalog.Cancelled, ShowID: b.ShowID,
		Cancel: staffCancelView(b)}
	if b.CheckedInAt != nil {
		in := b.CheckedInAt.In(loc)
		p.CheckedIn = i18n.T(ctx, "Checked in at {{.Time}}, {{.Day}}", "Time", i18n.Time(ctx, in), "Day", i18n.LongDay(ctx, in))
	}
	cur := b.Currency
	p.Amounts = append(p.Amounts, views.StaffAmount{Label: i18n.T(ctx, "Tickets"), Note: i18n.N(ctx, "{{.Count}} seats", len(b.Seats)),
		Value: i18n.Money(ctx, b.Subtotal, cur)})
	if b.Discount > 0 {
		p.Amounts = append(p.Amounts, views.StaffAmount{Label: i18n.T(ctx, "Discount"), Note: b.PromoCode, Value: "−" + i18n.Money(ctx, b.Discount, cur)})
	}
	p.Amounts = append(p.Amounts, views.StaffAmount{Label: i18n.T(ctx, "Booking fee"), Value: i18n.Money(ctx, b.Fee, cur)})
	if b.Tax > 0 {
		p.Amounts = append(p.Amounts, views.StaffAmount{Label: i18n.T(ctx, "Taxes"), Value: i18n.Money(ctx, b.Tax, cur)})
	}
	if b.Channel == channelCounter {
		p.Buyer = i18n.T(ctx, "Sold at the box office")
		note := i18n.T(ctx, "Till {{.ID}}", "ID", strconv.FormatInt(b.TillID, 10))
		if b.VoucherRef != "" {
			note += " · " + b.VoucherRef
		}
		p.Amounts = append(p.Amounts, views.StaffAmount{Label: i18n.T(ctx, "Paid at the counter: {{.Method}}", "Method", methodLabel(ctx, b.PaymentMethod)),
			Note: note, Value: i18n.Money(ctx, b.Total, cur)})
	}
	for _, e := range events {
		p.History = append(p.History, views.StaffEvent{At: i18n.DayTime(ctx, e.At.In(loc)), Label: i18n.T(ctx, staffEventLabel(e)), Note: e.Note})
	}
	return p
}

// staffEventLabel names a history step (the catalogue's id); a check-in
// is recorded as a note on the confirmed state.
func staffEventLabel(e Event) string {
	if strings.HasPrefix(e.Note, "checked in") {
		return i18n.Msg("Checked in")
	}
	switch e.Status {
	case Held:
		return i18n.Msg("Seats held")
	case PendingPayment:
		return i18n.Msg("Payment started")
	case Confirmed:
		return i18n.Msg("Confirmed")
	case Cancelled:
		return i18n.Msg("Cancelled")
	case Refunded:
		return i18n.Msg("Refunded")
	case Expired:
		return i18n.Msg("Hold ran out")
	case PaymentFailed:
		return i18n.Msg("Payment failed")
	}
	return string(e.Status)
}
