// Package paypalstandin is a stand-in for PayPal's REST API and its
// JavaScript SDK, for tests and local browser journeys: OAuth client
// credentials, Orders v2 (create, get, capture), captures' refunds,
// refunds, webhook signature verification, and a checkout script whose
// paypal.Buttons approve an order at the stand-in. It follows PayPal's
// documented paths, headers, JSON shapes and error bodies, keeps
// everything in memory, records every request, and has knobs for the
// faults a test needs (a 5xx, a slow answer, a capture for another amount,
// a declined capture).
package paypalstandin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Request is one API call that reached the stand-in.
type Request struct {
	Method string
	Path   string
	// Auth is the Authorization header; RequestID is PayPal-Request-Id.
	Auth      string
	RequestID string
	Body      []byte
}

// Server is a running stand-in. Its zero value is not usable: use Start.
type Server struct {
	// URL is the API base (PAYPAL_API_BASE); SDKURL is the checkout script
	// (PAYPAL_SDK_URL).
	URL    string
	SDKURL string

	clientID, secret, webhookID string
	srv                         *httptest.Server

	mu       sync.Mutex
	seq      int
	tokens   map[string]bool
	orders   map[string]*order
	captures map[string]string // capture id -> order id
	refunds  map[string]*refund
	replies  map[string]reply // PayPal-Request-Id per path -> first answer
	sent     map[string]sentEvent
	requests []Request
	// knobs
	failNext       int
	delay          time.Duration
	captureValue   string
	declineCapture bool
}

type reply struct {
	status int
	body   []byte
}

type sentEvent struct {
	sig  string
	body []byte
}

// Start starts a stand-in that accepts clientID:secret and verifies
// webhooks sent to webhookID. Close stops it.
func Start(clientID, secret, webhookID string) *Server {
	s := &Server{clientID: clientID, secret: secret, webhookID: webhookID, tokens: map[string]bool{},
		orders: map[string]*order{}, captures: map[string]string{}, refunds: map[string]*refund{},
		replies: map[string]reply{}, sent: map[string]sentEvent{}}
	s.srv = httptest.NewServer(s)
	s.URL, s.SDKURL = s.srv.URL, s.srv.URL+"/sdk/js"
	return s
}

// Close stops the stand-in.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// FailNext makes the next n API calls (not the token's) answer 500.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// SetDelay holds every API answer back for d (after acting on the call),
// or until the caller gives up.
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// CaptureValue makes captures take value (a decimal string such as
// "1.00") instead of the order's amount; "" restores the order's.
func (s *Server) CaptureValue(value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.captureValue = value
}

// DeclineCaptures makes captures come back DECLINED (true) or COMPLETED.
func (s *Server) DeclineCaptures(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.declineCapture = on
}

// Requests lists the API calls so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// nextID returns a new id with prefix, PayPal-like (17 characters).
func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%0*d", prefix, 17-len(prefix), s.seq)
}

// ServeHTTP answers PayPal's API, the SDK script and the stand-in's own
// approve call.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/sdk/js":
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprint(w, strings.ReplaceAll(sdkScript, "{{BASE}}", s.URL))
		return
	case strings.HasPrefix(r.URL.Path, "/standin/"):
		s.standin(w, r)
		return
	case r.URL.Path == "/v1/oauth2/token" && r.Method == http.MethodPost:
		s.token(w, r)
		return
	}
	body, rec, ok := s.record(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	fail, delay := s.failNext > 0, s.delay
	if fail {
		s.failNext--
	}
	s.mu.Unlock()
	if fail {
		writeJSON(w, http.StatusInternalServerError, apiError("INTERNAL_SERVER_ERROR",
			"An internal server error has occurred.", ""))
		return
	}
	status, answer := s.route(r, rec, body)
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Paypal-Debug-Id", "standin")
	w.WriteHeader(status)
	_, _ = w.Write(answer) // #nosec G705 -- a JSON API answer served as application/json by a test stand-in, never HTML
}

// record checks the bearer token and records the call.
func (s *Server) record(w http.ResponseWriter, r *http.Request) ([]byte, Request, bool) {
	body, err := readBody(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("INVALID_REQUEST", "Request is not well-formed.", "MALFORMED_REQUEST_JSON"))
		return nil, Request{}, false
	}
	rec := Request{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"),
		RequestID: r.Header.Get("PayPal-Request-Id"), Body: body}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	token, found := strings.CutPrefix(rec.Auth, "Bearer ")
	authed := found && s.tokens[token]
	s.mu.Unlock()
	if !authed {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"name": "AUTHENTICATION_FAILURE",
			"message": "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
			"links":   []link{{Href: "https://developer.paypal.com/api/rest/authentication/", Rel: "information_link"}}})
		return nil, rec, false
	}
	return body, rec, true
}

// route answers an authenticated API call; a call repeated with the same
// PayPal-Request-Id gets the first answer again, as PayPal documents.
func (s *Server) route(r *http.Request, rec Request, body []byte) (int, []byte) {
	key := ""
	if r.Method == http.MethodPost && rec.RequestID != "" {
		key = r.URL.Path + "\x00" + rec.RequestID
		s.mu.Lock()
		prev, seen := s.replies[key]
		s.mu.Unlock()
		if seen {
			return prev.status, prev.body
		}
	}
	status, v := s.dispatch(r, body)
	answer, _ := json.Marshal(v)
	if key != "" && status < 500 {
		s.mu.Lock()
		s.replies[key] = reply{status: status, body: answer}
		s.mu.Unlock()
	}
	return status, answer
}

func (s *Server) dispatch(r *http.Request, body []byte) (int, any) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v2/checkout/orders":
		return s.createOrder(body)
	case r.Method == http.MethodGet && len(parts) == 4 && parts[1] == "checkout" && parts[2] == "orders":
		return s.getOrder(parts[3])
	case r.Method == http.MethodPost && len(parts) == 5 && parts[2] == "orders" && parts[4] == "capture":
		return s.capture(parts[3])
	case r.Method == http.MethodGet && len(parts) == 4 && parts[1] == "payments" && parts[2] == "captures":
		return s.getCapture(parts[3])
	case r.Method == http.MethodPost && len(parts) == 5 && parts[2] == "captures" && parts[4] == "refund":
		return s.refund(parts[3], body)
	case r.Method == http.MethodGet && len(parts) == 4 && parts[1] == "payments" && parts[2] == "refunds":
		return s.getRefund(parts[3])
	case r.Method == http.MethodPost && r.URL.Path == "/v1/notifications/verify-webhook-signature":
		return s.verify(body)
	}
	return http.StatusNotFound, apiError("RESOURCE_NOT_FOUND", "The specified resource does not exist.", "INVALID_RESOURCE_ID")
}

// token is POST /v1/oauth2/token: client credentials in Basic auth.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization")})
	s.mu.Unlock()
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type",
			"error_description": "Grant Type is NULL"})
		return
	}
	if !ok || id != s.clientID || secret != s.secret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client",
			"error_description": "Client Authentication failed"})
		return
	}
	s.mu.Lock()
	token := s.nextID("A21AA")
	s.tokens[token] = true
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"scope": "https://uri.paypal.com/services/payments/payment",
		"access_token": token, "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 32400,
		"nonce": time.Now().UTC().Format(time.RFC3339) + "standin"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// apiError is PayPal's error body: name, message, debug_id, details.
func apiError(name, message, issue string) map[string]any {
	e := map[string]any{"name": name, "message": message, "debug_id": "standin"}
	if issue != "" {
		e["details"] = []map[string]string{{"issue": issue, "description": message}}
	}
	return e
}
