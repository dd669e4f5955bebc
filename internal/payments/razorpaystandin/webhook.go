package razorpaystandin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Event is a webhook as Razorpay sends it: its id (the
// X-Razorpay-Event-Id header) and its body.
type Event struct {
	ID   string
	Body []byte
}

// deliveryTimeout bounds one webhook sent to Options.WebhookURL.
const deliveryTimeout = 10 * time.Second

func errNoOrder(id string) error  { return fmt.Errorf("no order %q", id) }
func errNoRefund(id string) error { return fmt.Errorf("no refund %q", id) }

// event builds a webhook: {"entity":"event","event":name,"contains":[...],
// "payload":{"payment":{"entity":...},...},"created_at":...}.
func (s *Server) event(name string, entities map[string]any) Event {
	contains := make([]string, 0, len(entities))
	payload := map[string]any{}
	for _, k := range []string{"payment", "order", "refund"} {
		if e, ok := entities[k]; ok {
			contains = append(contains, k)
			payload[k] = map[string]any{"entity": e}
		}
	}
	body, _ := json.Marshal(map[string]any{"entity": "event", "account_id": "acc_StandIn000001", "event": name,
		"contains": contains, "payload": payload, "created_at": s.now().Unix()})
	return Event{ID: s.nextID("evt"), Body: body}
}

// paymentEvent is payment.captured, payment.failed, payment.authorized or
// order.paid (which carries the order too) for p, as p is now.
func (s *Server) paymentEvent(name string, p *Payment) Event {
	entities := map[string]any{"payment": *p}
	if name == "order.paid" {
		entities["order"] = *s.orders[p.OrderID]
	}
	return s.event(name, entities)
}

// refundEvent is refund.processed, refund.failed or refund.created for
// rf, as it is now.
func (s *Server) refundEvent(rf *Refund) Event {
	name := "refund.created"
	switch rf.Status {
	case "processed":
		name = "refund.processed"
	case "failed":
		name = "refund.failed"
	}
	return s.event(name, map[string]any{"refund": *rf, "payment": *s.payments[rf.PaymentID]})
}

// PaymentEvent returns the webhook name (payment.captured, order.paid,
// payment.failed, payment.authorized) for a payment as it is now.
func (s *Server) PaymentEvent(name, paymentID string) (Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[paymentID]
	if !ok {
		return Event{}, fmt.Errorf("no payment %q", paymentID)
	}
	return s.paymentEvent(name, p), nil
}

// RefundEvent returns the webhook of a refund as it is now.
func (s *Server) RefundEvent(refundID string) (Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, ok := s.refunds[refundID]
	if !ok {
		return Event{}, errNoRefund(refundID)
	}
	return s.refundEvent(rf), nil
}

// Deliver posts e to url as Razorpay does, signed with the webhook
// secret (X-Razorpay-Signature: hex HMAC-SHA256 of the body), and
// returns the answer's status.
func (s *Server) Deliver(ctx context.Context, url string, e Event) (int, error) {
	return DeliverSigned(ctx, url, e, Sign(string(e.Body), s.opts.WebhookSecret))
}

// DeliverSigned posts e to url with signature as its
// X-Razorpay-Signature ("" sends none): forged and unsigned deliveries.
func DeliverSigned(ctx context.Context, url string, e Event, signature string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(e.Body))
	if err != nil {
		return 0, fmt.Errorf("webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Razorpay-Webhook/v1")
	req.Header.Set("X-Razorpay-Event-Id", e.ID)
	if signature != "" {
		req.Header.Set("X-Razorpay-Signature", signature)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("deliver webhook %s: %w", e.ID, err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, nil
}

// SetWebhookURL sets where the stand-in sends its webhooks by itself
// (Options.WebhookURL), once the app's address is known.
func (s *Server) SetWebhookURL(url string) { s.mu.Lock(); s.opts.WebhookURL = url; s.mu.Unlock() }

// notify sends e to Options.WebhookURL in the background, when set. The
// caller holds s.mu.
func (s *Server) notify(e Event) {
	url := s.opts.WebhookURL
	if url == "" {
		return
	}
	secret := Sign(string(e.Body), s.opts.WebhookSecret)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), deliveryTimeout)
		defer cancel()
		// A lost delivery is the app's to recover from (it reconciles),
		// as when Razorpay gives up retrying.
		_, _ = DeliverSigned(ctx, url, e, secret)
	}()
}
