package razorpaystandin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Order is Razorpay's order entity.
type Order struct {
	ID         string  `json:"id"`
	Entity     string  `json:"entity"`
	Amount     int64   `json:"amount"`
	AmountPaid int64   `json:"amount_paid"`
	AmountDue  int64   `json:"amount_due"`
	Currency   string  `json:"currency"`
	Receipt    string  `json:"receipt"`
	OfferID    *string `json:"offer_id"`
	Status     string  `json:"status"` // created, attempted, paid
	Attempts   int     `json:"attempts"`
	Notes      Notes   `json:"notes"`
	CreatedAt  int64   `json:"created_at"`
}

// Payment is Razorpay's payment entity.
type Payment struct {
	ID               string  `json:"id"`
	Entity           string  `json:"entity"`
	Amount           int64   `json:"amount"`
	Currency         string  `json:"currency"`
	Status           string  `json:"status"` // created, authorized, captured, refunded, failed
	OrderID          string  `json:"order_id"`
	InvoiceID        *string `json:"invoice_id"`
	International    bool    `json:"international"`
	Method           string  `json:"method"`
	AmountRefunded   int64   `json:"amount_refunded"`
	RefundStatus     *string `json:"refund_status"`
	Captured         bool    `json:"captured"`
	Description      string  `json:"description"`
	VPA              *string `json:"vpa"`
	Email            string  `json:"email"`
	Contact          string  `json:"contact"`
	Notes            Notes   `json:"notes"`
	Fee              *int64  `json:"fee"`
	Tax              *int64  `json:"tax"`
	ErrorCode        *string `json:"error_code"`
	ErrorDescription *string `json:"error_description"`
	ErrorSource      *string `json:"error_source"`
	ErrorStep        *string `json:"error_step"`
	ErrorReason      *string `json:"error_reason"`
	CreatedAt        int64   `json:"created_at"`
}

// Refund is Razorpay's refund entity.
type Refund struct {
	ID             string  `json:"id"`
	Entity         string  `json:"entity"`
	Amount         int64   `json:"amount"`
	Currency       string  `json:"currency"`
	PaymentID      string  `json:"payment_id"`
	Notes          Notes   `json:"notes"`
	Receipt        *string `json:"receipt"`
	Status         string  `json:"status"` // pending, processed, failed
	SpeedRequested string  `json:"speed_requested"`
	SpeedProcessed string  `json:"speed_processed"`
	CreatedAt      int64   `json:"created_at"`
}

// Notes are an entity's notes. Razorpay writes empty notes as [] and
// others as an object; so does the stand-in.
type Notes map[string]string

// MarshalJSON writes empty notes as [], as Razorpay does.
func (n Notes) MarshalJSON() ([]byte, error) {
	if len(n) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(map[string]string(n))
}

func collection[T any](items []T) map[string]any {
	if items == nil {
		items = []T{}
	}
	return map[string]any{"entity": "collection", "count": len(items), "items": items}
}

func (s *Server) createOrder(_ *http.Request, body map[string]any) (int, any) {
	amount, ok := whole(body["amount"])
	if !ok || amount < 100 {
		return badRequest("The amount must be atleast INR 1.00", "amount")
	}
	currency, _ := body["currency"].(string)
	if len(currency) != 3 || strings.ToUpper(currency) != currency {
		return badRequest("The currency field is invalid.", "currency")
	}
	receipt, _ := body["receipt"].(string)
	if len(receipt) > 40 {
		return badRequest("The receipt may not be greater than 40 characters.", "receipt")
	}
	notes, err := notesOf(body["notes"])
	if err != "" {
		return badRequest(err, "notes")
	}
	o := &Order{ID: s.nextID("order"), Entity: "order", Amount: amount, AmountDue: amount, Currency: currency,
		Receipt: receipt, Status: "created", Notes: notes, CreatedAt: s.now().Unix()}
	s.orders[o.ID] = o
	return http.StatusOK, o
}

// listOrders is GET /v1/orders, filtered by receipt when asked.
func (s *Server) listOrders(r *http.Request, _ map[string]any) (int, any) {
	receipt := r.URL.Query().Get("receipt")
	var out []*Order
	for _, o := range s.orders {
		if receipt == "" || o.Receipt == receipt {
			out = append(out, o)
		}
	}
	return http.StatusOK, collection(out)
}

func (s *Server) getOrder(r *http.Request, _ map[string]any) (int, any) {
	o, ok := s.orders[r.PathValue("id")]
	if !ok {
		return badRequest("The id provided does not exist", "id")
	}
	return http.StatusOK, o
}

// orderPayments is GET /v1/orders/:id/payments, newest first as
// Razorpay lists.
func (s *Server) orderPayments(r *http.Request, _ map[string]any) (int, any) {
	id := r.PathValue("id")
	if _, ok := s.orders[id]; !ok {
		return badRequest("The id provided does not exist", "id")
	}
	out := s.paymentsOf(id)
	slices.Reverse(out)
	return http.StatusOK, collection(out)
}

