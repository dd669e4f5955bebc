package payments

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Refunds records refunds inside the caller's transaction and enqueues the
// job that sends each to the provider. It needs only the job queue, so the
// booking service gets one at construction, before the payments Service
// (which reports outcomes to booking) exists; the Service records its own
// refunds through it too.
type Refunds struct {
	q    *paymentsdb.Queries
	jobs Jobs
}

// NewRefunds returns the refund desk; jobs enqueues the sending job.
func NewRefunds(jobs Jobs) *Refunds { return &Refunds{q: paymentsdb.New(), jobs: jobs} }

// Refund asks, inside the caller's transaction (a cancellation), for
// r.Amount of the booking's payments back; a job calls the provider once
// the transaction commits. Gift cards' share goes back to the cards
// first, the rest to the other payment. Asking again with the same Key
// changes nothing. A booking that took no money (a free booking) needs
// nothing. An amount beyond what is left to refund is capped to it. What
// the booking's own payments cannot cover comes from those of r.AlsoFrom,
// each under r.Key + ":" + its booking id.
func (s *Refunds) Refund(ctx context.Context, tx pgx.Tx, r RefundRequest) error {
	left := r.Amount
	for i, id := range append([]int64{r.BookingID}, r.AlsoFrom...) {
		if left <= 0 {
			break
		}
		key := r.Key
		if i > 0 {
			key += ":" + strconv.FormatInt(id, 10)
		}
		var err error
		if left, err = s.refundFrom(ctx, tx, id, left, key, r.Reason); err != nil {
			return err
		}
	}
	return nil
}

// refundFrom asks for up to amount of booking id's payments back under
// key and returns what they could not cover.
func (s *Refunds) refundFrom(ctx context.Context, tx pgx.Tx, id, amount int64, key, reason string) (int64, error) {
	rows, err := s.q.PaymentListForBooking(ctx, tx, id)
	if err != nil {
		return amount, fmt.Errorf("payments of booking %d: %w", id, err)
	}
	var paid []Payment
	for _, row := range rows {
		if p := paymentFromRow(row); p.State == Succeeded || p.State == PartiallyRefunded {
			paid = append(paid, p)
		}
	}
	slices.SortStableFunc(paid, func(a, b Payment) int {
		return cmp.Compare(b2i(a.Provider != ProviderGiftCard), b2i(b.Provider != ProviderGiftCard))
	})
	left := amount
	for _, p := range paid {
		if left <= 0 {
			break
		}
		outstanding, err := s.q.RefundOutstanding(ctx, tx, p.ID)
		if err != nil {
			return left, fmt.Errorf("refunds of payment %d: %w", p.ID, err)
		}
		part := min(left, p.Amount-outstanding)
		if part <= 0 {
			continue
		}
		k := key
		if p.Provider == ProviderGiftCard && len(paid) > 1 {
			k += ":giftcards"
		}
		if _, err := s.request(ctx, tx, p, part, k, reason, "booking"); err != nil {
			return left, err
		}
		left -= part
	}
	return left, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// request records a refund of amount on p under key and enqueues the job
// that sends it; a key seen before returns the refund it made.
// Errors: ErrNotRefundable (more than what is left).
func (s *Refunds) request(ctx context.Context, tx pgx.Tx, p Payment, amount int64, key, reason, by string) (Refund, error) {
	row, err := s.q.RefundInsert(ctx, tx, paymentsdb.RefundInsertParams{PaymentID: p.ID, Key: key, AmountMinor: amount,
		Reason: reason, RequestedBy: by})
	if errors.Is(err, pgx.ErrNoRows) {
		return Refund{Key: key, PaymentID: p.ID}, nil
	}
	if err != nil {
		return Refund{}, fmt.Errorf("record refund %s: %w", key, err)
	}
	outstanding, err := s.q.RefundOutstanding(ctx, tx, p.ID)
	if err != nil {
		return Refund{}, fmt.Errorf("refunds of payment %d: %w", p.ID, err)
	}
	if outstanding > p.Amount {
		return Refund{}, fmt.Errorf("refund %s of payment %d: %w", key, p.ID, ErrNotRefundable)
	}
	if err := s.jobs.SendRefund(ctx, tx, row.ID); err != nil {
		return Refund{}, err
	}
	return refundFromRow(row), nil
}

// AdminRefund refunds amount (minor units) of a payment for staff. nonce
// comes from the form, so a double submission refunds once.
// Errors: ErrNotFound, ErrNotRefundable, ErrInvalid (amount out of range).
func (s *Service) AdminRefund(ctx context.Context, paymentID, amount int64, reason, nonce, by string) (Refund, error) {
	var out Refund
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		p, _, err := s.lockBookingPayments(ctx, tx, paymentID)
		if err != nil {
			return err
		}
		if p.State != Succeeded && p.State != PartiallyRefunded {
			return ErrNotRefundable
		}
		outstanding, err := s.q.RefundOutstanding(ctx, tx, p.ID)
		if err != nil {
			return fmt.Errorf("refunds of payment: %w", err)
		}
		left := p.Amount - outstanding
		if left <= 0 {
			return ErrNotRefundable
		}
		if amount <= 0 || amount > left {
			return validate.Errors{"amount": "Enter an amount from " + money.Format(1, p.Currency) + " to " +
				money.Format(left, p.Currency) + "."}
		}
		if reason == "" {
			reason = "Refunded by the cinema"
		}
		out, err = s.refunds.request(ctx, tx, p, amount, "admin:"+strconv.FormatInt(p.ID, 10)+":"+nonce, reason, by)
		return err
	})
	if err != nil {
		return Refund{}, fmt.Errorf("refund payment %d: %w", paymentID, err)
	}
	return out, nil
}

