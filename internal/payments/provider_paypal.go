package payments

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/plutov/paypal/v4"
)

// paypalTimeout bounds one call to PayPal (with its token call) whatever
// the caller's deadline: a job's is minutes, a PayPal that hangs must not
// keep its worker that long.
const paypalTimeout = 20 * time.Second

// paypalSandbox is PayPal's sandbox API (live: https://api-m.paypal.com).
const paypalSandbox = "https://api-m.sandbox.paypal.com"

// paypalProvider takes payments with PayPal Orders v2 (intent CAPTURE):
// the buyer approves the order in PayPal's window, we capture it. The
// plutov client keeps the OAuth token and renews it before it expires.
type paypalProvider struct {
	api       *paypal.Client
	webhookID string
	now       func() time.Time
}

func newPayPalProvider(o Options) (*paypalProvider, error) {
	base := strings.TrimRight(o.PayPal.APIBase, "/")
	if base == "" {
		base = paypalSandbox
	}
	api, err := paypal.NewClient(o.PayPal.ClientID, o.PayPal.Secret, base)
	if err != nil {
		return nil, fmt.Errorf("payments: paypal client: %w", err)
	}
	api.SetHTTPClient(&http.Client{Timeout: paypalTimeout})
	return &paypalProvider{api: api, webhookID: o.PayPal.WebhookID, now: o.Now}, nil
}

// create makes the order: one purchase unit carrying our payment id
// (reference_id, custom_id, so webhooks find it) and key (invoice_id),
// with the payment's key as PayPal-Request-Id so a retried create returns
// the same order. The approve link is kept as the client secret: it is
// what an app opens for the buyer to approve.
func (pp *paypalProvider) create(ctx context.Context, p Payment) (intent, error) {
	id := strconv.FormatInt(p.ID, 10)
	currency := strings.ToUpper(p.Currency)
	unit := paypal.PurchaseUnitRequest{ReferenceID: id, CustomID: id, InvoiceID: p.key, Description: clip(p.Description, 127),
		Amount: &paypal.PurchaseUnitAmount{Currency: currency, Value: paypalValue(p.Amount, currency)}}
	appCtx := &paypal.ApplicationContext{ShippingPreference: paypal.ShippingPreferenceNoShipping, UserAction: paypal.UserActionPayNow}
	o, err := pp.api.CreateOrderWithPaypalRequestID(ctx, paypal.OrderIntentCapture, []paypal.PurchaseUnitRequest{unit}, nil, appCtx, p.key)
	if err != nil {
		return intent{}, paypalErr("create order", err)
	}
	return intentFromOrder(o), nil
}

// lookup asks for the order. An order the buyer approved that we have not
// captured yet is captured now (the page closed before onApprove reached
// us), while the seats' hold lasts or once the payment is processing (a
// capture whose answer was lost, an approval PayPal told us of): money is
// never taken for an approval that came after the seats were released.
func (pp *paypalProvider) lookup(ctx context.Context, p Payment) (intent, error) {
	if p.ProviderID == "" {
		return intent{Status: "requires_payment_method"}, nil
	}
	o, err := pp.api.GetOrder(ctx, p.ProviderID)
	if err != nil {
		return intent{}, paypalErr("get order "+p.ProviderID, err)
	}
	if o.Status == "APPROVED" && (p.State == Processing || pp.now().Before(p.HoldExpiresAt)) {
		return pp.capture(ctx, p)
	}
	return intentFromOrder(o), nil
}

