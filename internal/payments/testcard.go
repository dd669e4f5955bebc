package payments

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Card is what the test provider's card form sends.
type Card struct {
	Number string
	Expiry string // MM/YY
	CVC    string
	Name   string
}

// testCard is how the test provider treats one of Stripe's test numbers.
type testCard struct {
	declineCode  string // "" succeeds
	authenticate bool   // asks for an extra confirmation step first
}

// testCards are Stripe's published test card numbers the test provider
// accepts; any other number is refused.
var testCards = map[string]testCard{
	"4242424242424242": {},
	"4000000000000002": {declineCode: "generic_decline"},
	"4000000000009995": {declineCode: "insufficient_funds"},
	"4000000000003220": {authenticate: true},
}

// check validates the card form; now is the clock for the expiry date.
func (c Card) check(now time.Time) (string, testCard, error) {
	var errs validate.Errors
	number := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, c.Number)
	tc, known := testCards[number]
	switch {
	case number == "":
		errs.Add("number", i18n.Msg("Enter your card number."))
	case !known:
		errs.Add("number", i18n.Msg("This card isn't accepted. In test mode, use one of Stripe's test cards, such as 4242 4242 4242 4242."))
	}
	mm, yy, ok := strings.Cut(strings.ReplaceAll(c.Expiry, " ", ""), "/")
	month, merr := strconv.Atoi(mm)
	year, yerr := strconv.Atoi(yy)
	switch {
	case strings.TrimSpace(c.Expiry) == "":
		errs.Add("expiry", i18n.Msg("Enter the expiry date."))
	case !ok || merr != nil || yerr != nil || month < 1 || month > 12 || len(yy) != 2:
		errs.Add("expiry", i18n.Msg("Enter the expiry date as MM/YY."))
	case time.Date(2000+year, time.Month(month)+1, 1, 0, 0, 0, 0, time.UTC).Before(now):
		errs.Add("expiry", i18n.Msg("This card has expired."))
	}
	cvc := strings.TrimSpace(c.CVC)
	if _, err := strconv.Atoi(cvc); err != nil || len(cvc) < 3 || len(cvc) > 4 {
		errs.Add("cvc", i18n.Msg("Enter the 3 or 4 digit security code."))
	}
	if strings.TrimSpace(c.Name) == "" {
		errs.Add("name", i18n.Msg("Enter the name on the card."))
	}
	return number, tc, errs.Err()
}

// PayWithTestCard charges a test card for the buyer's payment. The card's
// outcome (success, decline, insufficient funds) goes out as an event and
// is applied by the same job as a Stripe webhook; card 4000 0000 0000 3220
// first asks for confirmation (Authenticate). Errors: ErrNotFound (not
// theirs), ErrInvalid (the form), ErrNotPayable (already submitted),
// ErrHoldExpired.
func (s *Service) PayWithTestCard(ctx context.Context, userID, paymentID int64, c Card) (Payment, error) {
	number, tc, err := c.check(s.opts.Now())
	if err != nil {
		return Payment{}, err
	}
	var out Payment
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		p, err := s.payableTestPayment(ctx, tx, userID, paymentID, false)
		if err != nil {
			return err
		}
		if err := s.q.PaymentSetCard(ctx, tx, paymentsdb.PaymentSetCardParams{ID: p.ID, CardBrand: "Visa",
			CardLast4: number[len(number)-4:], RequiresAction: tc.authenticate}); err != nil {
			return fmt.Errorf("store card: %w", err)
		}
		p.CardBrand, p.CardLast4, p.RequiresAction = "Visa", number[len(number)-4:], tc.authenticate
		out = p
		if tc.authenticate {
			return s.q.TestIntentSetStatus(ctx, tx, paymentsdb.TestIntentSetStatusParams{ID: p.ProviderID, Status: "requires_action"})
		}
		return s.chargeTestCard(ctx, tx, &out, tc.declineCode, "card ending "+p.CardLast4)
	})
	if err != nil {
		return Payment{}, fmt.Errorf("pay %d with a test card: %w", paymentID, err)
	}
	return out, nil
}

// Authenticate completes (approve) or fails the extra confirmation step
// the test provider asked for. Errors: ErrNotFound, ErrNotPayable,
// ErrHoldExpired.
func (s *Service) Authenticate(ctx context.Context, userID, paymentID int64, approve bool) (Payment, error) {
	var out Payment
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		p, err := s.payableTestPayment(ctx, tx, userID, paymentID, true)
		if err != nil {
			return err
		}
		out = p
		code := ""
		if !approve {
			code = "payment_intent_authentication_failure"
		}
		return s.chargeTestCard(ctx, tx, &out, code, "authentication on the card ending "+p.CardLast4)
	})
	if err != nil {
		return Payment{}, fmt.Errorf("authenticate payment %d: %w", paymentID, err)
	}
	return out, nil
}

// payableTestPayment locks a test payment of userID that waits for a card
// (or, with authenticating, for its confirmation step).
func (s *Service) payableTestPayment(ctx context.Context, tx pgx.Tx, userID, paymentID int64, authenticating bool) (Payment, error) {
	p, _, err := s.lockBookingPayments(ctx, tx, paymentID)
	if err != nil {
		return Payment{}, err
	}
	if !ownedBy(&p.UserID, userID) || p.Provider != ProviderTest {
		return Payment{}, fmt.Errorf("payment %d: %w", paymentID, ErrNotFound)
	}
	if p.State != RequiresPayment || p.RequiresAction != authenticating || p.ProviderID == "" {
		return Payment{}, ErrNotPayable
	}
	if !s.opts.Now().Before(p.HoldExpiresAt) {
		return Payment{}, ErrHoldExpired
	}
	return p, nil
}

// chargeTestCard moves the payment to processing and emits the outcome
// event (declineCode "" succeeds).
func (s *Service) chargeTestCard(ctx context.Context, tx pgx.Tx, p *Payment, declineCode, note string) error {
	if _, err := s.advance(ctx, tx, *p, transition{to: Processing, source: "card", note: note}); err != nil {
		return err
	}
	p.State, p.RequiresAction = Processing, false
	if declineCode == "" {
		return s.emitIntent(ctx, tx, *p, "succeeded", "", "")
	}
	return s.emitIntent(ctx, tx, *p, "requires_payment_method", declineCode, failureMessage(declineCode))
}
