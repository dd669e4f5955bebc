package payments

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/money"
)

// mismatchSource prefixes the history source of a success held because
// its amount or currency was not the payment's.
const mismatchSource = "mismatch:"

// mismatchNote is what the buyer reads on the pay page of a held payment.
const mismatchNote = "The payment we received does not match the amount due, so your booking is not confirmed yet. " +
	"Our staff are checking it and will refund anything taken that is not used."

// matches reports whether a success took exactly the payment's amount, in
// its currency.
func (t transition) matches(p Payment) bool {
	return t.amount == p.Amount && strings.EqualFold(t.currency, p.Currency)
}

// holdMismatch keeps a success that took another amount or currency than
// the payment's from confirming the booking (a 1 USD success must not pay
// for a 9,700 AUD booking): the payment stays where it was, the history
// records what the provider reported (listed for staff on
// /admin/payments, see Mismatches), the buyer's pay page says so, and the
// error is logged. No refund is sent by itself: what was taken, and why,
// is for staff to judge (the provider's dashboard, then a refund there).
func (s *Service) holdMismatch(ctx context.Context, tx pgx.Tx, p Payment, t transition) (string, error) {
	note := fmt.Sprintf("the provider reported %s taken; the payment is for %s: does not match, the booking was not confirmed",
		money.Format(t.amount, strings.ToUpper(t.currency)), money.Format(p.Amount, p.Currency))
	if err := s.q.HistoryInsert(ctx, tx, paymentsdb.HistoryInsertParams{PaymentID: p.ID, FromState: string(p.State),
		ToState: string(p.State), Source: mismatchSource + t.source, Note: note}); err != nil {
		return "", fmt.Errorf("record mismatch of payment %d: %w", p.ID, err)
	}
	if err := s.q.PaymentSetNote(ctx, tx, paymentsdb.PaymentSetNoteParams{ID: p.ID, OutcomeNote: mismatchNote}); err != nil {
		return "", fmt.Errorf("note mismatch of payment %d: %w", p.ID, err)
	}
	s.opts.Log.Error("payment success does not match the payment", "payment", p.ID, "booking", p.BookingID,
		"source", t.source, "took", t.amount, "took_currency", t.currency, "amount", p.Amount, "currency", p.Currency)
	return fmt.Sprintf("payment %d held: %s", p.ID, note), nil
}

// Mismatch is a success held because it took another amount or currency
// than its payment's.
type Mismatch struct {
	PaymentID int64
	State     State // the payment's state now
	At        time.Time
	Note      string
}

// Mismatches lists the latest held successes, newest first.
func (s *Service) Mismatches(ctx context.Context, limit int) ([]Mismatch, error) {
	rows, err := s.q.HistoryMismatchList(ctx, s.pool, paymentsdb.HistoryMismatchListParams{Source: mismatchSource + "%",
		Lim: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list mismatched payments: %w", err)
	}
	out := make([]Mismatch, len(rows))
	for i, r := range rows {
		out[i] = Mismatch{PaymentID: r.PaymentID, State: State(r.State), At: r.At, Note: r.Note}
	}
	return out, nil
}
