package payments

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	razorpay "github.com/razorpay/razorpay-go"
	"github.com/razorpay/razorpay-go/requests"
	"github.com/razorpay/razorpay-go/resources"
)

// Razorpay's addresses, unless RazorpayOptions point elsewhere.
const (
	razorpayAPIBase     = "https://api.razorpay.com"
	razorpayCheckoutURL = "https://checkout.razorpay.com/v1/checkout.js"
	// razorpayCallTimeout bounds a call whose caller set no deadline.
	razorpayCallTimeout = 30 * time.Second
	// razorpayReceiptMax is the longest receipt Razorpay takes.
	razorpayReceiptMax = 40
)

// razorpayProvider takes payments with Razorpay Orders: the buyer pays the
// order in Razorpay Checkout (UPI, cards, netbanking, wallets), which
// captures it automatically. The SDK has no contexts and keeps its client
// in a package variable, so the provider holds its own request template
// and gives every call a copy whose transport carries the caller's
// context: a Razorpay that never answers costs a request or a job its
// deadline, and two services never share a client.
type razorpayProvider struct {
	base      requests.Request
	transport http.RoundTripper
}

func newRazorpayProvider(o Options) (*razorpayProvider, error) {
	r := o.Razorpay
	if r.KeyID == "" || r.KeySecret == "" || r.WebhookSecret == "" {
		return nil, errors.New("payments: the razorpay provider needs RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRET")
	}
	base := strings.TrimRight(r.APIBase, "/")
	if base == "" {
		base = razorpayAPIBase
	}
	transport := http.DefaultTransport
	if o.HTTPClient != nil && o.HTTPClient.Transport != nil {
		transport = o.HTTPClient.Transport
	}
	return &razorpayProvider{transport: transport, base: requests.Request{
		Auth:    requests.Auth{Key: r.KeyID, Secret: r.KeySecret},
		Version: razorpay.SDKVersion, SDKName: razorpay.SDKName, BaseURL: base,
	}}, nil
}

// callTransport sends one call's requests under the call's context and
// remembers the answer's status (the SDK's errors do not say it).
type callTransport struct {
	ctx    context.Context
	next   http.RoundTripper
	status int
}

func (t *callTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := t.next.RoundTrip(r.WithContext(t.ctx))
	if err == nil {
		t.status = res.StatusCode
	}
	return res, err
}

// call makes one API call with a copy of the request template. A refusal
// (4xx but 429) matches errRefused; a network error, a 5xx or a 429
// matches ErrProvider, so jobs retry it.
func (rp *razorpayProvider) call(ctx context.Context, what string, do func(*requests.Request) (map[string]any, error), out any) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, razorpayCallTimeout)
		defer cancel()
	}
	t := &callTransport{ctx: ctx, next: rp.transport}
	req := rp.base
	req.HTTPClient = &http.Client{Transport: t}
	res, err := do(&req)
	if err == nil && (t.status < 200 || t.status >= 300) {
		// The SDK answers some error bodies with an empty result.
		err = fmt.Errorf("answered %d", t.status)
	}
	if err != nil {
		if t.status >= 400 && t.status < 500 && t.status != http.StatusTooManyRequests {
			return fmt.Errorf("razorpay %s: %d %v: %w", what, t.status, err, errRefused)
		}
		return fmt.Errorf("razorpay %s: %w: %w", what, ErrProvider, err)
	}
	if err := remarshal(res, out); err != nil {
		return fmt.Errorf("razorpay %s: read the answer: %w: %w", what, ErrProvider, err)
	}
	return nil
}

// create makes the Razorpay order for p: its amount in minor units
// (paise), our key as its receipt and our ids in its notes. Razorpay
// takes no idempotency key for orders, so an order already made for p (a
// create whose answer was lost) is found by its receipt and reused first;
// only one nobody has tried to pay, made for this very payment (another
// database's booking 1 has the same receipt), is.
func (rp *razorpayProvider) create(ctx context.Context, p Payment) (intent, error) {
	receipt := razorpayReceipt(p.key)
	if p.ProviderID == "" {
		var found rzpCollection[rzpOrder]
		if err := rp.call(ctx, "find order by receipt", func(r *requests.Request) (map[string]any, error) {
			return (&resources.Order{Request: r}).All(map[string]any{"receipt": receipt}, nil)
		}, &found); err != nil {
			return intent{}, err
		}
		for _, o := range found.Items {
			if o.madeFor(p, receipt) {
				return o.intent(), nil
			}
		}
	}
	data := map[string]any{"amount": p.Amount, "currency": strings.ToUpper(p.Currency), "receipt": receipt,
		"payment_capture": 1, "notes": razorpayNotes(p)}
	var o rzpOrder
	if err := rp.call(ctx, "create order", func(r *requests.Request) (map[string]any, error) {
		return (&resources.Order{Request: r}).Create(data, nil)
	}, &o); err != nil {
		return intent{}, err
	}
	return o.intent(), nil
}

// razorpayNotes are our ids on an order (and on its payments, through
// checkout): webhooks find the payment by them.
func razorpayNotes(p Payment) map[string]any {
	return map[string]any{"payment_id": strconv.FormatInt(p.ID, 10), "booking_id": strconv.FormatInt(p.BookingID, 10),
		"booking_code": p.BookingCode}
}

