package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// HistoryEntry is one step in a payment's life.
type HistoryEntry struct {
	At     time.Time
	From   State
	To     State
	Source string
	Note   string
}

// Detail is a payment with everything staff need to understand it.
type Detail struct {
	Payment Payment
	History []HistoryEntry
	Refunds []Refund
	// Events are the provider events about the payment's intent.
	Events []Event
	// Refundable is what is left to refund (minor units).
	Refundable int64
}

// Payments lists payments for staff, newest first: all, or those in
// state, or those of one booking (0: any).
func (s *Service) Payments(ctx context.Context, state State, bookingID int64, limit, offset int) ([]Payment, error) {
	rows, err := s.q.PaymentList(ctx, s.pool, paymentsdb.PaymentListParams{State: string(state), BookingID: bookingID,
		Lim: int32(limit), Off: int32(offset)})
	if err != nil {
		return nil, fmt.Errorf("list payments: %w", err)
	}
	out := make([]Payment, len(rows))
	for i, r := range rows {
		out[i] = paymentFromRow(r)
	}
	return out, nil
}

// StateCounts counts payments per state.
func (s *Service) StateCounts(ctx context.Context) (map[State]int64, error) {
	rows, err := s.q.PaymentStateCounts(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("count payments: %w", err)
	}
	out := map[State]int64{}
	for _, r := range rows {
		out[State(r.State)] = r.N
	}
	return out, nil
}

// Detail returns a payment with its history, refunds and events.
// Errors: ErrNotFound.
func (s *Service) Detail(ctx context.Context, id int64) (Detail, error) {
	row, err := s.q.PaymentGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Detail{}, fmt.Errorf("payment %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Detail{}, fmt.Errorf("get payment %d: %w", id, err)
	}
	d := Detail{Payment: paymentFromRow(row)}
	hist, err := s.q.HistoryList(ctx, s.pool, id)
	if err != nil {
		return Detail{}, fmt.Errorf("history of payment %d: %w", id, err)
	}
	for _, h := range hist {
		d.History = append(d.History, HistoryEntry{At: h.At, From: State(h.FromState), To: State(h.ToState), Source: h.Source, Note: h.Note})
	}
	refunds, err := s.q.RefundListForPayment(ctx, s.pool, id)
	if err != nil {
		return Detail{}, fmt.Errorf("refunds of payment %d: %w", id, err)
	}
	var outstanding int64
	for _, r := range refunds {
		d.Refunds = append(d.Refunds, refundFromRow(r))
		if r.State != "failed" {
			outstanding += r.AmountMinor
		}
	}
	if d.Payment.State == Succeeded || d.Payment.State == PartiallyRefunded {
		d.Refundable = max(d.Payment.Amount-outstanding, 0)
	}
	if d.Payment.ProviderID != "" {
		if d.Events, err = s.Events(ctx, d.Payment.ProviderID, 100, 0); err != nil {
			return Detail{}, err
		}
		for _, r := range d.Refunds {
			if r.ProviderID == "" {
				continue
			}
			more, err := s.Events(ctx, r.ProviderID, 100, 0)
			if err != nil {
				return Detail{}, err
			}
			d.Events = append(d.Events, more...)
		}
	}
	return d, nil
}
