package payments

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/metrics"
)

// State is where a payment is in its life. It only ever moves forward:
// requires_payment -> processing -> succeeded | failed, succeeded ->
// partially_refunded -> refunded. A success outranks a failure (a card
// retried on the same intent can succeed after a decline, and money taken
// must never be lost), so events arriving out of order all end in the same
// state.
type State string

// Payment states.
const (
	RequiresPayment   State = "requires_payment"
	Processing        State = "processing"
	Failed            State = "failed"
	Succeeded         State = "succeeded"
	PartiallyRefunded State = "partially_refunded"
	Refunded          State = "refunded"
)

// rank orders the states: a payment may only move to a higher rank.
func (s State) rank() int {
	switch s {
	case RequiresPayment:
		return 0
	case Processing:
		return 1
	case Failed:
		return 2
	case Succeeded:
		return 3
	case PartiallyRefunded:
		return 4
	case Refunded:
		return 5
	}
	return -1
}

// Paid reports whether the payment took money (some may be back).
func (s State) Paid() bool { return s == Succeeded || s == PartiallyRefunded || s == Refunded }

// Final reports whether the payment has its outcome.
func (s State) Final() bool { return s == Failed || s.Paid() }

// Payment is one attempt to pay for a booking.
type Payment struct {
	ID             int64
	BookingID      int64
	BookingCode    string
	UserID         int64
	Attempt        int
	Provider       string
	ProviderID     string
	ClientSecret   string
	Amount         int64 // minor units
	Refunded       int64 // minor units
	Currency       string
	Description    string
	ReturnPath     string
	HoldExpiresAt  time.Time
	State          State
	RequiresAction bool
	CardBrand      string
	CardLast4      string
	FailureCode    string
	FailureMessage string
	OutcomeNote    string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	key            string
}

// Path is the buyer's pay page of the payment.
func (p Payment) Path() string { return fmt.Sprintf("/pay/%d", p.ID) }

func paymentFromRow(r paymentsdb.PaymentsPayment) Payment {
	p := Payment{ID: r.ID, BookingID: r.BookingID, BookingCode: r.BookingCode, Attempt: int(r.Attempt), Provider: r.Provider,
		Amount: r.AmountMinor, Refunded: r.RefundedMinor, Currency: r.Currency, Description: r.Description,
		ReturnPath: r.ReturnPath, HoldExpiresAt: r.HoldExpiresAt, State: State(r.State), RequiresAction: r.RequiresAction,
		CardBrand: r.CardBrand, CardLast4: r.CardLast4, FailureCode: r.FailureCode, FailureMessage: r.FailureMessage,
		OutcomeNote: r.OutcomeNote, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, key: r.IdempotencyKey}
	if r.UserID != nil {
		p.UserID = *r.UserID
	}
	if r.ProviderID != nil {
		p.ProviderID = *r.ProviderID
	}
	if r.ClientSecret != nil {
		p.ClientSecret = *r.ClientSecret
	}
	return p
}

// transition is a move of a payment to a new state and why.
type transition struct {
	to      State
	code    string // failure code (card_declined, insufficient_funds, ...)
	message string // failure message for the buyer
	source  string // the event id, "reconciliation", "card", ...
	note    string
	// amount (minor units) and currency are what the provider says it
	// took, for a move to Succeeded.
	amount   int64
	currency string
}

// outcome is what the payment metrics call a move to t.to ("" for a move
// that decides nothing, and for an attempt a newer one replaced).
func (t transition) outcome() string {
	switch {
	case t.to == Succeeded:
		return metrics.PaymentSucceeded
	case t.to == Failed && t.code == "expired":
		return metrics.PaymentExpired
	case t.to == Failed && t.code != "superseded":
		return metrics.PaymentFailed
	}
	return ""
}

// advance moves a locked payment forward and records the step. It reports
// false (and changes nothing) when the payment is already at or past t.to.
func (s *Service) advance(ctx context.Context, tx pgx.Tx, p Payment, t transition) (bool, error) {
	if t.to.rank() <= p.State.rank() {
		return false, nil
	}
	code, msg := p.FailureCode, p.FailureMessage
	if t.to == Failed {
		code, msg = t.code, t.message
	}
	if err := s.q.PaymentSetState(ctx, tx, paymentsdb.PaymentSetStateParams{ID: p.ID, State: string(t.to),
		FailureCode: code, FailureMessage: msg}); err != nil {
		return false, fmt.Errorf("set state of payment %d: %w", p.ID, err)
	}
	note := t.note
	if note == "" && t.to == Failed {
		note = t.message
	}
	if err := s.q.HistoryInsert(ctx, tx, paymentsdb.HistoryInsertParams{PaymentID: p.ID, FromState: string(p.State),
		ToState: string(t.to), Source: t.source, Note: note}); err != nil {
		return false, fmt.Errorf("record history of payment %d: %w", p.ID, err)
	}
	return true, nil
}

// failureMessage is what the buyer reads for a provider's failure code.
func failureMessage(code string) string {
	switch code {
	case "insufficient_funds":
		return i18n.Msg("Your card has insufficient funds. Try another card.")
	case "authentication_failed", "payment_intent_authentication_failure", "authentication_required":
		return i18n.Msg("Your bank couldn't confirm it was you (authentication failed). Try again or use another card.")
	case "expired_card":
		return i18n.Msg("Your card has expired. Try another card.")
	case "incorrect_cvc":
		return i18n.Msg("The security code didn't match. Check it or try another card.")
	case "expired":
		return i18n.Msg("The seats' hold ran out before the payment was made, so nothing was charged.")
	case "superseded":
		return i18n.Msg("A newer payment replaced this one.")
	}
	return i18n.Msg("Your card was declined. Try another card.")
}