// razorpayReceipt is key as an order's receipt: itself when short
// enough, else a digest of it of Razorpay's 40 characters.
func razorpayReceipt(key string) string {
	if len(key) <= razorpayReceiptMax {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return "k-" + hex.EncodeToString(sum[:])[:razorpayReceiptMax-2]
}

// lookup asks what became of p's order, by its payments: one captured
// means succeeded; one only authorized (automatic capture off) is
// captured now; only failed ones mean the last try failed.
func (rp *razorpayProvider) lookup(ctx context.Context, p Payment) (intent, error) {
	if p.ProviderID == "" {
		return intent{Status: "requires_payment_method"}, nil
	}
	pays, err := rp.orderPayments(ctx, p.ProviderID)
	if err != nil {
		return intent{}, err
	}
	if pay, ok := capturedOf(pays); ok {
		return pay.intent(p.ProviderID), nil
	}
	for _, pay := range pays {
		if pay.Status != "authorized" {
			continue
		}
		var captured rzpPayment
		err := rp.call(ctx, "capture payment "+pay.ID, func(r *requests.Request) (map[string]any, error) {
			return (&resources.Payment{Request: r}).Capture(pay.ID, int(pay.Amount), map[string]any{"currency": pay.Currency}, nil)
		}, &captured)
		if err != nil && !errors.Is(err, errRefused) {
			return intent{}, err
		}
		if err == nil && captured.captured() {
			return captured.intent(p.ProviderID), nil
		}
		return intent{ID: p.ProviderID, Status: "processing"}, nil
	}
	in := intent{ID: p.ProviderID, Status: "requires_payment_method"}
	if n := len(pays); n > 0 && pays[n-1].Status == "failed" {
		in.Code, in.Message = pays[n-1].failure()
	}
	return in, nil
}

// orderPayments lists an order's payments, oldest first.
func (rp *razorpayProvider) orderPayments(ctx context.Context, orderID string) ([]rzpPayment, error) {
	var pays rzpCollection[rzpPayment]
	if err := rp.call(ctx, "payments of order "+orderID, func(r *requests.Request) (map[string]any, error) {
		return (&resources.Order{Request: r}).Payments(orderID, nil, nil)
	}, &pays); err != nil {
		return nil, err
	}
	items := pays.Items
	slices.Reverse(items) // Razorpay lists newest first
	slices.SortStableFunc(items, func(a, b rzpPayment) int { return cmp.Compare(a.CreatedAt, b.CreatedAt) })
	return items, nil
}

// cancel has nothing to do: Razorpay orders cannot be cancelled. A
// payment made after the hold ran out is refunded when it arrives (the
// seats-gone path).
func (rp *razorpayProvider) cancel(context.Context, Payment) error { return nil }

// refund refunds r on the payment that took p's money. Razorpay takes no
// idempotency key for refunds either, so a refund already made for r (its
// id in the refund's notes: an answer lost) is reused first.
func (rp *razorpayProvider) refund(ctx context.Context, r Refund, p Payment) (providerRefund, error) {
	pays, err := rp.orderPayments(ctx, p.ProviderID)
	if err != nil {
		return providerRefund{}, err
	}
	pay, ok := capturedOf(pays)
	if !ok {
		return providerRefund{}, fmt.Errorf("razorpay refund %d: order %s has no captured payment: %w", r.ID, p.ProviderID, errRefused)
	}
	refundID := strconv.FormatInt(r.ID, 10)
	var earlier rzpCollection[rzpRefund]
	if err := rp.call(ctx, "refunds of payment "+pay.ID, func(req *requests.Request) (map[string]any, error) {
		return (&resources.Payment{Request: req}).FetchMultipleRefund(pay.ID, nil, nil)
	}, &earlier); err != nil {
		return providerRefund{}, err
	}
	for _, re := range earlier.Items {
		if re.Notes["refund_id"] == refundID {
			return re.providerRefund(), nil
		}
	}
	data := map[string]any{"speed": "normal", "receipt": razorpayReceipt("refund-" + r.Key),
		"notes": map[string]any{"refund_id": refundID, "payment_id": strconv.FormatInt(p.ID, 10)}}
	var re rzpRefund
	if err := rp.call(ctx, "refund payment "+pay.ID, func(req *requests.Request) (map[string]any, error) {
		return (&resources.Payment{Request: req}).Refund(pay.ID, int(r.Amount), data, nil)
	}, &re); err != nil {
		return providerRefund{}, err
	}
	return re.providerRefund(), nil
}

func (rp *razorpayProvider) refundStatus(ctx context.Context, r Refund) (providerRefund, error) {
	var re rzpRefund
	if err := rp.call(ctx, "get refund "+r.ProviderID, func(req *requests.Request) (map[string]any, error) {
		return (&resources.Refund{Request: req}).Fetch(r.ProviderID, nil, nil)
	}, &re); err != nil {
		return providerRefund{}, err
	}
	return re.providerRefund(), nil
}

// capturedOf finds the payment that took the money, if any.
func capturedOf(pays []rzpPayment) (rzpPayment, bool) {
	for _, pay := range pays {
		if pay.captured() {
			return pay, true
		}
	}
	return rzpPayment{}, false
}
