package payments

import (
	"context"
	"time"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// provider is a payment provider as the service uses it. Every method is
// a network call (for the test provider, a call to its own books) and is
// never made while a database lock is held.
type provider interface {
	// create makes the provider's intent for p, idempotently by p's key.
	create(ctx context.Context, p Payment) (intent, error)
	// lookup asks what became of p's intent (reconciliation).
	lookup(ctx context.Context, p Payment) (intent, error)
	// cancel gives up p's intent (its hold ran out unpaid).
	cancel(ctx context.Context, p Payment) error
	// refund asks for r's money back on p, idempotently by r's id.
	refund(ctx context.Context, r Refund, p Payment) (providerRefund, error)
	// refundStatus asks what became of a refund sent earlier.
	refundStatus(ctx context.Context, r Refund) (providerRefund, error)
}

// intent is what a provider says about a payment, in Stripe's words
// (status: requires_payment_method, requires_action, processing,
// succeeded, canceled).
type intent struct {
	ID           string
	ClientSecret string
	Status       string
	// Code and Message explain the last failure (decline code first).
	Code    string
	Message string
	// Amount (minor units) and Currency are what the intent is for, as
	// the provider says.
	Amount   int64
	Currency string
}

// transition is where the provider's word moves a payment (ok false: it
// says nothing new).
func (i intent) transition(source string) (transition, bool) {
	switch i.Status {
	case "succeeded":
		return transition{to: Succeeded, source: source, amount: i.Amount, currency: i.Currency}, true
	case "processing":
		return transition{to: Processing, source: source}, true
	case "canceled":
		return transition{to: Failed, code: "canceled", message: "The payment was cancelled.", source: source}, true
	case "requires_payment_method":
		if i.Code != "" {
			return transition{to: Failed, code: i.Code, message: failureMessage(i.Code), source: source}, true
		}
	}
	return transition{}, false
}

// providerRefund is what a provider says about a refund (status:
// pending, succeeded, failed, canceled).
type providerRefund struct {
	ID            string
	Status        string
	FailureReason string
}

// Refund is money given back on a payment.
type Refund struct {
	ID          int64
	PaymentID   int64
	Key         string
	Amount      int64 // minor units
	Reason      string
	State       string // pending, succeeded, failed
	ProviderID  string
	Error       string
	RequestedBy string
	CreatedAt   time.Time
}

func refundFromRow(r paymentsdb.PaymentsRefund) Refund {
	out := Refund{ID: r.ID, PaymentID: r.PaymentID, Key: r.Key, Amount: r.AmountMinor, Reason: r.Reason, State: r.State,
		Error: r.Error, RequestedBy: r.RequestedBy, CreatedAt: r.CreatedAt}
	if r.ProviderID != nil {
		out.ProviderID = *r.ProviderID
	}
	return out
}
