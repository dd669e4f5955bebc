package booking

import (
	"context"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// bookingStatus is how a booking's state reads to its buyer.
type bookingStatus struct {
	label, tone, note, heading string
}

// checkoutStatus describes co's state at now: a label and colour for
// badges, a note saying what it means, and a heading for a closed booking.
// A declined payment reads as failed at once, not as "processing" until
// the hold runs out.
func checkoutStatus(ctx context.Context, co Checkout, now time.Time) bookingStatus {
	b := co.Booking
	loc := co.Show.Theater.Location()
	switch {
	case co.Holding:
		until := i18n.Time(ctx, b.HoldExpiresAt.In(loc))
		return bookingStatus{label: i18n.T(ctx, "Seats held"), tone: "warn",
			note: i18n.T(ctx, "Your seats are held until {{.Time}}. Pay before then to keep them.", "Time", until)}
	case b.Status == Held || b.Status == Expired:
		return bookingStatus{label: i18n.T(ctx, "Released"), tone: "muted",
			note: i18n.T(ctx, "The hold ran out before payment, so the seats went back on sale.")}
	case b.Status == PendingPayment && co.Declined && b.HoldExpiresAt.After(now):
		until := i18n.Time(ctx, b.HoldExpiresAt.In(loc))
		return bookingStatus{label: i18n.T(ctx, "Payment failed"), tone: "danger",
			note:    i18n.T(ctx, "Your payment didn't go through. Your seats are still held until {{.Time}}: try again with another card.", "Time", until),
			heading: i18n.T(ctx, "Your payment didn't go through")}
	case b.Status == PendingPayment && co.Declined:
		return bookingStatus{label: i18n.T(ctx, "Payment failed"), tone: "danger",
			note:    i18n.T(ctx, "The payment didn't go through, so the seats were not booked."),
			heading: i18n.T(ctx, "The payment didn't go through")}
	case b.Status == PendingPayment:
		return bookingStatus{label: i18n.T(ctx, "Payment processing"), tone: "warn",
			note: i18n.T(ctx, "We're waiting for your payment to go through.")}
	case b.Status == Confirmed:
		return bookingStatus{label: i18n.T(ctx, "Confirmed"), tone: "ok", note: i18n.T(ctx, "You're booked. Show this code at the cinema.")}
	case b.Status == Refunded:
		return bookingStatus{label: i18n.T(ctx, "Refunded"), tone: "muted", note: i18n.T(ctx, "This booking was cancelled and its payment refunded."),
			heading: i18n.T(ctx, "This booking was refunded")}
	case b.Status == PaymentFailed:
		return bookingStatus{label: i18n.T(ctx, "Payment failed"), tone: "danger",
			note:    i18n.T(ctx, "The payment didn't go through, so the seats were not booked."),
			heading: i18n.T(ctx, "The payment didn't go through")}
	}
	note := i18n.T(ctx, "This booking was cancelled.")
	reason := cancelReason(ctx, b.CancelReason)
	switch {
	case reason != "" && b.Refund > 0:
		note = i18n.T(ctx, "{{.Reason}}. A refund of {{.Amount}} is on its way to your card.",
			"Reason", reason, "Amount", i18n.Money(ctx, b.Refund, b.Currency))
	case reason != "":
		note = reason + "."
	}
	return bookingStatus{label: i18n.T(ctx, "Cancelled"), tone: "danger", note: note, heading: i18n.T(ctx, "This booking was cancelled")}
}

// cancelReason translates the reasons bookings are cancelled for; another
// reason (typed by staff) stays as written.
func cancelReason(ctx context.Context, r string) string {
	switch r {
	case "Cancelled by you":
		return i18n.T(ctx, "Cancelled by you")
	case "The cinema cancelled this show":
		return i18n.T(ctx, "The cinema cancelled this show")
	}
	return r
}