// capture takes an approved order's money, idempotently by the payment's
// key ("capture:" + key: a request id of its own, apart from the create's).
// An order not approved yet says requires_payment_method; one captured
// before answers as it stands. The call is made here rather than with
// the client's CaptureOrderWithPaypalRequestId, which switches the shared
// client's representation setting on every call (a data race between
// concurrent requests).
func (pp *paypalProvider) capture(ctx context.Context, p Payment) (intent, error) {
	u := pp.api.APIBase + "/v2/checkout/orders/" + url.PathEscape(p.ProviderID) + "/capture"
	req, err := pp.api.NewRequest(ctx, http.MethodPost, u, struct{}{})
	if err != nil {
		return intent{}, fmt.Errorf("capture order %s: %w", p.ProviderID, err)
	}
	req.Header.Set("PayPal-Request-Id", "capture:"+p.key)
	req.Header.Set("Prefer", "return=representation")
	var o paypal.Order
	err = pp.api.SendWithAuth(req, &o)
	switch {
	case err == nil:
		return intentFromOrder(&o), nil
	case hasIssue(err, "ORDER_ALREADY_CAPTURED"):
		got, err := pp.api.GetOrder(ctx, p.ProviderID)
		if err != nil {
			return intent{}, paypalErr("get order "+p.ProviderID, err)
		}
		return intentFromOrder(got), nil
	case hasIssue(err, "ORDER_NOT_APPROVED"):
		return intent{ID: p.ProviderID, Status: "requires_payment_method"}, nil
	case hasIssue(err, "INSTRUMENT_DECLINED"):
		return intent{ID: p.ProviderID, Status: "requires_payment_method", Code: "paypal_declined",
			Message: "PayPal declined the payment method."}, nil
	}
	return intent{}, paypalErr("capture order "+p.ProviderID, err)
}

// cancel has nothing to do: an order never captured simply expires at
// PayPal, and no money moves without our capture.
func (pp *paypalProvider) cancel(context.Context, Payment) error { return nil }

// refund asks for r's money back on the order's capture, with "refund:" +
// the refund's key as PayPal-Request-Id and our refund id in invoice_id
// (so the refund's webhooks find it).
func (pp *paypalProvider) refund(ctx context.Context, r Refund, p Payment) (providerRefund, error) {
	o, err := pp.api.GetOrder(ctx, p.ProviderID)
	if err != nil {
		return providerRefund{}, paypalErr("get order "+p.ProviderID, err)
	}
	c := firstCapture(o)
	if c == nil || c.ID == "" {
		return providerRefund{}, fmt.Errorf("refund order %s: no capture to refund: %w", p.ProviderID, errRefused)
	}
	currency := strings.ToUpper(p.Currency)
	req := paypal.RefundCaptureRequest{Amount: &paypal.Money{Currency: currency, Value: paypalValue(r.Amount, currency)},
		InvoiceID: paypalRefundInvoice(r.ID), NoteToPayer: clip(r.Reason, 255)}
	re, err := pp.api.RefundCaptureWithPaypalRequestId(ctx, c.ID, req, "refund:"+r.Key)
	if err != nil {
		return providerRefund{}, paypalErr("refund capture "+c.ID, err)
	}
	return providerRefund{ID: re.ID, Status: paypalRefundStatus(re.Status)}, nil
}

// refundStatus is GET /v2/payments/refunds/{id}, asked directly: the
// client's GetRefund calls /v2/payments/refund/{id}, which PayPal does
// not serve.
func (pp *paypalProvider) refundStatus(ctx context.Context, r Refund) (providerRefund, error) {
	u := pp.api.APIBase + "/v2/payments/refunds/" + url.PathEscape(r.ProviderID)
	req, err := pp.api.NewRequest(ctx, http.MethodGet, u, nil)
	if err != nil {
		return providerRefund{}, fmt.Errorf("get refund %s: %w", r.ProviderID, err)
	}
	var re struct {
		ID            string `json:"id"`
		Status        string `json:"status"`
		StatusDetails struct {
			Reason string `json:"reason"`
		} `json:"status_details"`
	}
	if err := pp.api.SendWithAuth(req, &re); err != nil {
		return providerRefund{}, paypalErr("get refund "+r.ProviderID, err)
	}
	return providerRefund{ID: re.ID, Status: paypalRefundStatus(re.Status), FailureReason: re.StatusDetails.Reason}, nil
}

// paypalRefundStatus says a PayPal refund status in Stripe's words.
func paypalRefundStatus(s string) string {
	switch s {
	case "COMPLETED":
		return "succeeded"
	case "FAILED", "CANCELLED":
		return "failed"
	}
	return "pending"
}

// paypalRefundInvoice is the invoice_id our refund id travels in.
func paypalRefundInvoice(refundID int64) string { return "refund-" + strconv.FormatInt(refundID, 10) }

