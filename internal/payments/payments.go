// Package payments takes money for bookings and gives it back: payment
// providers (Stripe, and a built-in test provider that accepts Stripe's test
// cards), verified webhooks stored once and applied by jobs, a payment state
// machine that only moves forward, refunds, and reconciliation with the
// provider. It owns the payments schema. It tells booking about outcomes
// through the Bookings interface, inside the transaction that records them.
package payments

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Sentinel errors. Their messages are written for buyers and staff.
var (
	// ErrEventBusy: another transaction holds the payment or its booking;
	// applying the event is tried again in a moment.
	ErrEventBusy = errors.New("the payment is being updated; please try again in a moment")
	// ErrNotFound: no such payment, refund or event (or not yours).
	ErrNotFound = errors.New("we couldn't find that payment")
	// ErrInvalid: the request failed validation (validate.Errors has details).
	ErrInvalid = validate.ErrInvalid
	// ErrTooManyAttempts: the booking has used all its payment attempts.
	ErrTooManyAttempts = errors.New("this booking has had too many payment attempts; please choose your seats again")
	// ErrHoldExpired: the seats' hold ran out before the card was used.
	ErrHoldExpired = errors.New("your seats' hold ran out before the payment was made, so nothing was charged")
	// ErrNotPayable: the payment is not waiting for a card (already paid,
	// being processed, or failed).
	ErrNotPayable = errors.New("this payment is no longer waiting for a card")
	// ErrNotRefundable: the payment took no money, or all of it is back.
	ErrNotRefundable = errors.New("there is nothing left to refund on this payment")
	// ErrBadSignature: a webhook whose signature is forged, missing, or
	// dated beyond the tolerance (stale, or in the future).
	ErrBadSignature = errors.New("the webhook signature is not valid")
	// ErrBadEvent: a signed webhook whose event payments cannot read (a
	// field of the wrong type); retrying it cannot help.
	ErrBadEvent = errors.New("the webhook event could not be read")
	// ErrProvider: the payment provider could not be reached or refused.
	ErrProvider = errors.New("the payment provider is not answering; please try again in a moment")
)

// Bookings is told payment outcomes (*booking.Service), inside the payment's transaction, so the payment's state and the
// booking's change together.
type Bookings interface {
	// PaymentSucceeded confirms the booking; confirmed is false when its
	// seats are gone (the payment is then refunded automatically).
	PaymentSucceeded(ctx context.Context, tx pgx.Tx, bookingID int64) (confirmed bool, err error)
	// PaymentFailed records a failed attempt; final means no retry is left.
	PaymentFailed(ctx context.Context, tx pgx.Tx, bookingID int64, reason string, final bool) error
	// PaymentRefunded records money given back (full: all of it).
	PaymentRefunded(ctx context.Context, tx pgx.Tx, bookingID int64, amount int64, full bool) error
	// BookingStates returns the status of each booking in ids (the daily check).
	BookingStates(ctx context.Context, ids []int64) (map[int64]string, error)
}

// Options configure the Service.
type Options struct {
	// Provider is "test" (the default: no keys needed), "stripe",
	// "razorpay" or "paypal": the provider a booking starts with where
	// staff have chosen no methods. Test cards and Stripe are only offered
	// when they are the default; Razorpay and PayPal whenever their keys
	// are set.
	Provider string
	// StripeSecretKey, StripePublishableKey and StripeWebhookSecret are the
	// Stripe account's keys; StripeAPIBase points the client elsewhere
	// (stripe-mock).
	StripeSecretKey      string
	StripePublishableKey string
	StripeWebhookSecret  string
	StripeAPIBase        string
	// Razorpay and PayPal are the other providers' keys; each is offered
	// once its keys are set.
	Razorpay RazorpayOptions
	PayPal   PayPalOptions
	// Venue says where a booking is sold (its chain and city), which
	// decides the methods offered (nil: the site's setting only).
	Venue func(ctx context.Context, bookingID int64) (Venue, error)
	// GiftCardShops lists the chains and cities gift cards are sold for on
	// the site (nil: none are).
	GiftCardShops func(ctx context.Context) ([]GiftCardShop, error)
	// GiftCardBought is called inside the transaction that issues the card
	// of a paid order, so the email with its code is enqueued exactly when
	// it commits (nil: nobody is told, and the code is lost).
	GiftCardBought func(ctx context.Context, tx pgx.Tx, m GiftCardMail) error
	// Places lists the chains and cities staff may set the ways to pay
	// for (nil: the site's setting only).
	Places func(ctx context.Context) ([]Place, error)
	// HTTPClient makes Stripe's calls (http.DefaultClient when nil).
	HTTPClient *http.Client
	// MaxAttempts is how many cards a buyer may try per booking (default 3).
	MaxAttempts int
	// Now is the clock (tests); time.Now when nil.
	Now func() time.Time
	// Log receives background errors and the daily check's findings.
	Log *slog.Logger
	// Events counts payment outcomes and refunds (nil: not counted).
	Events *metrics.Events
	// CancelTerms states, in ctx's language, the cancellation policy of
	// the chain a booking is with; the pay page shows it before the buyer
	// pays (nil: not shown).
	CancelTerms func(ctx context.Context, bookingID int64) (string, error)
	// FoodOrderParent returns the booking a food order was added to (0: the
	// booking is not a food order), so that booking's app guest token may
	// pay for it (nil: only a payment's own booking's token).
	FoodOrderParent func(ctx context.Context, bookingID int64) (int64, error)
	// Receipts connect the documents issued for payments and refunds
	// (receipt.go); without Receipts.Facts none are issued.
	Receipts ReceiptOptions
}

