package payments

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
)

// stripeProvider takes payments with Stripe PaymentIntents; the buyer's
// card goes from the Payment Element straight to Stripe.
// Every call carries its caller's context: a Stripe that never answers
// costs a request or a job its deadline, not a worker for good.
type stripeProvider struct {
	api *client.API
}

func newStripeProvider(o Options) *stripeProvider {
	cfg := &stripe.BackendConfig{HTTPClient: o.HTTPClient, LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
		MaxNetworkRetries: stripe.Int64(2)}
	if o.StripeAPIBase != "" {
		cfg.URL = stripe.String(strings.TrimRight(o.StripeAPIBase, "/"))
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	api := &client.API{}
	api.Init(o.StripeSecretKey, &stripe.Backends{
		API:     stripe.GetBackendWithConfig(stripe.APIBackend, cfg),
		Connect: stripe.GetBackendWithConfig(stripe.ConnectBackend, cfg),
		Uploads: stripe.GetBackendWithConfig(stripe.UploadsBackend, cfg),
	})
	return &stripeProvider{api: api}
}

// create makes the PaymentIntent: the amount in minor units, the booking
// in metadata, and the payment's stored key as Stripe's idempotency key,
// so a create retried after a crash returns the same intent.
func (sp *stripeProvider) create(ctx context.Context, p Payment) (intent, error) {
	params := &stripe.PaymentIntentParams{
		Params:                  stripe.Params{Context: ctx},
		Amount:                  stripe.Int64(p.Amount),
		Currency:                stripe.String(strings.ToLower(p.Currency)),
		Description:             stripe.String(p.Description),
		AutomaticPaymentMethods: &stripe.PaymentIntentAutomaticPaymentMethodsParams{Enabled: stripe.Bool(true)},
	}
	params.AddMetadata("booking_id", strconv.FormatInt(p.BookingID, 10))
	params.AddMetadata("booking_code", p.BookingCode)
	params.AddMetadata("payment_id", strconv.FormatInt(p.ID, 10))
	params.AddMetadata("attempt", strconv.Itoa(p.Attempt))
	params.SetIdempotencyKey(p.key)
	pi, err := sp.api.PaymentIntents.New(params)
	if err != nil {
		return intent{}, stripeErr("create payment intent", err)
	}
	return intentFromStripe(pi), nil
}

func (sp *stripeProvider) lookup(ctx context.Context, p Payment) (intent, error) {
	if p.ProviderID == "" {
		return intent{Status: "requires_payment_method"}, nil
	}
	pi, err := sp.api.PaymentIntents.Get(p.ProviderID, &stripe.PaymentIntentParams{Params: stripe.Params{Context: ctx}})
	if err != nil {
		return intent{}, stripeErr("get payment intent "+p.ProviderID, err)
	}
	return intentFromStripe(pi), nil
}

func (sp *stripeProvider) cancel(ctx context.Context, p Payment) error {
	if p.ProviderID == "" {
		return nil
	}
	_, err := sp.api.PaymentIntents.Cancel(p.ProviderID, &stripe.PaymentIntentCancelParams{Params: stripe.Params{Context: ctx}})
	var se *stripe.Error
	if errors.As(err, &se) && se.Code == stripe.ErrorCodePaymentIntentUnexpectedState {
		return nil // already succeeded or cancelled: lookup tells which
	}
	if err != nil {
		return stripeErr("cancel payment intent "+p.ProviderID, err)
	}
	return nil
}

// refund asks Stripe for the money back, with the refund's key as the
// idempotency key and our refund id in metadata (so its webhooks find it).
func (sp *stripeProvider) refund(ctx context.Context, r Refund, p Payment) (providerRefund, error) {
	params := &stripe.RefundParams{Params: stripe.Params{Context: ctx}, PaymentIntent: stripe.String(p.ProviderID), Amount: stripe.Int64(r.Amount)}
	params.AddMetadata("refund_id", strconv.FormatInt(r.ID, 10))
	params.AddMetadata("payment_id", strconv.FormatInt(p.ID, 10))
	params.AddMetadata("booking_id", strconv.FormatInt(p.BookingID, 10))
	params.SetIdempotencyKey("refund:" + r.Key)
	re, err := sp.api.Refunds.New(params)
	if err != nil {
		return providerRefund{}, stripeErr("create refund", err)
	}
	return providerRefund{ID: re.ID, Status: string(re.Status), FailureReason: string(re.FailureReason)}, nil
}

func (sp *stripeProvider) refundStatus(ctx context.Context, r Refund) (providerRefund, error) {
	re, err := sp.api.Refunds.Get(r.ProviderID, &stripe.RefundParams{Params: stripe.Params{Context: ctx}})
	if err != nil {
		return providerRefund{}, stripeErr("get refund "+r.ProviderID, err)
	}
	return providerRefund{ID: re.ID, Status: string(re.Status), FailureReason: string(re.FailureReason)}, nil
}

func intentFromStripe(pi *stripe.PaymentIntent) intent {
	i := intent{ID: pi.ID, ClientSecret: pi.ClientSecret, Status: string(pi.Status), Amount: pi.Amount,
		Currency: string(pi.Currency)}
	if e := pi.LastPaymentError; e != nil {
		i.Code, i.Message = string(e.DeclineCode), e.Msg
		if i.Code == "" {
			i.Code = string(e.Code)
		}
	}
	return i
}

// errRefused marks a request Stripe refused as invalid (4xx): retrying
// it cannot help.
var errRefused = errors.New("refused by the provider")

// stripeErr wraps a Stripe error: refusals match errRefused, anything
// else (network, 5xx, rate limits) ErrProvider, so jobs retry it.
func stripeErr(what string, err error) error {
	var se *stripe.Error
	if errors.As(err, &se) && se.HTTPStatusCode >= 400 && se.HTTPStatusCode < 500 && se.HTTPStatusCode != http.StatusTooManyRequests {
		return fmt.Errorf("%s: %s: %w", what, se.Msg, errRefused)
	}
	return fmt.Errorf("%s: %w: %w", what, ErrProvider, err)
}
