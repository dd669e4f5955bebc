package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// applyLockWait is the longest an event's application waits for a lock
// another transaction holds (another event of the same payment, the
// buyer cancelling): past it the job steps aside (ErrEventBusy) rather
// than park a pooled connection behind the lock.
const applyLockWait = "100ms"

// ApplyEvent applies a stored provider event in one transaction: the
// payment's state, the booking's confirmation (or failure, or refund)
// and the event's mark as applied commit together, or nothing does and
// the job retries. An event already applied is skipped unless replay.
// Errors: ErrEventBusy when another transaction holds what it needs.
func (s *Service) ApplyEvent(ctx context.Context, eventID int64, replay bool) error {
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := pg.SetLocal(ctx, tx, "lock_timeout", applyLockWait); err != nil {
			return err
		}
		row, err := s.q.EventGetForUpdate(ctx, tx, eventID)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("lock event: %w", err)
		}
		if row.AppliedAt != nil && !replay {
			return nil
		}
		var e event
		if err := json.Unmarshal(row.Payload, &e); err != nil {
			return fmt.Errorf("read event: %w", err)
		}
		result, err := s.applyEvent(ctx, tx, e)
		if err != nil {
			return err
		}
		if replay {
			result = "replayed: " + result
		}
		return s.q.EventApplied(ctx, tx, paymentsdb.EventAppliedParams{ID: eventID, Result: result})
	})
	if pg.IsLockTimeout(err) {
		return fmt.Errorf("apply event %d: %w", eventID, ErrEventBusy)
	}
	if err != nil {
		// The transaction is gone; say why on the event for the admin log.
		if ferr := s.q.EventFailed(context.WithoutCancel(ctx), s.pool, paymentsdb.EventFailedParams{ID: eventID,
			LastError: err.Error()}); ferr != nil {
			s.opts.Log.Error("record event failure", "event", eventID, "err", ferr)
		}
		return fmt.Errorf("apply event %d: %w", eventID, err)
	}
	return nil
}

// applyEvent applies e inside tx and says what it did, for the log.
func (s *Service) applyEvent(ctx context.Context, tx pgx.Tx, e event) (string, error) {
	o, err := e.object()
	if err != nil {
		return "", err
	}
	switch {
	case strings.HasPrefix(e.Type, "payment_intent."):
		p, err := s.paymentForIntent(ctx, tx, o)
		if errors.Is(err, ErrNotFound) {
			return "no payment for intent " + o.ID, nil
		}
		if err != nil {
			return "", err
		}
		in := intent{ID: o.ID, Status: o.Status, Amount: o.Amount, Currency: o.Currency}
		if le := o.LastPaymentError; le != nil {
			in.Code, in.Message = le.DeclineCode, le.Message
			if in.Code == "" {
				in.Code = le.Code
			}
		}
		t, ok := in.transition(e.ID)
		if !ok {
			return "nothing to do for " + e.Type, nil
		}
		return s.applyTransition(ctx, tx, p.ID, t)
	case e.Type == "refund.created" || e.Type == "refund.updated" || e.Type == "charge.refund.updated":
		return s.applyRefundObject(ctx, tx, o, e.ID)
	}
	return "ignored " + e.Type, nil
}

// paymentForIntent finds the payment an intent belongs to: by the id in
// its metadata, else by the intent's id. Errors: ErrNotFound.
func (s *Service) paymentForIntent(ctx context.Context, tx pgx.Tx, o eventObject) (Payment, error) {
	if id, err := strconv.ParseInt(o.Metadata["payment_id"], 10, 64); err == nil {
		row, err := s.q.PaymentGet(ctx, tx, id)
		if err == nil && (row.ProviderID == nil || *row.ProviderID == o.ID) {
			return paymentFromRow(row), nil
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return Payment{}, fmt.Errorf("get payment %d: %w", id, err)
		}
	}
	row, err := s.q.PaymentByProviderID(ctx, tx, &o.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Payment{}, fmt.Errorf("intent %s: %w", o.ID, ErrNotFound)
	}
	if err != nil {
		return Payment{}, fmt.Errorf("payment of intent %s: %w", o.ID, err)
	}
	return paymentFromRow(row), nil
}

// lockBookingPayments locks all payments of the booking that paymentID
// belongs to and returns them with the one asked for.
func (s *Service) lockBookingPayments(ctx context.Context, tx pgx.Tx, paymentID int64) (Payment, []Payment, error) {
	bookingID, err := s.q.PaymentBookingOf(ctx, tx, paymentID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Payment{}, nil, fmt.Errorf("payment %d: %w", paymentID, ErrNotFound)
	}
	if err != nil {
		return Payment{}, nil, fmt.Errorf("booking of payment %d: %w", paymentID, err)
	}
	rows, err := s.q.PaymentLockForBooking(ctx, tx, bookingID)
	if err != nil {
		return Payment{}, nil, fmt.Errorf("lock payments of booking %d: %w", bookingID, err)
	}
	all := make([]Payment, len(rows))
	var p Payment
	for i, r := range rows {
		all[i] = paymentFromRow(r)
		if r.ID == paymentID {
			p = all[i]
		}
	}
	return p, all, nil
}

