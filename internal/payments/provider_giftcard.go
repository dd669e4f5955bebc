package payments

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// ProviderGiftCard is the provider of a booking's gift cards' share: its
// payment is made in the booking's transaction (the cards' money was held
// when the buyer applied them), and its refunds go back to the cards.
const ProviderGiftCard = "giftcard"

// giftCardProvider serves gift card payments. It never goes on the network:
// its refunds credit the cards and report back through the event store,
// like the test provider's.
type giftCardProvider struct {
	svc *Service
}

func (gp *giftCardProvider) create(_ context.Context, p Payment) (intent, error) {
	return intent{ID: giftCardIntentID(p), Status: "succeeded", Amount: p.Amount, Currency: p.Currency}, nil
}

func (gp *giftCardProvider) lookup(_ context.Context, p Payment) (intent, error) {
	return intent{ID: p.ProviderID, Status: "succeeded", Amount: p.Amount, Currency: strings.ToLower(p.Currency)}, nil
}

func (gp *giftCardProvider) cancel(context.Context, Payment) error { return nil }

// refund gives r's amount back to the booking's cards (newest first) and
// says so with a refund.updated event, in one transaction; retried, the
// refund's key makes it a no-op.
func (gp *giftCardProvider) refund(ctx context.Context, r Refund, p Payment) (providerRefund, error) {
	pr := providerRefund{ID: "re_gc_" + strconv.FormatInt(r.ID, 10), Status: "succeeded"}
	err := pg.InTx(ctx, gp.svc.pool, func(ctx context.Context, tx pgx.Tx) error {
		back, err := gp.svc.refundToGiftCards(ctx, tx, p.BookingID, r.Amount, "refund:"+r.Key)
		if err != nil {
			return err
		}
		if back < r.Amount {
			// A void card keeps nothing; what it cannot take is noted.
			gp.svc.opts.Log.Warn("gift card refund fell short", "refund", r.ID, "asked", r.Amount, "returned", back)
		}
		obj := map[string]any{"id": pr.ID, "object": "refund", "status": pr.Status, "amount": r.Amount,
			"currency": strings.ToLower(p.Currency), "payment_intent": p.ProviderID,
			"metadata": map[string]string{"refund_id": strconv.FormatInt(r.ID, 10), "payment_id": strconv.FormatInt(p.ID, 10)}}
		return gp.svc.emitAs(ctx, tx, ProviderGiftCard, "evt_gc_"+pr.ID, "refund.updated", obj)
	})
	return pr, err
}

func (gp *giftCardProvider) refundStatus(_ context.Context, r Refund) (providerRefund, error) {
	return providerRefund{ID: r.ProviderID, Status: "succeeded"}, nil
}

func giftCardIntentID(p Payment) string { return "gc_" + strconv.FormatInt(p.ID, 10) }

// payWithGiftCards records, in tx, a gift card payment of amount for the
// booking (its cards' share, already held) and moves it to succeeded.
// attempt numbers it after the booking's other payments.
func (s *Service) payWithGiftCards(ctx context.Context, tx pgx.Tx, r PaymentRequest, attempt int, amount int64, source string) (Payment, error) {
	var user *int64
	if r.UserID != 0 {
		user = &r.UserID
	}
	row, err := s.q.PaymentInsert(ctx, tx, paymentsdb.PaymentInsertParams{BookingID: r.BookingID, UserID: user,
		Attempt: int32(attempt), Provider: ProviderGiftCard, IdempotencyKey: fmt.Sprintf("booking-%d-giftcards-%d", r.BookingID, attempt),
		AmountMinor: amount, Currency: r.Currency, Description: r.Description, BookingCode: r.Code,
		ReturnPath: r.ReturnPath, HoldExpiresAt: r.HoldExpiresAt})
	if err != nil {
		return Payment{}, fmt.Errorf("record gift card payment: %w", err)
	}
	p := paymentFromRow(row)
	p.ProviderID = giftCardIntentID(p)
	if err := s.q.PaymentSetIntent(ctx, tx, paymentsdb.PaymentSetIntentParams{ID: p.ID, ProviderID: &p.ProviderID}); err != nil {
		return Payment{}, fmt.Errorf("store gift card payment %d: %w", p.ID, err)
	}
	if err := s.q.HistoryInsert(ctx, tx, paymentsdb.HistoryInsertParams{PaymentID: p.ID, ToState: string(RequiresPayment),
		Source: source, Note: "gift cards"}); err != nil {
		return Payment{}, fmt.Errorf("record gift card payment %d: %w", p.ID, err)
	}
	if _, err := s.advance(ctx, tx, p, transition{to: Succeeded, source: source, amount: amount, currency: r.Currency}); err != nil {
		return Payment{}, err
	}
	p.State = Succeeded
	return p, nil
}
