package payments

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
	"github.com/plutov/paypal/v4"

	"github.com/marqueehq/marquee/internal/platform/pg"
)

// paypalEvent is a PayPal webhook event: its resource is a capture, an
// order or a refund, depending on event_type.
type paypalEvent struct {
	ID         string          `json:"id"`
	EventType  string          `json:"event_type"`
	CreateTime time.Time       `json:"create_time"`
	Resource   json.RawMessage `json:"resource"`
}

// paypalResource is the part of a capture, order or refund resource we read.
type paypalResource struct {
	ID                string        `json:"id"`
	Status            string        `json:"status"`
	Amount            *paypal.Money `json:"amount"`
	CustomID          string        `json:"custom_id"`
	InvoiceID         string        `json:"invoice_id"`
	SupplementaryData struct {
		RelatedIDs struct {
			OrderID string `json:"order_id"`
		} `json:"related_ids"`
	} `json:"supplementary_data"`
	StatusDetails struct {
		Reason string `json:"reason"`
	} `json:"status_details"`
	PurchaseUnits []struct {
		CustomID string `json:"custom_id"`
	} `json:"purchase_units"`
}

// paypalHeaders are the transmission headers PayPal signs a delivery with.
var paypalHeaders = []string{"PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-TRANSMISSION-SIG",
	"PAYPAL-CERT-URL", "PAYPAL-AUTH-ALGO"}

// ReceivePayPal verifies a PayPal webhook by asking PayPal
// (verify-webhook-signature with our webhook id: a network call, made
// before any transaction), translates its event into Stripe's shape and
// stores it once by PayPal's event id with the job that applies it. An
// event payments has no use for is accepted and not stored (stored false,
// as for a duplicate). Errors: ErrBadSignature (not verified, or PayPal
// is not configured), ErrBadEvent, ErrProvider (PayPal could not say).
func (s *Service) ReceivePayPal(ctx context.Context, payload []byte, header http.Header) (stored bool, err error) {
	pp, ok := s.providers[ProviderPayPal].(*paypalProvider)
	if !ok {
		return false, fmt.Errorf("paypal webhooks are not configured: %w", ErrBadSignature)
	}
	for _, h := range paypalHeaders {
		if header.Get(h) == "" {
			return false, fmt.Errorf("webhook without %s: %w", h, ErrBadSignature)
		}
	}
	if err := pp.verify(ctx, payload, header); err != nil {
		return false, err
	}
	var pe paypalEvent
	if err := json.Unmarshal(payload, &pe); err != nil || pe.ID == "" || pe.EventType == "" {
		return false, fmt.Errorf("webhook is not an event: %w", ErrBadEvent)
	}
	e, ok, err := translatePayPal(pe)
	if err != nil {
		s.opts.Log.Warn("refused an unreadable paypal event", "event", pe.ID, "type", pe.EventType, "err", err)
		return false, fmt.Errorf("%w: %w", ErrBadEvent, err)
	}
	if !ok {
		return false, nil
	}
	stripeShaped, err := json.Marshal(struct {
		event
		PayPal json.RawMessage `json:"paypal_event"`
	}{e, payload})
	if err != nil {
		return false, fmt.Errorf("encode event %s: %w", pe.ID, err)
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		stored, err = s.receive(ctx, tx, ProviderPayPal, e, stripeShaped)
		return err
	})
	return stored, err
}

// verify asks PayPal whether the delivery is PayPal's, for our webhook.
// Errors: ErrBadSignature (FAILURE, or PayPal refused the question),
// ErrProvider.
func (pp *paypalProvider) verify(ctx context.Context, payload []byte, header http.Header) error {
	req := (&http.Request{Header: header, Body: io.NopCloser(bytes.NewReader(payload))}).WithContext(ctx)
	res, err := pp.api.VerifyWebhookSignature(ctx, req, pp.webhookID)
	if err != nil {
		err = paypalErr("verify webhook", err)
		if errors.Is(err, errRefused) {
			return fmt.Errorf("%w: %w", ErrBadSignature, err)
		}
		return err
	}
	if res.VerificationStatus != "SUCCESS" {
		return fmt.Errorf("verify webhook: PayPal says %q: %w", res.VerificationStatus, ErrBadSignature)
	}
	return nil
}

