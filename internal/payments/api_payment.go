package payments

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// AppPayment is a payment as the mobile apps see it: the answer of GET
// /api/v1/payments/:id and of booking's POST /api/v1/bookings/:id/payment.
// Amounts are integer minor units of Currency.
type AppPayment struct {
	ID        int64  `json:"payment_id"`
	BookingID int64  `json:"booking_id"`
	Provider  string `json:"provider"`
	// Status is the payment's state, with requires_action while the test
	// provider's confirmation step waits (AppStatus).
	Status   string `json:"status"`
	Amount   int64  `json:"amount"`
	Refunded int64  `json:"refunded"`
	Currency string `json:"currency"`
	Attempt  int    `json:"attempt"`
	// Description is what the buyer's statement shows.
	Description   string `json:"description"`
	HoldExpiresAt string `json:"hold_expires_at"`
	// CanRetry: this attempt failed, the hold lasts and attempts remain, so
	// POST /api/v1/bookings/:id/payment starts a new one (another card).
	CanRetry bool `json:"can_retry"`
	// Methods are the providers the booking may be paid with; POST
	// /api/v1/payments/:id/method switches this payment to another.
	Methods []string        `json:"methods"`
	Card    *AppPaymentCard `json:"card,omitempty"`
	Failure *AppFailure     `json:"failure,omitempty"`
	// Note explains a payment that took money for seats that were gone by
	// then: it is refunded automatically.
	Note      string           `json:"note,omitempty"`
	Stripe    *AppStripe       `json:"stripe,omitempty"`
	PayPal    *AppPayPal       `json:"paypal,omitempty"`
	Razorpay  *AppRazorpay     `json:"razorpay,omitempty"`
	Test      *AppTestCheckout `json:"test,omitempty"`
	CreatedAt string           `json:"created_at"`
	UpdatedAt string           `json:"updated_at"`
}

// AppPaymentCard is the card a payment was made with.
type AppPaymentCard struct {
	Brand string `json:"brand"`
	Last4 string `json:"last4"`
}

// AppFailure says why a payment failed: the provider's decline code
// (generic_decline, insufficient_funds, ...) or ours (expired, superseded,
// canceled), and a sentence for the buyer.
type AppFailure struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// AppStripe is what Stripe's native SDKs need to confirm the PaymentIntent.
type AppStripe struct {
	ClientSecret   string `json:"client_secret"`
	PublishableKey string `json:"publishable_key"`
}

// AppTestCheckout is how an app pays with the built-in test provider.
type AppTestCheckout struct {
	// PayURL takes a test card (POST); AuthenticateURL completes the
	// confirmation step some cards ask for.
	PayURL          string        `json:"pay_url"`
	AuthenticateURL string        `json:"authenticate_url"`
	Cards           []AppTestCard `json:"cards"`
}

// AppTestCard is one of the test card numbers the test provider accepts and
// what paying with it does.
type AppTestCard struct {
	Number string `json:"number"`
	// Outcome is succeeded, declined or requires_action.
	Outcome     string `json:"outcome"`
	DeclineCode string `json:"decline_code,omitempty"`
	Description string `json:"description"`
}

// AppStatus is the status an app shows: the state, except that a test
// payment waiting for its confirmation step is requires_action.
func (p Payment) AppStatus() string {
	if p.State == RequiresPayment && p.RequiresAction {
		return "requires_action"
	}
	return string(p.State)
}

// AppPayment returns userID's payment for the app. A payment whose provider
// call failed earlier gets its intent now. Errors: ErrNotFound (also
// another user's payment), ErrProvider.
func (s *Service) AppPayment(ctx context.Context, userID, paymentID int64) (AppPayment, error) {
	co, err := s.PaymentForBuyer(ctx, userID, paymentID)
	if err != nil {
		return AppPayment{}, err
	}
	p := co.Payment
	out := AppPayment{ID: p.ID, BookingID: p.BookingID, Provider: p.Provider, Status: p.AppStatus(), Amount: p.Amount,
		Refunded: p.Refunded, Currency: p.Currency, Attempt: p.Attempt, Description: p.Description,
		HoldExpiresAt: apiTime(p.HoldExpiresAt), CanRetry: co.Retry, Note: p.OutcomeNote,
		CreatedAt: apiTime(p.CreatedAt), UpdatedAt: apiTime(p.UpdatedAt)}
	if out.Methods, err = s.Methods(ctx, p.BookingID); err != nil {
		return AppPayment{}, fmt.Errorf("ways to pay booking %d: %w", p.BookingID, err)
	}
	if p.CardLast4 != "" {
		out.Card = &AppPaymentCard{Brand: p.CardBrand, Last4: p.CardLast4}
	}
	if p.State == Failed {
		out.Failure = &AppFailure{Code: p.FailureCode, Message: p.FailureMessage}
	}
	switch p.Provider {
	case ProviderStripe:
		if p.ClientSecret != "" {
			out.Stripe = &AppStripe{ClientSecret: p.ClientSecret, PublishableKey: co.PublishableKey}
		}
	case ProviderPayPal:
		out.PayPal = appPayPal(p)
	case ProviderRazorpay:
		out.Razorpay = s.appRazorpay(p)
	case ProviderTest:
		base := fmt.Sprintf("/api/v1/payments/%d", p.ID)
		out.Test = &AppTestCheckout{PayURL: base + "/test-card", AuthenticateURL: base + "/test-authentication",
			Cards: appTestCards()}
	}
	return out, nil
}

// BeginForApp is Begin for the mobile apps: it starts, or resumes, paying
// for the booking and returns the payment as AppPayment shows it. Calling
// it again while the payment waits for a card returns the same payment.
// Errors: ErrTooManyAttempts, ErrProvider.
func (s *Service) BeginForApp(ctx context.Context, r PaymentRequest) (AppPayment, error) {
	p, err := s.begin(ctx, r)
	if err != nil {
		return AppPayment{}, err
	}
	buyer := r.UserID
	if buyer == 0 {
		buyer = web.GuestBuyer // a guest's booking: booking checked its credential
	}
	return s.AppPayment(ctx, buyer, p.ID)
}

// appTestCards lists testCards, the numbers the test provider accepts, in
// number order, with what each does.
func appTestCards() []AppTestCard {
	out := make([]AppTestCard, 0, len(testCards))
	for number, tc := range testCards {
		c := AppTestCard{Number: number, Outcome: "succeeded", Description: "The payment succeeds."}
		switch {
		case tc.authenticate:
			c.Outcome = "requires_action"
			c.Description = "The bank asks the buyer to confirm: POST authenticate_url with approve (the payment succeeds) or fail (it is declined)."
		case tc.declineCode != "":
			c.Outcome, c.DeclineCode = "declined", tc.declineCode
			c.Description = "Declined (" + tc.declineCode + "): " + failureMessage(tc.declineCode)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

func apiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// apiPayment is GET /api/v1/payments/:id: the caller's payment, to poll
// while its outcome arrives. Errors: ErrNotFound (also another user's
// payment).
func (h *Handler) apiPayment(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	return h.apiPaymentNow(c, id)
}