func (s *Server) paymentsOf(orderID string) []*Payment {
	var out []*Payment
	for _, id := range s.paymentIDs {
		if p := s.payments[id]; p.OrderID == orderID {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) getPayment(r *http.Request, _ map[string]any) (int, any) {
	p, ok := s.payments[r.PathValue("id")]
	if !ok {
		return badRequest("The id provided does not exist", "id")
	}
	return http.StatusOK, p
}

// capture is POST /v1/payments/:id/capture {amount, currency}.
func (s *Server) capture(r *http.Request, body map[string]any) (int, any) {
	p, ok := s.payments[r.PathValue("id")]
	if !ok {
		return badRequest("The id provided does not exist", "id")
	}
	amount, _ := whole(body["amount"])
	currency, _ := body["currency"].(string)
	switch {
	case p.Status == "captured" || p.Status == "refunded":
		return badRequest("This payment has already been captured", "")
	case p.Status != "authorized":
		return badRequest("Only payments which have been authorized and not yet captured can be captured", "")
	case amount != p.Amount:
		return badRequest("Capture amount must be equal to the amount authorized", "amount")
	case currency != p.Currency:
		return badRequest("The currency should be same as the payment currency.", "currency")
	}
	p.Status, p.Captured = "captured", true
	s.orders[p.OrderID].Status = "paid"
	return http.StatusOK, p
}

// createRefund is POST /v1/payments/:id/refund {amount, speed, receipt,
// notes}.
func (s *Server) createRefund(r *http.Request, body map[string]any) (int, any) {
	p, ok := s.payments[r.PathValue("id")]
	if !ok {
		return badRequest("The id provided does not exist", "id")
	}
	amount, ok := whole(body["amount"])
	if !ok {
		amount = p.Amount - p.AmountRefunded
	}
	speed, _ := body["speed"].(string)
	if speed == "" {
		speed = "normal"
	}
	notes, err := notesOf(body["notes"])
	switch {
	case err != "":
		return badRequest(err, "notes")
	case !p.Captured:
		return badRequest("The payment has not been captured", "")
	case p.AmountRefunded >= p.Amount:
		return badRequest("The payment has been fully refunded already", "")
	case amount < 100 || amount > p.Amount-p.AmountRefunded:
		return badRequest("The refund amount provided is greater than amount captured", "amount")
	case speed != "normal" && speed != "optimum":
		return badRequest("The selected speed is invalid.", "speed")
	}
	rf := &Refund{ID: s.nextID("rfnd"), Entity: "refund", Amount: amount, Currency: p.Currency, PaymentID: p.ID,
		Notes: notes, Status: s.refundTo, SpeedRequested: speed, SpeedProcessed: "normal", CreatedAt: s.now().Unix()}
	if receipt, ok := body["receipt"].(string); ok && receipt != "" {
		rf.Receipt = &receipt
	}
	s.refunds[rf.ID], s.refundIDs = rf, append(s.refundIDs, rf.ID)
	if rf.Status == "processed" {
		s.settle(p, rf)
	}
	s.notify(s.refundEvent(rf))
	return http.StatusOK, rf
}

// settle counts a refund against its payment.
func (s *Server) settle(p *Payment, rf *Refund) {
	p.AmountRefunded += rf.Amount
	st := "partial"
	if p.AmountRefunded >= p.Amount {
		st, p.Status = "full", "refunded"
	}
	p.RefundStatus = &st
}

// paymentRefunds is GET /v1/payments/:id/refunds, newest first.
func (s *Server) paymentRefunds(r *http.Request, _ map[string]any) (int, any) {
	id := r.PathValue("id")
	if _, ok := s.payments[id]; !ok {
		return badRequest("The id provided does not exist", "id")
	}
	var out []*Refund
	for _, rid := range s.refundIDs {
		if rf := s.refunds[rid]; rf.PaymentID == id {
			out = append(out, rf)
		}
	}
	slices.Reverse(out)
	return http.StatusOK, collection(out)
}

func (s *Server) getRefund(r *http.Request, _ map[string]any) (int, any) {
	rf, ok := s.refunds[r.PathValue("id")]
	if !ok {
		return badRequest("The id provided does not exist", "id")
	}
	return http.StatusOK, rf
}

// whole reads a JSON number that is a whole number.
func whole(v any) (int64, bool) {
	f, ok := v.(float64)
	if !ok || f != float64(int64(f)) {
		return 0, false
	}
	return int64(f), true
}

// notesOf reads notes as Razorpay limits them: at most 15 pairs of
// strings of at most 256 characters. Its error is "" when they are fine.
func notesOf(v any) (Notes, string) {
	if v == nil {
		return nil, ""
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, "The notes field must be an object."
	}
	if len(m) > 15 {
		return nil, "The notes may not have more than 15 items."
	}
	out := Notes{}
	for k, v := range m {
		s := fmt.Sprint(v)
		if len(s) > 256 {
			return nil, "The notes value may not be greater than 256 characters."
		}
		out[k] = s
	}
	return out, ""
}