// translatePayPal says a PayPal event in Stripe's words: a capture's
// outcome as a payment_intent event about the order (our payment's
// ProviderID), a refund's as refund.updated. An approved order becomes
// payment_intent.processing: the payment waits for its capture, which
// the buyer's page makes at once, and reconciliation makes (lookup
// captures an approved order) when the page was closed. So nothing is
// captured inside a transaction, and no new job kind is needed. ok is
// false for events payments has no use for.
func translatePayPal(pe paypalEvent) (event, bool, error) {
	var r paypalResource
	if err := json.Unmarshal(pe.Resource, &r); err != nil {
		return event{}, false, fmt.Errorf("event %s: read resource: %w", pe.ID, err)
	}
	var obj map[string]any
	switch pe.EventType {
	case "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.PENDING", "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED":
		order := r.SupplementaryData.RelatedIDs.OrderID
		if order == "" || r.Amount == nil {
			return event{}, false, fmt.Errorf("event %s: capture %s without its order or amount", pe.ID, r.ID)
		}
		amount, ok := paypalMinor(r.Amount.Value, r.Amount.Currency)
		if !ok {
			return event{}, false, fmt.Errorf("event %s: amount %q", pe.ID, r.Amount.Value)
		}
		obj = map[string]any{"id": order, "object": "payment_intent", "amount": amount,
			"currency": strings.ToLower(r.Amount.Currency), "metadata": map[string]string{"payment_id": r.CustomID}}
		switch pe.EventType {
		case "PAYMENT.CAPTURE.COMPLETED":
			obj["status"] = "succeeded"
		case "PAYMENT.CAPTURE.PENDING":
			obj["status"] = "processing"
		default:
			code := "paypal_" + strings.ToLower(strings.TrimPrefix(pe.EventType, "PAYMENT.CAPTURE."))
			obj["status"] = "requires_payment_method"
			obj["last_payment_error"] = map[string]string{"code": code, "decline_code": code,
				"message": "PayPal " + strings.ToLower(r.Status) + " the capture. " + r.StatusDetails.Reason}
		}
	case "CHECKOUT.ORDER.APPROVED":
		custom := ""
		if len(r.PurchaseUnits) > 0 {
			custom = r.PurchaseUnits[0].CustomID
		}
		obj = map[string]any{"id": r.ID, "object": "payment_intent", "status": "processing",
			"metadata": map[string]string{"payment_id": custom}}
	case "PAYMENT.CAPTURE.REFUNDED", "PAYMENT.REFUND.PENDING", "PAYMENT.REFUND.FAILED", "PAYMENT.REFUND.COMPLETED":
		obj = map[string]any{"id": r.ID, "object": "refund", "status": paypalRefundStatus(r.Status),
			"failure_reason": r.StatusDetails.Reason, "metadata": map[string]string{}}
		if id, ok := strings.CutPrefix(r.InvoiceID, "refund-"); ok {
			obj["metadata"] = map[string]string{"refund_id": id}
		}
		if r.Amount != nil {
			obj["amount"], _ = paypalMinor(r.Amount.Value, r.Amount.Currency)
		}
	default:
		return event{}, false, nil
	}
	typ := map[string]string{"succeeded": "payment_intent.succeeded", "processing": "payment_intent.processing",
		"requires_payment_method": "payment_intent.payment_failed"}[fmt.Sprint(obj["status"])]
	if obj["object"] == "refund" {
		typ = "refund.updated"
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return event{}, false, fmt.Errorf("event %s: %w", pe.ID, err)
	}
	e := event{ID: pe.ID, Object: "event", Type: typ, Created: pe.CreateTime.Unix()}
	e.Data.Object = raw
	return e, true, nil
}

// paypalWebhook is POST /webhooks/paypal (no session, no CSRF): 200 for an
// event verified (stored, duplicate or of no use to us), 400 for one
// PayPal does not vouch for or that cannot be read, 5xx when PayPal could
// not be asked (PayPal delivers again).
func (h *Handler) paypalWebhook(c echo.Context) error {
	payload, err := io.ReadAll(io.LimitReader(c.Request().Body, maxWebhookBytes))
	if err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "unreadable body"})
	}
	stored, err := h.svc.ReceivePayPal(c.Request().Context(), payload, c.Request().Header)
	if errors.Is(err, ErrBadSignature) {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "invalid signature"})
	}
	if errors.Is(err, ErrBadEvent) {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "unreadable event"})
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]bool{"received": true, "duplicate": !stored})
}
