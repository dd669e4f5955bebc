package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// channelCounter is the channel of a booking sold at the box office.
const channelCounter = "counter"

// refundAtCounter records, inside the cancelling transaction, that amount
// of counter sale b goes back from staffID's open till in the way b was
// paid. Without a staff member (a show cancelled by the cinema) the refund
// stays owed at the counter (CounterRefundsOwed) until box office staff
// pay it out (PayOwedRefund). Errors: ErrNoOpenTill.
func (s *Service) refundAtCounter(ctx context.Context, tx pgx.Tx, staffID int64, b bookingdb.BookingBooking, amount int64) error {
	if staffID == 0 {
		return nil
	}
	till, err := s.q.TillSessionOpenForUser(ctx, tx, staffID)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNoOpenTill
	}
	if err != nil {
		return fmt.Errorf("open till of staff %d: %w", staffID, err)
	}
	if err := s.q.TillRefundInsert(ctx, tx, bookingdb.TillRefundInsertParams{BookingID: b.ID, TillSessionID: till.ID,
		Method: b.PaymentMethod, AmountMinor: amount, RefundedBy: staffID}); err != nil {
		return fmt.Errorf("record refund of booking %d in till %d: %w", b.ID, till.ID, err)
	}
	return nil
}

// OwedRefund is a counter sale the cinema cancelled whose money no till
// has given back yet.
type OwedRefund struct {
	Code        string
	ShowID      int64
	Method      string
	Amount      int64
	Currency    string
	CancelledAt time.Time
	Seller      string
	VoucherRef  string
}

// CounterRefundsOwed lists the refunds owed to counter sales at theaterID,
// oldest cancellation first. Online sales are refunded by their payment
// provider and never appear here.
func (s *Service) CounterRefundsOwed(ctx context.Context, theaterID int64) ([]OwedRefund, error) {
	rows, err := s.q.CounterRefundsOwed(ctx, s.pool, theaterID)
	if err != nil {
		return nil, fmt.Errorf("refunds owed at theater %d: %w", theaterID, err)
	}
	out := make([]OwedRefund, len(rows))
	for i, r := range rows {
		out[i] = OwedRefund{Code: r.Code, ShowID: r.ShowID, Method: r.PaymentMethod, Amount: r.RefundMinor, Currency: r.Currency}
		if r.CancelledAt != nil {
			out[i].CancelledAt = *r.CancelledAt
		}
		if r.SellerName != nil {
			out[i].Seller = *r.SellerName
		}
		if r.VoucherRef != nil {
			out[i].VoucherRef = *r.VoucherRef
		}
	}
	return out, nil
}

// PayOwedRefund pays out the refund owed to counter sale code from
// staffID's open till, in the way the sale was paid, once: the sale is
// locked, and a second payout (another tab, another clerk) finds nothing
// owed. The till must be at the sale's theater. Errors: ErrNoOpenTill,
// ErrNotFound (no refund owed to that code at the till's theater).
func (s *Service) PayOwedRefund(ctx context.Context, staffID int64, code string) (OwedRefund, error) {
	till, err := s.OpenTillOf(ctx, staffID)
	if err != nil {
		return OwedRefund{}, err
	}
	var out OwedRefund
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.q.CounterRefundOwedLock(ctx, tx, code)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && b.TheaterID != till.TheaterID) {
			return fmt.Errorf("refund owed to %s: %w", code, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock counter sale %s: %w", code, err)
		}
		if err := s.refundAtCounter(ctx, tx, staffID, b, b.RefundMinor); err != nil {
			return err
		}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID, Status: b.Status,
			Note: fmt.Sprintf("refund %s paid out at the box office by %s (till %d)", money.Format(b.RefundMinor, b.Currency),
				b.PaymentMethod, till.ID)}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		out = OwedRefund{Code: b.Code, ShowID: b.ShowID, Method: b.PaymentMethod, Amount: b.RefundMinor, Currency: b.Currency}
		return nil
	})
	if err != nil {
		return OwedRefund{}, fmt.Errorf("pay out refund of %s: %w", code, err)
	}
	return out, nil
}
