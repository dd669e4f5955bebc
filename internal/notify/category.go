package notify

import "github.com/marqueehq/marquee/internal/platform/i18n"

// Category groups messages for preferences: a user picks channels per
// category.
type Category string

// Categories, in the order the preferences page lists them.
const (
	// Transactional: confirmations, cancellations, payment failures and
	// account emails. Email cannot be switched off.
	Transactional Category = "transactional"
	// Reminders before a show.
	Reminders Category = "reminders"
	// Follows: "bookings open" for movies the user follows.
	Follows Category = "follows"
	// Alerts: new releases that match the user's tastes.
	Alerts Category = "alerts"
	// Offers: discounts and announcements written by the cinema.
	Offers Category = "offers"
)

// Categories lists every category.
func Categories() []Category { return []Category{Transactional, Reminders, Follows, Alerts, Offers} }

// Marketing reports whether messages of the category are promotional: they
// carry an unsubscribe link and wait out quiet hours.
func (c Category) Marketing() bool { return c == Follows || c == Alerts || c == Offers }

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories() {
		if c == k {
			return true
		}
	}
	return false
}

// Label names the category for people (in English, marked for the
// catalogues: render it with i18n.T).
func (c Category) Label() string {
	switch c {
	case Transactional:
		return i18n.Msg("Bookings and account")
	case Reminders:
		return i18n.Msg("Show reminders")
	case Follows:
		return i18n.Msg("Movies you follow")
	case Alerts:
		return i18n.Msg("New releases for you")
	case Offers:
		return i18n.Msg("Offers and news")
	}
	return string(c)
}

// Hint explains the category on the preferences page (render it with
// i18n.T).
func (c Category) Hint() string {
	switch c {
	case Transactional:
		return i18n.Msg("Confirmations with your e-ticket, changed show times, cancellations, refunds, failed payments and account security. Always by email.")
	case Reminders:
		return i18n.Msg("A nudge before your show starts, with your seats.")
	case Follows:
		return i18n.Msg("When bookings open for a movie you asked us to watch.")
	case Alerts:
		return i18n.Msg("When a movie in your genres and languages starts showing in your city.")
	case Offers:
		return i18n.Msg("Discounts and announcements from the cinema.")
	}
	return ""
}

// Channels a user may choose for a category.
type Channels struct {
	Email bool
	SMS   bool
	Push  bool
}

// Any reports whether some channel is on.
func (ch Channels) Any() bool { return ch.Email || ch.SMS || ch.Push }

// defaults are the channels of a category the user never changed: email
// for what they asked for, nothing for promotions; SMS and push are
// always opt-in.
func (c Category) defaults() Channels {
	switch c {
	case Transactional, Reminders, Follows:
		return Channels{Email: true}
	}
	return Channels{}
}

// Kind names a message template.
type Kind string

// Message kinds.
const (
	KindBookingConfirmed Kind = "booking.confirmed"
	KindBookingReminder  Kind = "booking.reminder"
	KindBookingCancelled Kind = "booking.cancelled"
	KindShowMoved        Kind = "booking.show_moved"
	KindPaymentFailed    Kind = "booking.payment_failed"
	KindVerifyEmail      Kind = "account.verify_email"
	KindPasswordReset    Kind = "account.password_reset"
	KindAccountExists    Kind = "account.exists"
	KindEmailChange      Kind = "account.email_change"
	KindNewRelease       Kind = "alert.new_release"
	KindBookingsOpen     Kind = "alert.bookings_open"
	KindOffer            Kind = "offer"
	KindReceiptIssued    Kind = "receipt.issued"
	KindGiftCard         Kind = "giftcard.bought"
	KindTicketTransfer   Kind = "booking.transfer"
	KindWaitlistOffer    Kind = "waitlist.offer"
	KindSeatsCancelled   Kind = "booking.seats_cancelled"
)

// Label names the kind for the admin outbox (translated when shown).
func (k Kind) Label() string {
	switch k {
	case KindBookingConfirmed:
		return i18n.Msg("Booking confirmed")
	case KindBookingReminder:
		return i18n.Msg("Show reminder")
	case KindBookingCancelled:
		return i18n.Msg("Booking cancelled")
	case KindShowMoved:
		return i18n.Msg("Show moved")
	case KindPaymentFailed:
		return i18n.Msg("Payment failed")
	case KindVerifyEmail:
		return i18n.Msg("Verify email")
	case KindPasswordReset:
		return i18n.Msg("Password reset")
	case KindAccountExists:
		return i18n.Msg("Sign-up with existing email")
	case KindEmailChange:
		return i18n.Msg("Email change")
	case KindNewRelease:
		return i18n.Msg("New release alert")
	case KindBookingsOpen:
		return i18n.Msg("Bookings open")
	case KindOffer:
		return i18n.Msg("Offer")
	case KindReceiptIssued:
		return i18n.Msg("Receipt issued")
	case KindGiftCard:
		return i18n.Msg("Gift card")
	case KindTicketTransfer:
		return i18n.Msg("Tickets passed on")
	case KindWaitlistOffer:
		return i18n.Msg("Waitlist offer")
	case KindSeatsCancelled:
		return i18n.Msg("Seats cancelled")
	case KindBookingExchanged:
		return i18n.Msg("Booking moved to another show")
	}
	return string(k)
}
