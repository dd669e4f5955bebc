package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Reconciliation waits this long before asking about a payment that is
// processing or a refund that is pending: the webhook usually comes first.
const (
	processingGrace = 2 * time.Minute
	refundGrace     = 5 * time.Minute
)

// ReconcileReport says what a reconciliation run did.
type ReconcileReport struct {
	// Payments and Refunds were asked about; Errors could not be.
	Payments, Refunds, Errors int
}

// Reconcile asks the provider about payments stuck in processing or still
// waiting for a card when their hold ran out, and about refunds still
// pending, and applies what it learns through the same state machine as
// the webhooks. An unpaid payment whose hold ran out is cancelled at the
// provider. One payment's error does not stop the others.
func (s *Service) Reconcile(ctx context.Context) (ReconcileReport, error) {
	var rep ReconcileReport
	now := s.opts.Now()
	rows, err := s.q.PaymentStuck(ctx, s.pool, paymentsdb.PaymentStuckParams{ProcessingBefore: now.Add(-processingGrace),
		HoldBefore: now})
	if err != nil {
		return rep, fmt.Errorf("find stuck payments: %w", err)
	}
	for _, row := range rows {
		rep.Payments++
		if err := s.reconcilePayment(ctx, paymentFromRow(row), "reconciliation"); err != nil {
			rep.Errors++
			s.opts.Log.Error("reconcile payment", "payment", row.ID, "err", err)
		}
	}
	refunds, err := s.q.RefundPendingStale(ctx, s.pool, now.Add(-refundGrace))
	if err != nil {
		return rep, fmt.Errorf("find pending refunds: %w", err)
	}
	for _, row := range refunds {
		rep.Refunds++
		if err := s.reconcileRefund(ctx, refundFromRow(row)); err != nil {
			rep.Errors++
			s.opts.Log.Error("reconcile refund", "refund", row.ID, "err", err)
		}
	}
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	return rep, nil
}

// reconcilePayment asks the provider about p (no lock held) and applies
// the answer in a transaction.
func (s *Service) reconcilePayment(ctx context.Context, p Payment, source string) error {
	pr, err := s.providerOf(p)
	if err != nil {
		return err
	}
	in, err := pr.lookup(ctx, p)
	if err != nil {
		return err
	}
	t, ok := in.transition(source)
	if !ok && p.State == RequiresPayment && !s.opts.Now().Before(p.HoldExpiresAt) {
		if err := pr.cancel(ctx, p); err != nil {
			return err
		}
		t, ok = transition{to: Failed, code: "expired", message: failureMessage("expired"), source: source}, true
	}
	if !ok {
		return nil
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		_, err := s.applyTransition(ctx, tx, p.ID, t)
		return err
	})
}

// reconcileRefund sends a refund whose job gave up, or asks what became
// of one sent.
func (s *Service) reconcileRefund(ctx context.Context, r Refund) error {
	if r.ProviderID == "" {
		return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error { return s.jobs.SendRefund(ctx, tx, r.ID) })
	}
	prow, err := s.q.PaymentGet(ctx, s.pool, r.PaymentID)
	if err != nil {
		return fmt.Errorf("payment of refund %d: %w", r.ID, err)
	}
	provider, err := s.providerOf(paymentFromRow(prow))
	if err != nil {
		return err
	}
	pr, err := provider.refundStatus(ctx, r)
	if err != nil {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		switch pr.Status {
		case "succeeded":
			_, err := s.refundSucceeded(ctx, tx, r.ID, "reconciliation")
			return err
		case "failed", "canceled":
			return s.refundFailed(ctx, tx, r.ID, "the provider says: "+pr.Status+" "+pr.FailureReason)
		}
		return nil
	})
}

// Disagreement is a booking whose payment and booking states disagree.
type Disagreement struct {
	BookingID    int64
	PaymentID    int64
	PaymentState State
	BookingState string
	Note         string
}

// Check is one run of the daily check.
type Check struct {
	At       time.Time
	Bookings int
	Found    []Disagreement
}

// checkWindow is how far back the daily check looks.
const checkWindow = 48 * time.Hour

