package payments

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Razorpay's entities, as far as payments reads them.

type rzpCollection[T any] struct {
	Count int `json:"count"`
	Items []T `json:"items"`
}

type rzpOrder struct {
	ID        string   `json:"id"`
	Amount    int64    `json:"amount"`
	Currency  string   `json:"currency"`
	Receipt   string   `json:"receipt"`
	Status    string   `json:"status"`
	Notes     rzpNotes `json:"notes"`
	CreatedAt int64    `json:"created_at"`
}

// madeFor reports whether o is the order made for p under receipt and
// not yet tried: our ids in its notes, p's amount and currency, made
// after p (give or take clocks), status created.
func (o rzpOrder) madeFor(p Payment, receipt string) bool {
	return o.Receipt == receipt && o.Status == "created" && o.Amount == p.Amount &&
		strings.EqualFold(o.Currency, p.Currency) && o.Notes["payment_id"] == strconv.FormatInt(p.ID, 10) &&
		o.Notes["booking_id"] == strconv.FormatInt(p.BookingID, 10) && o.CreatedAt >= p.CreatedAt.Unix()-rzpClockSkew
}

// rzpClockSkew is how far Razorpay's clock and ours may differ (seconds).
const rzpClockSkew = 300

func (o rzpOrder) intent() intent {
	return intent{ID: o.ID, Status: "requires_payment_method", Amount: o.Amount, Currency: strings.ToLower(o.Currency)}
}

type rzpPayment struct {
	ID               string   `json:"id"`
	Amount           int64    `json:"amount"`
	Currency         string   `json:"currency"`
	Status           string   `json:"status"` // created, authorized, captured, refunded, failed
	OrderID          string   `json:"order_id"`
	Captured         bool     `json:"captured"`
	Method           string   `json:"method"`
	Notes            rzpNotes `json:"notes"`
	ErrorCode        string   `json:"error_code"`
	ErrorDescription string   `json:"error_description"`
	ErrorReason      string   `json:"error_reason"`
	CreatedAt        int64    `json:"created_at"`
}

// captured reports whether the payment took money (a refunded one did).
func (p rzpPayment) captured() bool {
	return p.Captured || p.Status == "captured" || p.Status == "refunded"
}

// intent is what a captured payment says about its order.
func (p rzpPayment) intent(orderID string) intent {
	return intent{ID: orderID, Status: "succeeded", Amount: p.Amount, Currency: strings.ToLower(p.Currency)}
}

// failure is a failed payment's code (its reason, else its error code)
// and Razorpay's description of it.
func (p rzpPayment) failure() (code, message string) {
	code = p.ErrorReason
	if code == "" {
		code = strings.ToLower(p.ErrorCode)
	}
	if code == "" {
		code = "payment_failed"
	}
	return code, p.ErrorDescription
}

type rzpRefund struct {
	ID        string   `json:"id"`
	Amount    int64    `json:"amount"`
	PaymentID string   `json:"payment_id"`
	Status    string   `json:"status"` // pending, processed, failed
	Notes     rzpNotes `json:"notes"`
}

// providerRefund says a refund's status in Stripe's words.
func (r rzpRefund) providerRefund() providerRefund {
	out := providerRefund{ID: r.ID, Status: "pending"}
	switch r.Status {
	case "processed":
		out.Status = "succeeded"
	case "failed":
		out.Status, out.FailureReason = "failed", "refund failed at Razorpay"
	}
	return out
}

// rzpNotes are an entity's notes: Razorpay writes empty ones as [].
type rzpNotes map[string]string

func (n *rzpNotes) UnmarshalJSON(b []byte) error {
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	m, ok := raw.(map[string]any)
	if !ok {
		*n = nil
		return nil
	}
	*n = make(rzpNotes, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok {
			(*n)[k] = s
		} else if v != nil {
			(*n)[k] = fmt.Sprint(v)
		}
	}
	return nil
}

// remarshal reads the SDK's map answer into out.
func remarshal(in map[string]any, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}
