package paypalstandin

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type link struct {
	Href   string `json:"href"`
	Rel    string `json:"rel"`
	Method string `json:"method,omitempty"`
}

type money struct {
	CurrencyCode string `json:"currency_code"`
	Value        string `json:"value"`
}

type purchaseUnit struct {
	ReferenceID string    `json:"reference_id,omitempty"`
	CustomID    string    `json:"custom_id,omitempty"`
	InvoiceID   string    `json:"invoice_id,omitempty"`
	Description string    `json:"description,omitempty"`
	Amount      *money    `json:"amount"`
	Payments    *payments `json:"payments,omitempty"`
}

type payments struct {
	Captures []*capture `json:"captures"`
}

type capture struct {
	ID                string `json:"id"`
	Status            string `json:"status"`
	Amount            money  `json:"amount"`
	CustomID          string `json:"custom_id,omitempty"`
	InvoiceID         string `json:"invoice_id,omitempty"`
	FinalCapture      bool   `json:"final_capture"`
	SupplementaryData struct {
		RelatedIDs struct {
			OrderID string `json:"order_id"`
		} `json:"related_ids"`
	} `json:"supplementary_data"`
	CreateTime string `json:"create_time"`
	Links      []link `json:"links"`
	refunded   int64
}

type order struct {
	ID            string          `json:"id"`
	Status        string          `json:"status"`
	Intent        string          `json:"intent"`
	PurchaseUnits []*purchaseUnit `json:"purchase_units"`
	CreateTime    string          `json:"create_time"`
	Links         []link          `json:"links"`
}

type refund struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Amount      money  `json:"amount"`
	InvoiceID   string `json:"invoice_id,omitempty"`
	NoteToPayer string `json:"note_to_payer,omitempty"`
	CreateTime  string `json:"create_time"`
	Links       []link `json:"links"`
}

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	return io.ReadAll(io.LimitReader(r.Body, 1<<20))
}

// exponent is how many decimals PayPal takes in a currency's value.
func exponent(currency string) int {
	switch currency {
	case "JPY", "HUF", "TWD":
		return 0
	}
	return 2
}

