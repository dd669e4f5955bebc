package payments

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Begin starts, or resumes, paying for a booking and returns the pay
// page's path. The attempt, with the idempotency key it sends to the
// provider, is stored before the provider is called, and no lock is held
// during the call: a crash in between resumes with the same key and so
// the same intent. A failed attempt makes a new one (another card), up to
// MaxAttempts. Errors: ErrTooManyAttempts, ErrProvider.
func (s *Service) Begin(ctx context.Context, r PaymentRequest) (string, error) {
	p, err := s.begin(ctx, r)
	if err != nil {
		return "", err
	}
	return p.Path(), nil
}

// begin is Begin, returning the payment the buyer pays.
func (s *Service) begin(ctx context.Context, r PaymentRequest) (Payment, error) {
	if r.Amount <= 0 {
		return Payment{}, fmt.Errorf("begin payment for booking %d: amount %d must be positive", r.BookingID, r.Amount)
	}
	methods, err := s.Methods(ctx, r.BookingID)
	if err != nil {
		return Payment{}, fmt.Errorf("begin payment for booking %d: %w", r.BookingID, err)
	}
	if r.Method != "" && !slices.Contains(methods, r.Method) {
		return Payment{}, validate.Errors{"method": errMethod.Error()}
	}
	var p Payment
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		rows, err := s.q.PaymentLockForBooking(ctx, tx, r.BookingID)
		if err != nil {
			return fmt.Errorf("lock payments: %w", err)
		}
		due, err := s.amountDue(ctx, tx, r)
		if err != nil {
			return err
		}
		attempt, all := 1, make([]Payment, 0, len(rows))
		for _, row := range rows {
			o := paymentFromRow(row)
			attempt = o.Attempt + 1
			switch {
			case o.State.Paid(), o.State == Processing, o.RequiresAction:
				p = o
			case o.State == RequiresPayment && o.Amount == due && o.Currency == r.Currency &&
				(o.Provider == r.Method || (r.Method == "" && slices.Contains(methods, o.Provider))):
				p = o
			case o.State == RequiresPayment:
				if _, err := s.advance(ctx, tx, o, transition{to: Failed, code: "superseded",
					message: failureMessage("superseded"), source: "begin"}); err != nil {
					return err
				}
				o.State, o.FailureCode = Failed, "superseded"
			}
			all = append(all, o)
		}
		if p.ID != 0 {
			return nil
		}
		if due == 0 { // gift cards pay for all of it
			if p, err = s.payWithGiftCards(ctx, tx, r, attempt, r.Amount, "begin"); err != nil {
				return err
			}
			_, err := s.succeeded(ctx, tx, p, append(all, p))
			return err
		}
		// A method switched or an amount changed replaces an attempt
		// without using up a try; the attempts themselves are still
		// bounded, so switching cannot make orders without end.
		if tries(all) >= s.opts.MaxAttempts || attempt > maxSwitches*s.opts.MaxAttempts {
			return ErrTooManyAttempts
		}
		provider := r.Method
		if provider == "" {
			provider = methods[0]
		}
		var user *int64
		if r.UserID != 0 {
			user = &r.UserID
		}
		row, err := s.q.PaymentInsert(ctx, tx, paymentsdb.PaymentInsertParams{BookingID: r.BookingID, UserID: user,
			Attempt: int32(attempt), Provider: provider, IdempotencyKey: fmt.Sprintf("booking-%d-attempt-%d", r.BookingID, attempt),
			AmountMinor: due, Currency: r.Currency, Description: r.Description, BookingCode: r.Code,
			ReturnPath: r.ReturnPath, HoldExpiresAt: r.HoldExpiresAt})
		if err != nil {
			return fmt.Errorf("record payment: %w", err)
		}
		p = paymentFromRow(row)
		return s.q.HistoryInsert(ctx, tx, paymentsdb.HistoryInsertParams{PaymentID: p.ID, FromState: "",
			ToState: string(RequiresPayment), Source: "begin", Note: fmt.Sprintf("attempt %d, %s", attempt, provider)})
	})
	if err != nil {
		return Payment{}, fmt.Errorf("begin payment for booking %d: %w", r.BookingID, err)
	}
	if p.ProviderID == "" && p.State == RequiresPayment {
		if err := s.createIntent(ctx, p); err != nil {
			return Payment{}, fmt.Errorf("begin payment for booking %d: %w", r.BookingID, err)
		}
	}
	return p, nil
}

