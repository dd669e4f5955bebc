package paypalstandin

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Event builds a webhook event as PayPal sends it (id, event_version,
// create_time, resource_type, event_type, summary, resource, links).
func (s *Server) Event(eventType string, resource map[string]any) []byte {
	s.mu.Lock()
	id := s.nextID("WH-")
	s.mu.Unlock()
	kind := "capture"
	switch {
	case strings.HasPrefix(eventType, "CHECKOUT.ORDER."):
		kind = "checkout-order"
	case strings.Contains(eventType, "REFUND"):
		kind = "refund"
	}
	b, _ := json.Marshal(map[string]any{"id": id, "event_version": "1.0", "create_time": now(), "resource_type": kind,
		"resource_version": "2.0", "event_type": eventType, "summary": eventType, "resource": resource,
		"links": []link{{Href: s.URL + "/v1/notifications/webhooks-events/" + id, Rel: "self", Method: "GET"}}})
	return b
}

// Sign returns the transmission headers PayPal sends with event
// (PAYPAL-TRANSMISSION-ID, -TIME, -SIG, PAYPAL-CERT-URL, PAYPAL-AUTH-ALGO).
// Each call is a new transmission; the stand-in's verification accepts
// exactly these headers with exactly this body.
func (s *Server) Sign(event []byte) http.Header {
	s.mu.Lock()
	id := fmt.Sprintf("%08x-standin-%06d", time.Now().UnixNano()&0xffffffff, s.seq)
	s.seq++
	mac := hmac.New(sha256.New, []byte(s.secret))
	mac.Write([]byte(id))
	mac.Write(compact(event))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	s.sent[id] = sentEvent{sig: sig, body: compact(event)}
	s.mu.Unlock()
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("PAYPAL-TRANSMISSION-ID", id)
	h.Set("PAYPAL-TRANSMISSION-TIME", now())
	h.Set("PAYPAL-TRANSMISSION-SIG", sig)
	h.Set("PAYPAL-CERT-URL", s.URL+"/v1/notifications/certs/CERT-360caa42-fca2a594-standin")
	h.Set("PAYPAL-AUTH-ALGO", "SHA256withRSA")
	return h
}

// Deliver posts event to url signed as PayPal would and returns the
// answer's status.
func (s *Server) Deliver(ctx context.Context, url string, event []byte) (int, error) {
	return Post(ctx, url, event, s.Sign(event))
}

// Post posts body to url with headers (forged or missing ones, for tests)
// and returns the answer's status.
func Post(ctx context.Context, url string, body []byte, headers http.Header) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header = headers.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, nil
}

func compact(b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return b
	}
	return buf.Bytes()
}

// verify is POST /v1/notifications/verify-webhook-signature: SUCCESS only
// for a transmission the stand-in signed, with its signature, its very
// event and the stand-in's webhook id.
func (s *Server) verify(body []byte) (int, any) {
	var req struct {
		AuthAlgo         string          `json:"auth_algo"`
		CertURL          string          `json:"cert_url"`
		TransmissionID   string          `json:"transmission_id"`
		TransmissionSig  string          `json:"transmission_sig"`
		TransmissionTime string          `json:"transmission_time"`
		WebhookID        string          `json:"webhook_id"`
		Event            json.RawMessage `json:"webhook_event"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return http.StatusBadRequest, apiError("VALIDATION_ERROR", "Invalid request - see details", "MALFORMED_REQUEST_JSON")
	}
	if req.AuthAlgo == "" || req.CertURL == "" || req.TransmissionID == "" || req.TransmissionSig == "" ||
		req.TransmissionTime == "" || req.WebhookID == "" || len(req.Event) == 0 {
		return http.StatusBadRequest, apiError("VALIDATION_ERROR", "Invalid request - see details", "MISSING_REQUIRED_PARAMETER")
	}
	s.mu.Lock()
	sent, ok := s.sent[req.TransmissionID]
	s.mu.Unlock()
	status := "FAILURE"
	if ok && req.WebhookID == s.webhookID && hmac.Equal([]byte(sent.sig), []byte(req.TransmissionSig)) &&
		bytes.Equal(sent.body, compact(req.Event)) {
		status = "SUCCESS"
	}
	return http.StatusOK, map[string]string{"verification_status": status}
}