// applyTransition moves a payment forward and does what its new state
// means for the booking, inside tx. A success for another amount or
// currency than the payment's is held for staff instead (holdMismatch).
func (s *Service) applyTransition(ctx context.Context, tx pgx.Tx, paymentID int64, t transition) (string, error) {
	p, all, err := s.lockBookingPayments(ctx, tx, paymentID)
	if err != nil {
		return "", err
	}
	if t.to == Succeeded && !p.State.Paid() && !t.matches(p) {
		return s.holdMismatch(ctx, tx, p, t)
	}
	moved, err := s.advance(ctx, tx, p, t)
	if err != nil || !moved {
		return fmt.Sprintf("payment %d stays %s", p.ID, p.State), err
	}
	if outcome := t.outcome(); outcome != "" {
		pg.AfterCommit(ctx, func() { s.opts.Events.Payment(outcome) })
	}
	switch t.to {
	case Succeeded:
		return s.succeeded(ctx, tx, p, all)
	case Failed:
		return s.failed(ctx, tx, p, all, t)
	}
	return fmt.Sprintf("payment %d %s", p.ID, t.to), nil
}

// succeeded confirms the booking of a payment that took money. A second
// payment for a booking already paid, or one whose seats are gone, is
// refunded in full at once.
func (s *Service) succeeded(ctx context.Context, tx pgx.Tx, p Payment, all []Payment) (string, error) {
	for _, o := range all {
		if o.ID != p.ID && (o.State == Succeeded || o.State == PartiallyRefunded) {
			note := "This booking was already paid, so this second payment is being refunded in full."
			if err := s.autoRefund(ctx, tx, p, "duplicate", note); err != nil {
				return "", err
			}
			return fmt.Sprintf("payment %d duplicates payment %d: refunding", p.ID, o.ID), nil
		}
	}
	gift, err := s.takeGiftCards(ctx, tx, p, len(all))
	if err != nil {
		return "", err
	}
	confirmed, err := s.subject(p.BookingID).PaymentSucceeded(ctx, tx, p.BookingID)
	if err != nil {
		return "", fmt.Errorf("confirm booking %d: %w", p.BookingID, err)
	}
	if !confirmed {
		note := "Your payment arrived after your seats' hold ran out, and the seats are no longer available, " +
			"so we couldn't book them. We're refunding the full amount to your card."
		for _, paid := range []Payment{p, gift} {
			if paid.ID == 0 {
				continue
			}
			if err := s.autoRefund(ctx, tx, paid, "seats-gone", note); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("payment %d succeeded but the seats are gone: refunding", p.ID), nil
	}
	for _, paid := range []Payment{p, gift} {
		if paid.ID == 0 {
			continue
		}
		if err := s.enqueueReceipt(ctx, tx, paid.ID); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("payment %d succeeded: booking %d confirmed", p.ID, p.BookingID), nil
}

// takeGiftCards captures the gift cards held for p's booking now that p
// paid the rest, and records their share as a gift card payment beside p
// (none: a zero Payment). p being that payment itself (gift cards paid
// for all of it), only the capture is left.
func (s *Service) takeGiftCards(ctx context.Context, tx pgx.Tx, p Payment, attempts int) (Payment, error) {
	held, err := s.giftCardsHeld(ctx, tx, p.BookingID)
	if err != nil || held == 0 {
		return Payment{}, err
	}
	if err := s.captureGiftCards(ctx, tx, p.BookingID); err != nil {
		return Payment{}, err
	}
	if p.Provider == ProviderGiftCard {
		return Payment{}, nil
	}
	r := PaymentRequest{BookingID: p.BookingID, Code: p.BookingCode, UserID: p.UserID, Currency: p.Currency,
		Description: p.Description, ReturnPath: p.ReturnPath, HoldExpiresAt: p.HoldExpiresAt}
	return s.payWithGiftCards(ctx, tx, r, attempts+1, held, "with payment "+strconv.FormatInt(p.ID, 10))
}

// autoRefund refunds all of a payment the booking cannot keep, and tells
// the buyer why on the pay page.
func (s *Service) autoRefund(ctx context.Context, tx pgx.Tx, p Payment, why, note string) error {
	if _, err := s.refunds.request(ctx, tx, p, p.Amount, why+":"+strconv.FormatInt(p.ID, 10), note, "system"); err != nil {
		return err
	}
	if err := s.q.PaymentSetNote(ctx, tx, paymentsdb.PaymentSetNoteParams{ID: p.ID, OutcomeNote: note}); err != nil {
		return fmt.Errorf("note outcome of payment %d: %w", p.ID, err)
	}
	return nil
}

// failed tells the booking about a failed attempt. Only the latest
// attempt counts (an older intent failing late changes nothing), and not
// once the booking is paid. A hold that ran out with no card tried is not
// a payment failure for the buyer: the seats were simply released.
func (s *Service) failed(ctx context.Context, tx pgx.Tx, p Payment, all []Payment, t transition) (string, error) {
	for _, o := range all {
		if o.Attempt > p.Attempt {
			return fmt.Sprintf("payment %d failed (a later attempt exists)", p.ID), nil
		}
		if o.State.Paid() {
			return fmt.Sprintf("payment %d failed (the booking is paid)", p.ID), nil
		}
	}
	if t.code == "superseded" {
		return fmt.Sprintf("payment %d closed: %s", p.ID, t.code), nil
	}
	final := tries(all) >= s.opts.MaxAttempts || !s.opts.Now().Before(p.HoldExpiresAt)
	if final || t.code == "expired" {
		// The booking will not be paid: its gift cards get their money back.
		if err := s.releaseGiftCards(ctx, tx, p.BookingID, "the booking was not paid"); err != nil {
			return "", err
		}
	}
	if t.code == "expired" {
		return fmt.Sprintf("payment %d closed: %s", p.ID, t.code), nil
	}
	if err := s.subject(p.BookingID).PaymentFailed(ctx, tx, p.BookingID, t.message, final); err != nil {
		return "", fmt.Errorf("tell booking %d of the failure: %w", p.BookingID, err)
	}
	if final {
		return fmt.Sprintf("payment %d failed (%s), the last attempt", p.ID, t.code), nil
	}
	return fmt.Sprintf("payment %d failed (%s)", p.ID, t.code), nil
}