// amountDue is what r leaves to pay after the booking's gift cards, in
// tx. Cards holding more than the booking now costs (its total fell, a
// promo code) are released: the buyer applies them again.
func (s *Service) amountDue(ctx context.Context, tx pgx.Tx, r PaymentRequest) (int64, error) {
	held, err := s.giftCardsHeld(ctx, tx, r.BookingID)
	if err != nil {
		return 0, err
	}
	if held > r.Amount {
		if err := s.releaseGiftCards(ctx, tx, r.BookingID, "the booking now costs less than the cards held"); err != nil {
			return 0, err
		}
		held = 0
	}
	return r.Amount - held, nil
}

// maxSwitches bounds a booking's attempts, superseded ones included, at
// this many times MaxAttempts.
const maxSwitches = 4

// tries counts the attempts that used up a try: all but those replaced
// by a switch of method or amount, and gift cards' shares.
func tries(all []Payment) int {
	n := 0
	for _, p := range all {
		if !(p.State == Failed && p.FailureCode == "superseded") && p.Provider != ProviderGiftCard {
			n++
		}
	}
	return n
}

// createIntent asks the provider for p's intent (outside any transaction)
// and stores it.
func (s *Service) createIntent(ctx context.Context, p Payment) error {
	pr, err := s.providerOf(p)
	if err != nil {
		return err
	}
	in, err := pr.create(ctx, p)
	if errors.Is(err, errRefused) {
		return fmt.Errorf("%w: %w", ErrProvider, err)
	}
	if err != nil {
		return err
	}
	var secret *string
	if in.ClientSecret != "" {
		secret = &in.ClientSecret
	}
	if err := s.q.PaymentSetIntent(ctx, s.pool, paymentsdb.PaymentSetIntentParams{ID: p.ID, ProviderID: &in.ID,
		ClientSecret: secret}); err != nil {
		return fmt.Errorf("store intent of payment %d: %w", p.ID, err)
	}
	return nil
}

// Checkout is a payment as its buyer sees it on the pay page.
type Checkout struct {
	Payment Payment
	// Retry is true when the buyer may try another card: this attempt
	// failed, it is the latest, attempts remain and the hold lasts.
	Retry bool
	// HoldOver is true once the seats' hold has run out.
	HoldOver bool
	// PublishableKey is Stripe's key for the Payment Element.
	PublishableKey string
}

// PaymentForBuyer returns userID's payment for the pay page. A payment
// whose provider call failed earlier gets its intent now.
// Errors: ErrNotFound (also another user's payment), ErrProvider.
func (s *Service) PaymentForBuyer(ctx context.Context, userID, paymentID int64) (Checkout, error) {
	row, err := s.q.PaymentGet(ctx, s.pool, paymentID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(row.UserID, userID)) {
		return Checkout{}, fmt.Errorf("payment %d: %w", paymentID, ErrNotFound)
	}
	if err != nil {
		return Checkout{}, fmt.Errorf("get payment %d: %w", paymentID, err)
	}
	p := paymentFromRow(row)
	if p.ProviderID == "" && p.State == RequiresPayment {
		if err := s.createIntent(ctx, p); err != nil {
			return Checkout{}, err
		}
		if row, err = s.q.PaymentGet(ctx, s.pool, paymentID); err != nil {
			return Checkout{}, fmt.Errorf("get payment %d: %w", paymentID, err)
		}
		p = paymentFromRow(row)
	}
	c := Checkout{Payment: p, HoldOver: !s.opts.Now().Before(p.HoldExpiresAt), PublishableKey: s.opts.StripePublishableKey}
	if p.State == Failed && !c.HoldOver {
		rows, err := s.q.PaymentListForBooking(ctx, s.pool, p.BookingID)
		if err != nil {
			return Checkout{}, fmt.Errorf("payments of booking %d: %w", p.BookingID, err)
		}
		all := make([]Payment, len(rows))
		for i, r := range rows {
			all[i] = paymentFromRow(r)
		}
		c.Retry = all[len(all)-1].ID == p.ID && tries(all) < s.opts.MaxAttempts
	}
	return c, nil
}

// Refresh asks the provider what became of the buyer's payment (Stripe
// sends the buyer back after confirming) and applies it at once, rather
// than waiting for the webhook. Errors: ErrNotFound, ErrProvider.
func (s *Service) Refresh(ctx context.Context, userID, paymentID int64) error {
	c, err := s.PaymentForBuyer(ctx, userID, paymentID)
	if err != nil || c.Payment.State.Final() {
		return err
	}
	return s.reconcilePayment(ctx, c.Payment, "return")
}