// sendRefund calls the provider for a recorded refund, outside any
// transaction, and stores the provider's id for it. Its outcome arrives
// as an event (a webhook) or through reconciliation. A refund the
// provider refuses outright is marked failed and not retried.
func (s *Service) sendRefund(ctx context.Context, refundID int64) error {
	row, err := s.q.RefundGet(ctx, s.pool, refundID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("get refund %d: %w", refundID, err)
	}
	r := refundFromRow(row)
	if r.State != "pending" || r.ProviderID != "" {
		return nil
	}
	prow, err := s.q.PaymentGet(ctx, s.pool, r.PaymentID)
	if err != nil {
		return fmt.Errorf("payment of refund %d: %w", refundID, err)
	}
	p := paymentFromRow(prow)
	provider, err := s.providerOf(p)
	if err != nil {
		return fmt.Errorf("send refund %d: %w", refundID, err)
	}
	pr, err := provider.refund(ctx, r, p)
	if errors.Is(err, errRefused) {
		s.opts.Log.Warn("refund refused by the provider", "refund", refundID, "err", err)
		return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error { return s.refundFailed(ctx, tx, refundID, err.Error()) })
	}
	if err != nil {
		// Staff see why the refund is late while the job retries, also
		// when the call took the job's deadline with it.
		noteCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		note := "Not sent to the provider yet, retrying: " + err.Error()
		if nerr := s.q.RefundNoteRetry(noteCtx, s.pool, paymentsdb.RefundNoteRetryParams{ID: refundID, Error: note}); nerr != nil {
			err = errors.Join(err, fmt.Errorf("note the failure: %w", nerr))
		}
		return fmt.Errorf("send refund %d: %w", refundID, err)
	}
	if err := s.q.RefundSetProviderID(ctx, s.pool, paymentsdb.RefundSetProviderIDParams{ID: refundID, ProviderID: &pr.ID}); err != nil {
		return fmt.Errorf("store provider id of refund %d: %w", refundID, err)
	}
	return nil
}

// applyRefundObject applies what a refund event says. A refund made at the
// provider (its dashboard) is recorded too, so no money goes unaccounted.
func (s *Service) applyRefundObject(ctx context.Context, tx pgx.Tx, o eventObject, source string) (string, error) {
	row, err := s.q.RefundByProviderID(ctx, tx, &o.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		row, err = s.refundForObject(ctx, tx, o)
	}
	if errors.Is(err, ErrNotFound) {
		return "no payment for refund " + o.ID, nil
	}
	if err != nil {
		return "", fmt.Errorf("refund %s: %w", o.ID, err)
	}
	switch o.Status {
	case "succeeded":
		return s.refundSucceeded(ctx, tx, row.ID, source)
	case "failed", "canceled":
		return fmt.Sprintf("refund %d %s", row.ID, o.Status), s.refundFailed(ctx, tx, row.ID, "the provider says: "+o.Status+" "+o.FailureReason)
	}
	return fmt.Sprintf("refund %d %s", row.ID, o.Status), nil
}