// intentFromOrder says what an order means in Stripe's words: captured
// money is succeeded (with the capture's amount), a pending capture
// processing, a declined or failed one a failure, a voided order
// canceled, anything else still waiting for the buyer.
func intentFromOrder(o *paypal.Order) intent {
	in := intent{ID: o.ID, Status: "requires_payment_method", ClientSecret: approveLink(o)}
	switch o.Status {
	case "VOIDED":
		in.Status = "canceled"
	case "COMPLETED":
		c := firstCapture(o)
		if c == nil {
			return in
		}
		switch c.Status {
		case "COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED":
			in.Status = "succeeded"
			if c.Amount != nil {
				in.Currency = strings.ToLower(c.Amount.Currency)
				in.Amount, _ = paypalMinor(c.Amount.Value, c.Amount.Currency)
			}
		case "PENDING":
			in.Status = "processing"
		case "DECLINED", "FAILED":
			in.Code, in.Message = "paypal_"+strings.ToLower(c.Status), "PayPal "+strings.ToLower(c.Status)+" the capture."
		}
	}
	return in
}

func firstCapture(o *paypal.Order) *paypal.CaptureAmount {
	for _, u := range o.PurchaseUnits {
		if u.Payments != nil && len(u.Payments.Captures) > 0 {
			return &u.Payments.Captures[0]
		}
	}
	return nil
}

// approveLink is the order's link for the buyer (approve, or payer-action
// when the order was made with a payment source).
func approveLink(o *paypal.Order) string {
	for _, l := range o.Links {
		if l.Rel == "approve" || l.Rel == "payer-action" {
			return l.Href
		}
	}
	return ""
}

// hasIssue reports whether err is PayPal's error with detail issue.
func hasIssue(err error, issue string) bool {
	var pe *paypal.ErrorResponse
	if !errors.As(err, &pe) {
		return false
	}
	for _, d := range pe.Details {
		if d.Issue == issue {
			return true
		}
	}
	return false
}

// paypalErr wraps a PayPal error as stripeErr does: a 4xx refusal (not
// 429) matches errRefused, anything else (network, 5xx, 429, a token
// PayPal would not give) ErrProvider, so jobs retry it.
func paypalErr(what string, err error) error {
	var pe *paypal.ErrorResponse
	if errors.As(err, &pe) && pe.Response != nil {
		code := pe.Response.StatusCode
		if code >= 400 && code < 500 && code != http.StatusTooManyRequests && code != http.StatusUnauthorized {
			return fmt.Errorf("%s: %s %s: %w", what, pe.Name, pe.Message, errRefused)
		}
		return fmt.Errorf("%s: HTTP %d %s: %w", what, code, pe.Name, ErrProvider)
	}
	return fmt.Errorf("%s: %w: %w", what, ErrProvider, err)
}

// paypalDecimals is how many decimals PayPal takes in a currency's value
// (none for JPY, HUF and TWD); our amounts are in ISO minor units, as
// Stripe's are, so a JPY amount is whole yen.
func paypalDecimals(currency string) int {
	switch strings.ToUpper(currency) {
	case "JPY", "HUF", "TWD":
		return 0
	}
	return 2
}

// paypalValue writes minor units as PayPal's decimal string ("12.50").
func paypalValue(amount int64, currency string) string {
	s := strconv.FormatInt(amount, 10)
	d := paypalDecimals(currency)
	if d == 0 {
		return s
	}
	for len(s) <= d {
		s = "0" + s
	}
	return s[:len(s)-d] + "." + s[len(s)-d:]
}

// paypalMinor reads PayPal's decimal string in minor units; ok is false
// for anything but a plain non-negative amount.
func paypalMinor(value, currency string) (int64, bool) {
	whole, frac, dot := strings.Cut(strings.TrimSpace(value), ".")
	d := paypalDecimals(currency)
	if whole == "" || strings.HasPrefix(whole, "-") || (dot && (frac == "" || len(frac) > d)) {
		return 0, false
	}
	for len(frac) < d {
		frac += "0"
	}
	n, err := strconv.ParseUint(whole+frac, 10, 63)
	return int64(n), err == nil
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utfStart(s[n]) {
		n--
	}
	return s[:n]
}

func utfStart(b byte) bool { return b&0xC0 != 0x80 }