// DailyCheck compares the state of every booking whose payments changed in
// the last two days with its payments, records what disagrees (shown on
// the admin payments page) and logs it.
func (s *Service) DailyCheck(ctx context.Context) (Check, error) {
	ids, err := s.q.PaymentRecentBookings(ctx, s.pool, s.opts.Now().Add(-checkWindow))
	if err != nil {
		return Check{}, fmt.Errorf("recent bookings: %w", err)
	}
	states, err := s.bookingStates(ctx, ids)
	if err != nil {
		return Check{}, fmt.Errorf("booking states: %w", err)
	}
	c := Check{At: s.opts.Now(), Bookings: len(ids)}
	for _, id := range ids {
		rows, err := s.q.PaymentListForBooking(ctx, s.pool, id)
		if err != nil {
			return Check{}, fmt.Errorf("payments of booking %d: %w", id, err)
		}
		if d, bad := disagreement(rows, states[id]); bad {
			d.BookingID = id
			c.Found = append(c.Found, d)
		}
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.CheckInsert(ctx, tx, paymentsdb.CheckInsertParams{Bookings: int32(c.Bookings), Found: int32(len(c.Found))})
		if err != nil {
			return fmt.Errorf("record check: %w", err)
		}
		c.At = row.At
		for _, d := range c.Found {
			if err := s.q.DisagreementInsert(ctx, tx, paymentsdb.DisagreementInsertParams{CheckID: row.ID, BookingID: d.BookingID,
				PaymentID: d.PaymentID, PaymentState: string(d.PaymentState), BookingState: d.BookingState, Note: d.Note}); err != nil {
				return fmt.Errorf("record disagreement: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return Check{}, err
	}
	for _, d := range c.Found {
		s.opts.Log.Warn("payment and booking disagree", "booking", d.BookingID, "payment", d.PaymentID,
			"payment_state", d.PaymentState, "booking_state", d.BookingState, "note", d.Note)
	}
	return c, nil
}

// disagreement compares a booking's payments (in attempt order) with its
// state. The payment that speaks for the booking is the one that took
// money and kept it, else the latest attempt; a payment refunded
// automatically (a duplicate, or seats gone) must have its refund settled.
func disagreement(rows []paymentsdb.PaymentsPayment, booking string) (Disagreement, bool) {
	if len(rows) == 0 {
		return Disagreement{}, false
	}
	p := paymentFromRow(rows[len(rows)-1])
	for _, r := range rows {
		o := paymentFromRow(r)
		if o.State.Paid() && o.OutcomeNote != "" && o.State != Refunded {
			return Disagreement{PaymentID: o.ID, PaymentState: o.State, BookingState: booking,
				Note: "due for an automatic refund that has not settled"}, true
		}
		if o.State.Paid() && o.OutcomeNote == "" {
			p = o
		}
	}
	d := Disagreement{PaymentID: p.ID, PaymentState: p.State, BookingState: booking}
	switch {
	case booking == "":
		d.Note = "the booking no longer exists"
	case p.OutcomeNote != "":
		return Disagreement{}, false
	case (p.State == Succeeded || p.State == PartiallyRefunded) && booking != "confirmed" && booking != "cancelled" && booking != "refunded":
		d.Note = "paid, but the booking is " + booking
	case p.State == Refunded && booking == "confirmed":
		d.Note = "refunded in full, but the booking is still confirmed"
	case !p.State.Paid() && (booking == "confirmed" || booking == "refunded"):
		d.Note = "the booking is " + booking + " without a successful payment"
	default:
		return Disagreement{}, false
	}
	return d, true
}

// LatestCheck returns the most recent daily check, nil before the first.
func (s *Service) LatestCheck(ctx context.Context) (*Check, error) {
	row, err := s.q.CheckLatest(ctx, s.pool)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest check: %w", err)
	}
	found, err := s.q.DisagreementList(ctx, s.pool, row.ID)
	if err != nil {
		return nil, fmt.Errorf("disagreements: %w", err)
	}
	c := &Check{At: row.At, Bookings: int(row.Bookings)}
	for _, f := range found {
		c.Found = append(c.Found, Disagreement{BookingID: f.BookingID, PaymentID: f.PaymentID,
			PaymentState: State(f.PaymentState), BookingState: f.BookingState, Note: f.Note})
	}
	return c, nil
}