// refundForObject finds our refund for a provider refund by the id in its
// metadata, or records one the provider made on its own.
// Errors: ErrNotFound (no payment of ours).
func (s *Service) refundForObject(ctx context.Context, tx pgx.Tx, o eventObject) (paymentsdb.PaymentsRefund, error) {
	if id, err := strconv.ParseInt(o.Metadata["refund_id"], 10, 64); err == nil {
		row, err := s.q.RefundGet(ctx, tx, id)
		if err == nil {
			if err := s.q.RefundSetProviderID(ctx, tx, paymentsdb.RefundSetProviderIDParams{ID: id, ProviderID: &o.ID}); err != nil {
				return row, fmt.Errorf("store provider id: %w", err)
			}
			return row, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return row, err
		}
	}
	p, err := s.paymentForIntent(ctx, tx, eventObject{ID: o.PaymentIntent, Metadata: o.Metadata})
	if err != nil {
		return paymentsdb.PaymentsRefund{}, err
	}
	row, err := s.q.RefundInsert(ctx, tx, paymentsdb.RefundInsertParams{PaymentID: p.ID, Key: "provider:" + o.ID,
		AmountMinor: o.Amount, Reason: "Refunded at the provider", RequestedBy: "provider", ProviderID: &o.ID})
	if errors.Is(err, pgx.ErrNoRows) {
		return s.q.RefundByProviderID(ctx, tx, &o.ID)
	}
	return row, err
}

// refundSucceeded settles a refund: the payment's refunded total and
// state move, and the booking hears of it, once.
func (s *Service) refundSucceeded(ctx context.Context, tx pgx.Tx, refundID int64, source string) (string, error) {
	row, err := s.q.RefundGet(ctx, tx, refundID)
	if err != nil {
		return "", fmt.Errorf("get refund %d: %w", refundID, err)
	}
	p, all, err := s.lockBookingPayments(ctx, tx, row.PaymentID)
	if err != nil {
		return "", err
	}
	if row, err = s.q.RefundGetForUpdate(ctx, tx, refundID); err != nil {
		return "", fmt.Errorf("lock refund %d: %w", refundID, err)
	}
	if row.State == "succeeded" {
		return fmt.Sprintf("refund %d already settled", refundID), nil
	}
	if err := s.q.RefundSetState(ctx, tx, paymentsdb.RefundSetStateParams{ID: refundID, State: "succeeded"}); err != nil {
		return "", fmt.Errorf("settle refund %d: %w", refundID, err)
	}
	pg.AfterCommit(ctx, func() { s.opts.Events.Refund(metrics.RefundSucceeded) })
	if err := s.enqueueCreditNote(ctx, tx, refundID); err != nil {
		return "", err
	}
	total, err := s.q.PaymentAddRefunded(ctx, tx, paymentsdb.PaymentAddRefundedParams{ID: p.ID, Amount: row.AmountMinor})
	if err != nil {
		return "", fmt.Errorf("add refund to payment %d: %w", p.ID, err)
	}
	full := total >= p.Amount
	to := PartiallyRefunded
	if full {
		to = Refunded
	}
	note := "refund of " + money.Format(row.AmountMinor, p.Currency) + " (" + row.Reason + ")"
	moved, err := s.advance(ctx, tx, p, transition{to: to, source: source, note: note})
	if err != nil {
		return "", err
	}
	if !moved {
		if err := s.q.HistoryInsert(ctx, tx, paymentsdb.HistoryInsertParams{PaymentID: p.ID, FromState: string(p.State),
			ToState: string(p.State), Source: source, Note: note}); err != nil {
			return "", fmt.Errorf("record refund on payment %d: %w", p.ID, err)
		}
	}
	// The booking is refunded in full once none of its payments (a gift
	// card share beside a card payment) keeps any money.
	for _, o := range all {
		if o.ID != p.ID && (o.State == Succeeded || o.State == PartiallyRefunded) {
			full = false
		}
	}
	if err := s.subject(p.BookingID).PaymentRefunded(ctx, tx, p.BookingID, row.AmountMinor, full); err != nil {
		return "", fmt.Errorf("tell booking %d of the refund: %w", p.BookingID, err)
	}
	return fmt.Sprintf("refund %d settled: payment %d %s", refundID, p.ID, to), nil
}

// refundFailed marks a refund failed (money not returned; staff see it).
func (s *Service) refundFailed(ctx context.Context, tx pgx.Tx, refundID int64, why string) error {
	row, err := s.q.RefundGetForUpdate(ctx, tx, refundID)
	if err != nil {
		return fmt.Errorf("lock refund %d: %w", refundID, err)
	}
	if row.State != "pending" {
		return nil
	}
	if err := s.q.RefundSetState(ctx, tx, paymentsdb.RefundSetStateParams{ID: refundID, State: "failed", Error: why}); err != nil {
		return fmt.Errorf("fail refund %d: %w", refundID, err)
	}
	pg.AfterCommit(ctx, func() { s.opts.Events.Refund(metrics.RefundFailed) })
	return nil
}