// minor parses a PayPal value ("12.50") in currency's minor units.
func minor(value, currency string) (int64, bool) {
	whole, frac, dot := strings.Cut(value, ".")
	exp := exponent(currency)
	if whole == "" || (dot && (exp == 0 || frac == "" || len(frac) > exp)) {
		return 0, false
	}
	for len(frac) < exp {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	return n, err == nil && n >= 0
}

// value writes minor units of currency as a PayPal value.
func value(amount int64, currency string) string {
	exp := exponent(currency)
	if exp == 0 {
		return strconv.FormatInt(amount, 10)
	}
	s := strconv.FormatInt(amount, 10)
	for len(s) <= exp {
		s = "0" + s
	}
	return s[:len(s)-exp] + "." + s[len(s)-exp:]
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// createOrder is POST /v2/checkout/orders.
func (s *Server) createOrder(body []byte) (int, any) {
	var req struct {
		Intent        string         `json:"intent"`
		PurchaseUnits []purchaseUnit `json:"purchase_units"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return http.StatusBadRequest, apiError("INVALID_REQUEST", "Request is not well-formed.", "MALFORMED_REQUEST_JSON")
	}
	if req.Intent != "CAPTURE" && req.Intent != "AUTHORIZE" {
		return http.StatusBadRequest, apiError("INVALID_REQUEST", "intent is missing or invalid.", "MISSING_REQUIRED_PARAMETER")
	}
	if len(req.PurchaseUnits) != 1 || req.PurchaseUnits[0].Amount == nil {
		return http.StatusBadRequest, apiError("INVALID_REQUEST", "purchase_units/0/amount is required.", "MISSING_REQUIRED_PARAMETER")
	}
	pu := req.PurchaseUnits[0]
	if pu.Amount.CurrencyCode == "" || len(pu.Amount.CurrencyCode) != 3 {
		return http.StatusBadRequest, apiError("INVALID_REQUEST", "currency_code is invalid.", "INVALID_PARAMETER_VALUE")
	}
	if n, ok := minor(pu.Amount.Value, pu.Amount.CurrencyCode); !ok || n <= 0 {
		return http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY",
			"The value field doesn't comply with the currency's decimal precision.", "DECIMAL_PRECISION")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := &order{ID: s.nextID("5O"), Status: "CREATED", Intent: req.Intent, PurchaseUnits: []*purchaseUnit{&pu}, CreateTime: now()}
	if pu.ReferenceID == "" {
		pu.ReferenceID = "default"
	}
	o.Links = []link{{Href: s.URL + "/v2/checkout/orders/" + o.ID, Rel: "self", Method: "GET"},
		{Href: s.URL + "/checkoutnow?token=" + o.ID, Rel: "approve", Method: "GET"},
		{Href: s.URL + "/v2/checkout/orders/" + o.ID, Rel: "update", Method: "PATCH"},
		{Href: s.URL + "/v2/checkout/orders/" + o.ID + "/capture", Rel: "capture", Method: "POST"}}
	s.orders[o.ID] = o
	return http.StatusCreated, clone(o)
}

// clone copies v through JSON, so an answer never shares the books' maps.
func clone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func notFound() (int, any) {
	return http.StatusNotFound, apiError("RESOURCE_NOT_FOUND", "The specified resource does not exist.", "INVALID_RESOURCE_ID")
}

// getOrder is GET /v2/checkout/orders/{id}.
func (s *Server) getOrder(id string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return notFound()
	}
	return http.StatusOK, clone(o)
}

// capture is POST /v2/checkout/orders/{id}/capture: only an approved
// order is captured.
func (s *Server) capture(id string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return notFound()
	}
	switch o.Status {
	case "APPROVED":
	case "COMPLETED":
		return http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY",
			"The requested action could not be performed.", "ORDER_ALREADY_CAPTURED")
	default:
		return http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY",
			"The requested action could not be performed, semantically incorrect, or failed business validation.",
			"ORDER_NOT_APPROVED")
	}
	pu := o.PurchaseUnits[0]
	c := &capture{ID: s.nextID("3C"), Status: "COMPLETED", Amount: *pu.Amount, CustomID: pu.CustomID,
		InvoiceID: pu.InvoiceID, FinalCapture: true, CreateTime: now()}
	if s.captureValue != "" {
		c.Amount.Value = s.captureValue
	}
	if s.declineCapture {
		c.Status = "DECLINED"
	}
	c.SupplementaryData.RelatedIDs.OrderID = o.ID
	c.Links = []link{{Href: s.URL + "/v2/payments/captures/" + c.ID, Rel: "self", Method: "GET"},
		{Href: s.URL + "/v2/payments/captures/" + c.ID + "/refund", Rel: "refund", Method: "POST"},
		{Href: s.URL + "/v2/checkout/orders/" + o.ID, Rel: "up", Method: "GET"}}
	pu.Payments = &payments{Captures: []*capture{c}}
	o.Status = "COMPLETED"
	s.captures[c.ID] = o.ID
	return http.StatusCreated, clone(o)
}

// getCapture is GET /v2/payments/captures/{id}.
func (s *Server) getCapture(id string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.captureLocked(id)
	if c == nil {
		return notFound()
	}
	return http.StatusOK, clone(c)
}

func (s *Server) captureLocked(id string) *capture {
	o, ok := s.orders[s.captures[id]]
	if !ok {
		return nil
	}
	return o.PurchaseUnits[0].Payments.Captures[0]
}

// refund is POST /v2/payments/captures/{id}/refund: the amount given, or
// what is left; never more than what is left.
func (s *Server) refund(captureID string, body []byte) (int, any) {
	var req struct {
		Amount      *money `json:"amount"`
		InvoiceID   string `json:"invoice_id"`
		NoteToPayer string `json:"note_to_payer"`
	}
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			return http.StatusBadRequest, apiError("INVALID_REQUEST", "Request is not well-formed.", "MALFORMED_REQUEST_JSON")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.captureLocked(captureID)
	if c == nil {
		return notFound()
	}
	total, _ := minor(c.Amount.Value, c.Amount.CurrencyCode)
	if c.Status != "COMPLETED" && c.Status != "PARTIALLY_REFUNDED" {
		return http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY",
			"The capture has already been fully refunded or cannot be refunded.", "CAPTURE_FULLY_REFUNDED")
	}
	amount := total - c.refunded
	if req.Amount != nil {
		n, ok := minor(req.Amount.Value, req.Amount.CurrencyCode)
		if !ok || n <= 0 || req.Amount.CurrencyCode != c.Amount.CurrencyCode {
			return http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY",
				"The refund amount is invalid.", "INVALID_CURRENCY_CODE")
		}
		amount = n
	}
	if amount > total-c.refunded {
		return http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY",
			"The refund amount must be less than or equal to the capture amount that has not yet been refunded.",
			"REFUND_AMOUNT_EXCEEDED")
	}
	c.refunded += amount
	c.Status = "PARTIALLY_REFUNDED"
	if c.refunded == total {
		c.Status = "REFUNDED"
	}
	re := &refund{ID: s.nextID("1R"), Status: "COMPLETED", Amount: money{CurrencyCode: c.Amount.CurrencyCode,
		Value: value(amount, c.Amount.CurrencyCode)}, InvoiceID: req.InvoiceID, NoteToPayer: req.NoteToPayer, CreateTime: now()}
	re.Links = []link{{Href: s.URL + "/v2/payments/refunds/" + re.ID, Rel: "self", Method: "GET"},
		{Href: s.URL + "/v2/payments/captures/" + c.ID, Rel: "up", Method: "GET"}}
	s.refunds[re.ID] = re
	return http.StatusCreated, clone(re)
}

// getRefund is GET /v2/payments/refunds/{id}.
func (s *Server) getRefund(id string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	re, ok := s.refunds[id]
	if !ok {
		return notFound()
	}
	return http.StatusOK, clone(re)
}

// Approve approves an order as its buyer would in PayPal's checkout.
// It reports false for an unknown order or one not waiting for approval.
func (s *Server) Approve(orderID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok || (o.Status != "CREATED" && o.Status != "PAYER_ACTION_REQUIRED") {
		return false
	}
	o.Status = "APPROVED"
	return true
}

// SetRefundStatus changes a refund's status (PENDING, COMPLETED, FAILED,
// CANCELLED), as PayPal's own processing would.
func (s *Server) SetRefundStatus(refundID, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	re, ok := s.refunds[refundID]
	if ok {
		re.Status = status
	}
	return ok
}

// Order returns an order as GET /v2/checkout/orders/{id} would (nil when
// unknown), for building webhook resources.
func (s *Server) Order(orderID string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok {
		return nil
	}
	out, _ := clone(o).(map[string]any)
	return out
}

// Capture returns an order's capture as GET /v2/payments/captures/{id}
// would (nil before the capture).
func (s *Server) Capture(orderID string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok || o.PurchaseUnits[0].Payments == nil {
		return nil
	}
	out, _ := clone(o.PurchaseUnits[0].Payments.Captures[0]).(map[string]any)
	return out
}

// standin is the stand-in's own checkout call, POST
// /standin/orders/{id}/approve, which its SDK script makes when the buyer
// clicks the PayPal button (the page's origin differs: CORS allowed).
func (s *Server) standin(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	id, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/standin/orders/"), "/approve")
	if r.Method != http.MethodPost || !ok || !s.Approve(id) {
		writeJSON(w, http.StatusUnprocessableEntity, apiError("UNPROCESSABLE_ENTITY", "The order cannot be approved.",
			"ORDER_NOT_APPROVABLE"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"id": id, "status": "APPROVED"})
}
