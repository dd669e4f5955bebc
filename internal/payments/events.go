package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// event is a provider event in Stripe's shape; the test provider writes
// its outcomes in the same shape, so one path applies both.
type event struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Type    string `json:"type"`
	Created int64  `json:"created"`
	Data    struct {
		Object json.RawMessage `json:"object"`
	} `json:"data"`
}

// eventObject is the part of an event's object payments reads: a
// PaymentIntent or a Refund.
type eventObject struct {
	ID               string            `json:"id"`
	Object           string            `json:"object"`
	Status           string            `json:"status"`
	Amount           int64             `json:"amount"`
	Currency         string            `json:"currency"`
	PaymentIntent    string            `json:"payment_intent"`
	FailureReason    string            `json:"failure_reason"`
	Metadata         map[string]string `json:"metadata"`
	LastPaymentError *struct {
		Code        string `json:"code"`
		DeclineCode string `json:"decline_code"`
		Message     string `json:"message"`
	} `json:"last_payment_error"`
}

func (e event) object() (eventObject, error) {
	var o eventObject
	if err := json.Unmarshal(e.Data.Object, &o); err != nil {
		return o, fmt.Errorf("event %s: read object: %w", e.ID, err)
	}
	return o, nil
}

// Event is a stored provider event, for the admin log.
type Event struct {
	ID         int64
	Provider   string
	EventID    string
	Type       string
	ObjectID   string
	Payload    json.RawMessage
	ReceivedAt time.Time
	AppliedAt  *time.Time
	Attempts   int
	Result     string
	LastError  string
}

func eventFromRow(r paymentsdb.PaymentsEvent) Event {
	return Event{ID: r.ID, Provider: r.Provider, EventID: r.EventID, Type: r.Type, ObjectID: r.ObjectID, Payload: r.Payload,
		ReceivedAt: r.ReceivedAt, AppliedAt: r.AppliedAt, Attempts: int(r.Attempts), Result: r.Result, LastError: r.LastError}
}

// ReceiveStripe verifies a Stripe webhook's signature (a signature dated
// more than the library's tolerance before or after now is refused like a
// forged one) and stores the event once by its id, with the job that
// applies it. A duplicate delivery is accepted and changes nothing (stored
// is false). An event whose object cannot be read is not stored (it is
// logged). Errors: ErrBadSignature, ErrBadEvent.
func (s *Service) ReceiveStripe(ctx context.Context, payload []byte, signature string) (stored bool, err error) {
	if s.opts.StripeWebhookSecret == "" {
		return false, fmt.Errorf("stripe webhooks are not configured: %w", ErrBadSignature)
	}
	if _, err := webhook.ConstructEventWithOptions(payload, signature, s.opts.StripeWebhookSecret,
		webhook.ConstructEventOptions{IgnoreAPIVersionMismatch: true}); err != nil {
		return false, fmt.Errorf("verify webhook: %v: %w", err, ErrBadSignature)
	}
	if err := notFromTheFuture(signature, time.Now()); err != nil {
		return false, err
	}
	var e event
	if err := json.Unmarshal(payload, &e); err != nil || e.ID == "" || e.Type == "" {
		return false, fmt.Errorf("webhook is not an event: %w", ErrBadSignature)
	}
	if _, err := e.object(); err != nil {
		s.opts.Log.Warn("refused an unreadable webhook event", "event", e.ID, "type", e.Type, "err", err)
		return false, fmt.Errorf("%w: %w", ErrBadEvent, err)
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		stored, err = s.receive(ctx, tx, ProviderStripe, e, payload)
		return err
	})
	return stored, err
}

// notFromTheFuture refuses a signature dated beyond the tolerance after
// now: the library only refuses old ones, and a signature from the future
// would outlive the replay window. Signing time is the real clock's, as
// the library's own check is, not the services' (tests move that).
// Errors: ErrBadSignature.
func notFromTheFuture(signature string, now time.Time) error {
	for _, part := range strings.Split(signature, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if k != "t" {
			continue
		}
		t, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("webhook signature time %q: %w", v, ErrBadSignature)
		}
		if time.Unix(t, 0).After(now.Add(webhook.DefaultTolerance)) {
			return fmt.Errorf("webhook signed at %s, in the future: %w", time.Unix(t, 0).UTC(), ErrBadSignature)
		}
	}
	return nil
}

// receive stores a provider event once and enqueues its application,
// inside tx. It reports false for an event already stored.
func (s *Service) receive(ctx context.Context, tx pgx.Tx, provider string, e event, payload []byte) (bool, error) {
	o, err := e.object()
	if err != nil {
		return false, err
	}
	id, err := s.q.EventInsert(ctx, tx, paymentsdb.EventInsertParams{Provider: provider, EventID: e.ID, Type: e.Type,
		ObjectID: o.ID, Payload: payload})
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store event %s: %w", e.ID, err)
	}
	if err := s.jobs.ApplyEvent(ctx, tx, id); err != nil {
		return false, err
	}
	return true, nil
}

// Events lists stored provider events, newest first (objectID, when set,
// keeps those about one intent or refund).
func (s *Service) Events(ctx context.Context, objectID string, limit, offset int) ([]Event, error) {
	rows, err := s.q.EventList(ctx, s.pool, paymentsdb.EventListParams{ObjectID: objectID, Lim: int32(limit), Off: int32(offset)})
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = eventFromRow(r)
	}
	return out, nil
}

// Replay applies a stored event again (staff, after fixing what made it
// fail). The state machine makes that safe: a payment never moves back
// and never confirms or refunds twice. Errors: ErrNotFound.
func (s *Service) Replay(ctx context.Context, eventID int64) error {
	if _, err := s.q.EventGet(ctx, s.pool, eventID); errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("event %d: %w", eventID, ErrNotFound)
	} else if err != nil {
		return fmt.Errorf("get event %d: %w", eventID, err)
	}
	return s.ApplyEvent(ctx, eventID, true)
}
