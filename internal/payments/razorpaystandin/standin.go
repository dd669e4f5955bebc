// Package razorpaystandin stands in for Razorpay in tests and local runs:
// the part of Razorpay's REST API that payments uses (orders, their
// payments, capture, refunds) with Basic authentication and Razorpay's
// error bodies, a checkout.js defining window.Razorpay as Razorpay's
// Standard Checkout does, and signed webhooks. Knobs make it fail, answer
// slowly or take another amount than the order's.
package razorpaystandin

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options are the Razorpay account the stand-in plays.
type Options struct {
	// KeyID and KeySecret are the API keys (Basic auth; the secret also
	// signs checkout's razorpay_signature).
	KeyID, KeySecret string
	// WebhookSecret signs webhooks (X-Razorpay-Signature).
	WebhookSecret string
	// WebhookURL, when set, receives the webhooks of what checkout and
	// refunds do, as Razorpay would send them (a browser journey); tests
	// usually deliver them by hand with Event and Deliver.
	WebhookURL string
}

// Request is one API call the stand-in received.
type Request struct {
	Method string
	Path   string
	Query  string
	// Authorized is true when Basic auth carried the account's keys.
	Authorized bool
	UserAgent  string
	Body       map[string]any
}

// Server is the stand-in: an http.Handler (serve it with httptest).
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu       sync.Mutex
	seq      int
	orders   map[string]*Order
	payments map[string]*Payment
	refunds  map[string]*Refund
	// paymentIDs and refundIDs are in creation order.
	paymentIDs []string
	refundIDs  []string
	seen       []Request
	failNext   int
	delay      time.Duration
	amount     int64 // the next checkout payment's amount (0: the order's)
	authOnly   bool
	refundTo   string
	now        func() time.Time
}

// New returns a stand-in for the account o.
func New(o Options) *Server {
	s := &Server{opts: o, mux: http.NewServeMux(), orders: map[string]*Order{}, payments: map[string]*Payment{},
		refunds: map[string]*Refund{}, refundTo: "processed", now: time.Now}
	s.mux.HandleFunc("POST /v1/orders", s.api(s.createOrder))
	s.mux.HandleFunc("GET /v1/orders", s.api(s.listOrders))
	s.mux.HandleFunc("GET /v1/orders/{id}", s.api(s.getOrder))
	s.mux.HandleFunc("GET /v1/orders/{id}/payments", s.api(s.orderPayments))
	s.mux.HandleFunc("GET /v1/payments/{id}", s.api(s.getPayment))
	s.mux.HandleFunc("POST /v1/payments/{id}/capture", s.api(s.capture))
	s.mux.HandleFunc("POST /v1/payments/{id}/refund", s.api(s.createRefund))
	s.mux.HandleFunc("GET /v1/payments/{id}/refunds", s.api(s.paymentRefunds))
	s.mux.HandleFunc("GET /v1/refunds/{id}", s.api(s.getRefund))
	s.mux.HandleFunc("GET /v1/checkout.js", s.checkoutJS)
	s.mux.HandleFunc("POST /standin/checkout", s.checkoutAction)
	s.mux.HandleFunc("OPTIONS /standin/checkout", s.checkoutAction)
	return s
}

// ServeHTTP serves the API (/v1/...), the checkout script
// (/v1/checkout.js) and the checkout's own endpoint (/standin/checkout).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// CheckoutURL is where the checkout script is served, given the
// stand-in's base URL (RAZORPAY_CHECKOUT_URL).
func CheckoutURL(base string) string { return strings.TrimRight(base, "/") + "/v1/checkout.js" }

// FailNext makes the next n API calls answer 500 with Razorpay's
// SERVER_ERROR body (nothing is done).
func (s *Server) FailNext(n int) { s.mu.Lock(); s.failNext = n; s.mu.Unlock() }

// SetDelay makes every API call wait d before answering (the call's own
// deadline still ends it).
func (s *Server) SetDelay(d time.Duration) { s.mu.Lock(); s.delay = d; s.mu.Unlock() }

// CaptureAmount makes the next payment checkout takes capture amount
// instead of the order's (a provider reporting another amount).
func (s *Server) CaptureAmount(amount int64) { s.mu.Lock(); s.amount = amount; s.mu.Unlock() }

// AuthorizeOnly leaves checkout's payments authorized, as when an
// account's automatic capture is off, until captured through the API.
func (s *Server) AuthorizeOnly(on bool) { s.mu.Lock(); s.authOnly = on; s.mu.Unlock() }

// RefundsBecome sets the status refunds are created with (processed,
// the default; pending; failed).
func (s *Server) RefundsBecome(status string) { s.mu.Lock(); s.refundTo = status; s.mu.Unlock() }

// Requests lists the API calls received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.seen...)
}

// Signature is the checkout signature of a payment of an order:
// hex(HMAC-SHA256(order_id + "|" + payment_id, key secret)).
func (s *Server) Signature(orderID, paymentID string) string {
	return Sign(orderID+"|"+paymentID, s.opts.KeySecret)
}

// Sign is hex(HMAC-SHA256(message, secret)), Razorpay's signature.
func Sign(message, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(message))
	return hex.EncodeToString(m.Sum(nil))
}

// api wraps an API handler: it records the call, checks Basic auth,
// applies the knobs and writes the answer as JSON.
func (s *Server) api(h func(r *http.Request, body map[string]any) (int, any)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if r.Body != nil && r.Method == http.MethodPost {
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
				writeJSON(w, http.StatusBadRequest, apiError("BAD_REQUEST_ERROR", "The request body is not valid JSON", ""))
				return
			}
		}
		key, secret, ok := r.BasicAuth()
		authorized := ok && subtle.ConstantTimeCompare([]byte(key), []byte(s.opts.KeyID)) == 1 &&
			subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.KeySecret)) == 1
		s.mu.Lock()
		s.seen = append(s.seen, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Authorized: authorized,
			UserAgent: r.UserAgent(), Body: body})
		delay, fail := s.delay, s.failNext > 0
		if fail {
			s.failNext--
		}
		s.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		switch {
		case fail:
			writeJSON(w, http.StatusInternalServerError, apiError("SERVER_ERROR", "The server encountered an error. The incident has been reported to admins.", ""))
		case !authorized:
			writeJSON(w, http.StatusUnauthorized, apiError("BAD_REQUEST_ERROR", "Authentication failed", ""))
		default:
			s.mu.Lock()
			status, out := h(r, body)
			s.mu.Unlock()
			writeJSON(w, status, out)
		}
	}
}

// apiError is Razorpay's error body.
func apiError(code, description, field string) map[string]any {
	e := map[string]any{"code": code, "description": description, "source": "business", "step": "payment_initiation",
		"reason": "input_validation_failed", "metadata": map[string]any{}}
	if code == "SERVER_ERROR" {
		e["source"], e["step"], e["reason"] = "internal", "NA", "server_error"
	}
	if field != "" {
		e["field"] = field
	}
	return map[string]any{"error": e}
}

func badRequest(description, field string) (int, any) {
	return http.StatusBadRequest, apiError("BAD_REQUEST_ERROR", description, field)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// nextID makes a Razorpay-looking id ("order_" and 14 characters).
func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s_Stand%09d", prefix, s.seq)
}
