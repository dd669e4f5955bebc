// Package payments holds the views of the pay page and the staff payments
// pages.
package payments

// Pay page panels: what the buyer can do now.
const (
	PanelCard         = "card"         // the test provider's card form
	PanelStripe       = "stripe"       // Stripe's Payment Element
	PanelAuthenticate = "authenticate" // the test provider's extra step
	PanelWaiting      = "waiting"      // the outcome is on its way
	PanelFailed       = "failed"       // declined: maybe try another card
	PanelPaid         = "paid"         // done: on to the booking
	PanelRefunding    = "refunding"    // paid, but the booking can't keep it
	PanelExpired      = "expired"      // the hold ran out unpaid
)

// PayProps is the pay page of one payment.
type PayProps struct {
	Amount      string // "£23.50"
	Description string
	Code        string // the booking code
	Attempt     int
	// HoldDeadline and ServerNow (RFC 3339) drive the countdown; HoldLeft
	// is the time left when the page was made ("7:59").
	HoldDeadline string
	ServerNow    string
	HoldLeft     string
	BookingHref  string
	// Terms is the cancellation policy, stated before paying ("" when
	// unknown).
	Terms string
	// Methods are the ways to pay offered (shown when more than one).
	Methods MethodsProps
	// GiftCard is the gift card field and what cards already pay.
	GiftCard PayGiftCardProps
	Panel    PanelProps
}

// PanelProps is the swappable part of the pay page.
type PanelProps struct {
	Kind       string
	Amount     string // "£23.50", on the Pay button
	StatusHref string // polled while waiting
	// CardAction, AuthAction: the test provider's forms. Card is the form
	// as typed (the number is never sent back), Errors per field.
	CardAction string
	AuthAction string
	Card       CardForm
	Errors     map[string]string
	// PayPal's buttons.
	PayPal PayPalPanel
	// Razorpay Checkout.
	Razorpay RazorpayProps
	// Stripe's Payment Element.
	PublishableKey string
	ClientSecret   string
	ReturnURL      string
	// Message explains a failure or a refund; RetryAction tries another
	// card (empty when no attempt is left).
	Message     string
	RetryAction string
	NextHref    string // the booking page
	SeatsHref   string
	CardLast4   string
}

// CardForm is the card form's values.
type CardForm struct {
	Expiry string
	Name   string
}