// Service takes and refunds payments.
type Service struct {
	pool     *pgxpool.Pool
	q        *paymentsdb.Queries
	jobs     Jobs
	refunds  *Refunds
	bookings Bookings
	// providers are those the site has keys for, by name; each payment
	// is served by the one it was made with.
	providers map[string]provider
	opts      Options
}

// NewService returns the payments service. bookings is told outcomes; jobs
// enqueues its background work.
func NewService(pool *pgxpool.Pool, bookings Bookings, jobs Jobs, o Options) (*Service, error) {
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 3
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Provider == "" {
		o.Provider = ProviderTest
		if o.StripeSecretKey != "" {
			o.Provider = ProviderStripe
		}
	}
	s := &Service{pool: pool, q: paymentsdb.New(), jobs: jobs, refunds: NewRefunds(jobs), bookings: bookings,
		providers: map[string]provider{}, opts: o}
	switch o.Provider {
	case ProviderTest:
		s.providers[ProviderTest] = &testProvider{svc: s}
	case ProviderStripe:
		if o.StripeSecretKey == "" || o.StripePublishableKey == "" || o.StripeWebhookSecret == "" {
			return nil, errors.New("payments: the stripe provider needs STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET")
		}
		s.providers[ProviderStripe] = newStripeProvider(o)
	case ProviderRazorpay, ProviderPayPal:
	default:
		return nil, fmt.Errorf("payments: unknown provider %q (want stripe, razorpay, paypal or test)", o.Provider)
	}
	s.providers[ProviderGiftCard] = &giftCardProvider{svc: s}
	// providers configured with keys
	if o.Razorpay.KeyID != "" {
		rp, err := newRazorpayProvider(o)
		if err != nil {
			return nil, err
		}
		s.providers[ProviderRazorpay] = rp
	}
	if o.PayPal.ClientID != "" {
		pp, err := newPayPalProvider(o)
		if err != nil {
			return nil, err
		}
		s.providers[ProviderPayPal] = pp
	}
	if _, ok := s.providers[o.Provider]; !ok {
		return nil, fmt.Errorf("payments: the default provider %s has no keys", o.Provider)
	}
	return s, nil
}

// ProviderName is the provider new payments use where staff have chosen
// no methods ("test" or "stripe").
func (s *Service) ProviderName() string { return s.opts.Provider }

// PaymentRequest asks for a booking to be paid (booking's request,
// converted in main).
type PaymentRequest struct {
	BookingID     int64
	Code          string
	UserID        int64
	Amount        int64 // minor units
	Currency      string
	Description   string
	ReturnPath    string
	HoldExpiresAt time.Time
	// Method is the provider the buyer chose (empty: the booking's
	// first method, or the one its open attempt uses).
	Method string
}

// RefundRequest asks for money back on a booking's payment.
type RefundRequest struct {
	BookingID int64
	Amount    int64 // minor units
	Reason    string
	// Key makes the request idempotent ("cancel:42").
	Key string
	// AlsoFrom are other bookings whose payments paid for part of this
	// one (the differences of its exchanges): what BookingID's payments
	// cannot cover is refunded from theirs, in order.
	AlsoFrom []int64
}
