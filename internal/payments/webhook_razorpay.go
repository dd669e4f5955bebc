package payments

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/pg"
)

// razorpayEvent is a Razorpay webhook, as far as payments reads it.
type razorpayEvent struct {
	Entity    string `json:"entity"`
	Event     string `json:"event"`
	CreatedAt int64  `json:"created_at"`
	Payload   struct {
		Payment *struct {
			Entity rzpPayment `json:"entity"`
		} `json:"payment"`
		Order *struct {
			Entity rzpOrder `json:"entity"`
		} `json:"order"`
		Refund *struct {
			Entity rzpRefund `json:"entity"`
		} `json:"refund"`
	} `json:"payload"`
}

// ReceiveRazorpay verifies a Razorpay webhook's signature (hex
// HMAC-SHA256 of the raw body with the webhook secret) and stores what it
// says, in Stripe's words, once by Razorpay's event id (eventID, the
// X-Razorpay-Event-Id header; a digest of the body when absent), with the
// job that applies it: payment.captured and order.paid are a success,
// payment.failed a failed try, refund.processed and refund.failed a
// refund's outcome. Other events are accepted and not stored (stored is
// false, as for a duplicate). Errors: ErrBadSignature, ErrBadEvent.
func (s *Service) ReceiveRazorpay(ctx context.Context, payload []byte, signature, eventID string) (stored bool, err error) {
	secret := s.opts.Razorpay.WebhookSecret
	if _, ok := s.providers[ProviderRazorpay]; !ok || secret == "" {
		return false, fmt.Errorf("razorpay webhooks are not configured: %w", ErrBadSignature)
	}
	if !validRazorpaySignature(string(payload), signature, secret) {
		return false, fmt.Errorf("razorpay webhook: %w", ErrBadSignature)
	}
	var re razorpayEvent
	if err := json.Unmarshal(payload, &re); err != nil || re.Entity != "event" || re.Event == "" {
		s.opts.Log.Warn("refused an unreadable razorpay webhook", "event", eventID, "err", err)
		return false, fmt.Errorf("razorpay webhook is not an event: %w", ErrBadEvent)
	}
	if eventID == "" {
		sum := sha256.Sum256(payload)
		eventID = "sha256:" + hex.EncodeToString(sum[:])
	}
	e, ok, err := re.translate(eventID)
	if err != nil {
		return false, fmt.Errorf("razorpay webhook %s: %w: %w", eventID, ErrBadEvent, err)
	}
	if !ok {
		return false, nil
	}
	stripeShaped, err := json.Marshal(e)
	if err != nil {
		return false, fmt.Errorf("razorpay webhook %s: %w", eventID, err)
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		stored, err = s.receive(ctx, tx, ProviderRazorpay, e, stripeShaped)
		return err
	})
	return stored, err
}

// validRazorpaySignature compares signature with hex HMAC-SHA256(message,
// secret) in constant time.
func validRazorpaySignature(message, signature, secret string) bool {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(message))
	want := hex.EncodeToString(m.Sum(nil))
	return signature != "" && hmac.Equal([]byte(want), []byte(strings.ToLower(signature)))
}

// translate says the webhook in Stripe's words (ok false: nothing
// payments acts on). The order is the intent: its id is what a payment
// stores as ProviderID.
func (re razorpayEvent) translate(id string) (event, bool, error) {
	e := event{ID: id, Object: "event", Created: re.CreatedAt}
	var object any
	switch re.Event {
	case "payment.captured", "order.paid", "payment.failed":
		if re.Payload.Payment == nil {
			return e, false, fmt.Errorf("%s without a payment", re.Event)
		}
		pay := re.Payload.Payment.Entity
		o := eventObject{ID: pay.OrderID, Object: "payment_intent", Amount: pay.Amount,
			Currency: strings.ToLower(pay.Currency), Metadata: map[string]string{}}
		if re.Payload.Order != nil {
			o.ID = re.Payload.Order.Entity.ID
			o.Metadata["payment_id"] = re.Payload.Order.Entity.Notes["payment_id"]
		}
		if o.Metadata["payment_id"] == "" {
			o.Metadata["payment_id"] = pay.Notes["payment_id"]
		}
		if o.ID == "" {
			return e, false, nil // not an order's payment: none of ours
		}
		e.Type, o.Status = "payment_intent.succeeded", "succeeded"
		if re.Event == "payment.failed" {
			e.Type, o.Status = "payment_intent.payment_failed", "requires_payment_method"
			code, message := pay.failure()
			o.LastPaymentError = &struct {
				Code        string `json:"code"`
				DeclineCode string `json:"decline_code"`
				Message     string `json:"message"`
			}{Code: strings.ToLower(pay.ErrorCode), DeclineCode: code, Message: message}
		}
		object = o
	case "refund.processed", "refund.failed":
		if re.Payload.Refund == nil {
			return e, false, fmt.Errorf("%s without a refund", re.Event)
		}
		rf := re.Payload.Refund.Entity
		pr := rf.providerRefund()
		o := eventObject{ID: rf.ID, Object: "refund", Status: pr.Status, Amount: rf.Amount, FailureReason: pr.FailureReason,
			Metadata: map[string]string{"refund_id": rf.Notes["refund_id"]}}
		if re.Payload.Payment != nil {
			o.PaymentIntent = re.Payload.Payment.Entity.OrderID
		}
		e.Type, object = "refund.updated", o
	default:
		return e, false, nil
	}
	raw, err := json.Marshal(object)
	if err != nil {
		return e, false, err
	}
	e.Data.Object = raw
	return e, true, nil
}

// razorpayWebhook is POST /webhooks/razorpay (no session, no CSRF: the
// signature is the credential). It answers 200 for an event stored, a
// duplicate or one payments does not act on, and 400 for a forged or
// missing signature or a signed body that is not an event.
func (h *Handler) razorpayWebhook(c echo.Context) error {
	payload, err := io.ReadAll(io.LimitReader(c.Request().Body, maxWebhookBytes))
	if err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "unreadable body"})
	}
	r := c.Request()
	stored, err := h.svc.ReceiveRazorpay(r.Context(), payload, r.Header.Get("X-Razorpay-Signature"), r.Header.Get("X-Razorpay-Event-Id"))
	switch {
	case errors.Is(err, ErrBadSignature):
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "invalid signature"})
	case errors.Is(err, ErrBadEvent):
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "unreadable event"})
	case err != nil:
		return err
	}
	return c.JSON(http.StatusOK, map[string]bool{"received": true, "stored": stored})
}
