package payments

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// testProvider is the built-in provider: it keeps its own books in
// payments.test_intents and reports every outcome as a Stripe-shaped
// event through the same store-and-apply path as a Stripe webhook.
type testProvider struct {
	svc *Service
}

// testIntentID derives the intent's id from the payment's idempotency
// key, so creating twice makes one intent, as Stripe does.
func testIntentID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "pi_test_" + hex.EncodeToString(sum[:12])
}

func (tp *testProvider) create(ctx context.Context, p Payment) (intent, error) {
	id := testIntentID(p.key)
	if err := tp.svc.q.TestIntentInsert(ctx, tp.svc.pool, paymentsdb.TestIntentInsertParams{ID: id, AmountMinor: p.Amount,
		Currency: p.Currency, PaymentID: p.ID}); err != nil {
		return intent{}, fmt.Errorf("create test intent: %w", err)
	}
	return intent{ID: id, Status: "requires_payment_method"}, nil
}

func (tp *testProvider) lookup(ctx context.Context, p Payment) (intent, error) {
	if p.ProviderID == "" {
		return intent{Status: "requires_payment_method"}, nil
	}
	row, err := tp.svc.q.TestIntentGet(ctx, tp.svc.pool, p.ProviderID)
	if errors.Is(err, pgx.ErrNoRows) {
		return intent{Status: "requires_payment_method"}, nil
	}
	if err != nil {
		return intent{}, fmt.Errorf("get test intent %s: %w", p.ProviderID, err)
	}
	return intent{ID: row.ID, Status: row.Status, Code: row.DeclineCode, Amount: row.AmountMinor, Currency: row.Currency}, nil
}

func (tp *testProvider) cancel(ctx context.Context, p Payment) error {
	in, err := tp.lookup(ctx, p)
	if err != nil || p.ProviderID == "" || (in.Status != "requires_payment_method" && in.Status != "requires_action") {
		return err
	}
	return tp.svc.q.TestIntentSetStatus(ctx, tp.svc.pool, paymentsdb.TestIntentSetStatusParams{ID: p.ProviderID, Status: "canceled"})
}

// refund always succeeds, and says so with a refund.updated event.
func (tp *testProvider) refund(ctx context.Context, r Refund, p Payment) (providerRefund, error) {
	pr := providerRefund{ID: "re_test_" + strconv.FormatInt(r.ID, 10), Status: "succeeded"}
	obj := map[string]any{"id": pr.ID, "object": "refund", "status": pr.Status, "amount": r.Amount,
		"currency": strings.ToLower(p.Currency), "payment_intent": p.ProviderID,
		"metadata": map[string]string{"refund_id": strconv.FormatInt(r.ID, 10), "payment_id": strconv.FormatInt(p.ID, 10)}}
	err := pg.InTx(ctx, tp.svc.pool, func(ctx context.Context, tx pgx.Tx) error {
		return tp.svc.emit(ctx, tx, "evt_test_"+pr.ID, "refund.updated", obj)
	})
	return pr, err
}

func (tp *testProvider) refundStatus(_ context.Context, r Refund) (providerRefund, error) {
	return providerRefund{ID: r.ProviderID, Status: "succeeded"}, nil
}

// emit sends a test provider event through the webhook path: stored once
// by id and applied by a job.
func (s *Service) emit(ctx context.Context, tx pgx.Tx, id, typ string, object map[string]any) error {
	return s.emitAs(ctx, tx, ProviderTest, id, typ, object)
}

// emitAs is emit for a provider that keeps its own books (the test
// provider, gift cards).
func (s *Service) emitAs(ctx context.Context, tx pgx.Tx, provider, id, typ string, object map[string]any) error {
	data, err := json.Marshal(object)
	if err != nil {
		return fmt.Errorf("encode event object: %w", err)
	}
	e := event{ID: id, Object: "event", Type: typ, Created: s.opts.Now().Unix()}
	e.Data.Object = data
	payload, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	_, err = s.receive(ctx, tx, provider, e, payload)
	return err
}

// emitIntent reports the outcome of a test intent: its books change and
// the event goes out, in tx.
func (s *Service) emitIntent(ctx context.Context, tx pgx.Tx, p Payment, status, code, message string) error {
	if err := s.q.TestIntentSetStatus(ctx, tx, paymentsdb.TestIntentSetStatusParams{ID: p.ProviderID, Status: status,
		DeclineCode: code}); err != nil {
		return fmt.Errorf("update test intent: %w", err)
	}
	typ := "payment_intent." + status
	obj := map[string]any{"id": p.ProviderID, "object": "payment_intent", "status": status, "amount": p.Amount,
		"currency": strings.ToLower(p.Currency),
		"metadata": map[string]string{"payment_id": strconv.FormatInt(p.ID, 10), "booking_id": strconv.FormatInt(p.BookingID, 10)}}
	if code != "" {
		typ = "payment_intent.payment_failed"
		errCode := "card_declined"
		if code == "payment_intent_authentication_failure" {
			errCode, code = code, ""
		}
		obj["last_payment_error"] = map[string]string{"code": errCode, "decline_code": code, "message": message}
	}
	var nonce [8]byte
	_, _ = rand.Read(nonce[:])
	return s.emit(ctx, tx, "evt_test_"+hex.EncodeToString(nonce[:]), typ, obj)
}
