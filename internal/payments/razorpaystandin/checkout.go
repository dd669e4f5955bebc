package razorpaystandin

import (
	_ "embed"
	"net/http"
)

//go:embed checkout.js
var checkoutScript []byte

// CheckoutResult is what checkout hands options.handler on success.
type CheckoutResult struct {
	PaymentID string `json:"razorpay_payment_id"`
	OrderID   string `json:"razorpay_order_id"`
	Signature string `json:"razorpay_signature"`
}

// checkoutJS is GET /v1/checkout.js.
func (s *Server) checkoutJS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(checkoutScript)
}

// checkoutAction is POST /standin/checkout, the stand-in checkout's own
// call (a form: order_id, key, method upi or card, outcome pay or fail).
// It answers what Razorpay's checkout hands the page: the handler's three
// fields, or the payment.failed event's error.
func (s *Server) checkoutAction(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if r.FormValue("key") != s.opts.KeyID {
		writeJSON(w, http.StatusUnauthorized, apiError("BAD_REQUEST_ERROR", "Authentication failed", "key"))
		return
	}
	orderID, method := r.FormValue("order_id"), r.FormValue("method")
	if r.FormValue("outcome") == "fail" {
		id, err := s.Fail(orderID, method, "payment_failed", "Payment failed")
		if err != nil {
			writeJSON(w, http.StatusBadRequest, apiError("BAD_REQUEST_ERROR", err.Error(), "order_id"))
			return
		}
		e := apiError("BAD_REQUEST_ERROR", "Payment failed", "")["error"].(map[string]any)
		e["source"], e["step"], e["reason"] = "customer", "payment_authorization", "payment_failed"
		e["metadata"] = map[string]string{"order_id": orderID, "payment_id": id}
		writeJSON(w, http.StatusOK, map[string]any{"error": e})
		return
	}
	res, err := s.Pay(orderID, method)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("BAD_REQUEST_ERROR", err.Error(), "order_id"))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// Pay is the buyer paying an order in checkout with method (upi, card):
// a payment captured (or only authorized, see AuthorizeOnly) for the
// order's amount (or CaptureAmount's), and the result checkout hands the
// page, signed.
func (s *Server) Pay(orderID, method string) (CheckoutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok {
		return CheckoutResult{}, errNoOrder(orderID)
	}
	amount := o.Amount
	if s.amount != 0 {
		amount, s.amount = s.amount, 0
	}
	p := s.newPayment(o, method, amount)
	p.Status = "authorized"
	if !s.authOnly {
		p.Status, p.Captured = "captured", true
		o.Status, o.AmountPaid, o.AmountDue = "paid", amount, 0
		s.notify(s.paymentEvent("payment.captured", p))
		s.notify(s.paymentEvent("order.paid", p))
	}
	return CheckoutResult{PaymentID: p.ID, OrderID: o.ID, Signature: s.Signature(o.ID, p.ID)}, nil
}

// Fail is the buyer's payment of an order failing in checkout (the
// buyer may try again); it returns the failed payment's id.
func (s *Server) Fail(orderID, method, reason, description string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok {
		return "", errNoOrder(orderID)
	}
	p := s.newPayment(o, method, o.Amount)
	code, source, step := "BAD_REQUEST_ERROR", "customer", "payment_authorization"
	p.Status, p.ErrorCode, p.ErrorDescription, p.ErrorReason = "failed", &code, &description, &reason
	p.ErrorSource, p.ErrorStep = &source, &step
	s.notify(s.paymentEvent("payment.failed", p))
	return p.ID, nil
}

func (s *Server) newPayment(o *Order, method string, amount int64) *Payment {
	if method == "" {
		method = "upi"
	}
	o.Attempts++
	if o.Status == "created" {
		o.Status = "attempted"
	}
	p := &Payment{ID: s.nextID("pay"), Entity: "payment", Amount: amount, Currency: o.Currency, OrderID: o.ID,
		Method: method, Description: "Marquee", Email: "buyer@example.com", Contact: "+919000090000", Notes: o.Notes,
		CreatedAt: s.now().Unix()}
	if method == "upi" {
		vpa := "buyer@okstandin"
		p.VPA = &vpa
	}
	s.payments[p.ID], s.paymentIDs = p, append(s.paymentIDs, p.ID)
	return p
}

// Order returns an order as the stand-in holds it now.
func (s *Server) Order(id string) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return Order{}, false
	}
	return *o, true
}

// Refunds lists the refunds made, oldest first.
func (s *Server) Refunds() []Refund {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Refund, 0, len(s.refundIDs))
	for _, id := range s.refundIDs {
		out = append(out, *s.refunds[id])
	}
	return out
}

// SettleRefund moves a pending refund to processed or failed, as
// Razorpay does later, and returns its webhook (refund.processed or
// refund.failed).
func (s *Server) SettleRefund(id, status string) (Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, ok := s.refunds[id]
	if !ok {
		return Event{}, errNoRefund(id)
	}
	rf.Status = status
	e := s.refundEvent(rf)
	s.notify(e)
	return e, nil
}

// SeedOrder makes an order as if through the API (for a test's setup: an
// order left by someone else) and returns its id.
func (s *Server) SeedOrder(amount int64, currency, receipt string, notes Notes) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := &Order{ID: s.nextID("order"), Entity: "order", Amount: amount, AmountDue: amount, Currency: currency,
		Receipt: receipt, Status: "created", Notes: notes, CreatedAt: s.now().Unix()}
	s.orders[o.ID] = o
	return o.ID
}
