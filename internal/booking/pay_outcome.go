package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/money"
)

// PaymentSucceeded confirms a paid booking inside the payment's
// transaction. confirmed is false when the seats went to someone else
// after the hold ran out (or the booking was cancelled or the show
// called off meanwhile): the payment is then refunded, and the buyer is
// told why. Errors: none of booking's sentinels.
func (s *Service) PaymentSucceeded(ctx context.Context, tx pgx.Tx, bookingID int64) (bool, error) {
	err := s.Confirm(ctx, tx, bookingID)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if !errors.Is(err, ErrSeatsGone) {
		return err == nil, err
	}
	if order, err := s.refuseExchangeOrder(ctx, tx, bookingID, err); order || err != nil {
		return false, err
	}
	if addon, err := s.refuseFoodAddon(ctx, tx, bookingID, err); addon || err != nil {
		return false, err
	}
	row, err := s.q.BookingGet(ctx, tx, bookingID)
	if err != nil {
		return false, fmt.Errorf("reread booking %d: %w", bookingID, err)
	}
	reason := "Your payment arrived after your seats' hold ran out and they are no longer available, so we're refunding it in full."
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID, Status: row.Status,
		Note: "payment arrived but the seats are gone; refunding " + money.Format(row.TotalMinor, row.Currency)}); err != nil {
		return false, fmt.Errorf("record event: %w", err)
	}
	return false, s.paymentFailedMessage(ctx, tx, row, reason)
}

// PaymentFailed records a failed payment attempt. While attempts remain
// the booking stays payable (pending_payment) until its hold runs out;
// after the last one it is payment_failed and the buyer gets a message.
func (s *Service) PaymentFailed(ctx context.Context, tx pgx.Tx, bookingID int64, reason string, final bool) error {
	row, err := s.q.BookingGetForUpdate(ctx, tx, bookingID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("lock booking %d: %w", bookingID, err)
	}
	st := Status(row.Status)
	note := "payment failed: " + reason
	if final && (st == PendingPayment || st == Held) {
		st = PaymentFailed
		if err := s.q.BookingSetStatus(ctx, tx, bookingdb.BookingSetStatusParams{ID: bookingID, Status: string(st)}); err != nil {
			return fmt.Errorf("mark booking %d failed: %w", bookingID, err)
		}
	}
	if !final {
		note += " (the buyer may try another card)"
	}
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID, Status: string(st),
		Note: note}); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	if !final || st == Confirmed {
		return nil
	}
	row.Status = string(st)
	return s.paymentFailedMessage(ctx, tx, row, reason)
}

// PaymentRefunded records money given back. A full refund of a
// confirmed booking (staff refunding it from the payments pages) releases
// its seats like a cancellation; a cancelled booking refunded in full
// becomes refunded.
func (s *Service) PaymentRefunded(ctx context.Context, tx pgx.Tx, bookingID int64, amount int64, full bool) error {
	b, err := s.lockBooking(ctx, tx, bookingID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("lock booking %d: %w", bookingID, err)
	}
	st := Status(b.Status)
	note := "refund of " + money.Format(amount, b.Currency) + " settled"
	if full && (st == Confirmed || st == Cancelled) {
		if st == Confirmed {
			if _, err := s.q.ShowSeatFree(ctx, tx, &b.ID); err != nil {
				return fmt.Errorf("free seats of booking %d: %w", b.ID, err)
			}
			if err := s.q.BookingSeatRetire(ctx, tx, []int64{b.ID}); err != nil {
				return fmt.Errorf("retire seats of booking %d: %w", b.ID, err)
			}
			if err := announce(ctx, tx, b.ShowID); err != nil {
				return err
			}
		}
		st = Refunded
		if err := s.q.BookingMarkRefunded(ctx, tx, bookingdb.BookingMarkRefundedParams{ID: b.ID, Refund: b.TotalMinor}); err != nil {
			return fmt.Errorf("mark booking %d refunded: %w", b.ID, err)
		}
	}
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID, Status: string(st),
		Note: note}); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	return nil
}

// BookingStates returns the status of each booking in ids (payments'
// daily check); a booking that does not exist is missing from the map.
func (s *Service) BookingStates(ctx context.Context, ids []int64) (map[int64]string, error) {
	rows, err := s.q.BookingStatuses(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("booking statuses: %w", err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Status
	}
	return out, nil
}

// paymentFailedMessage tells the buyer, inside tx, that their payment did
// not buy the booking, and why.
func (s *Service) paymentFailedMessage(ctx context.Context, tx pgx.Tx, row bookingdb.BookingBooking, reason string) error {
	if s.opts.Notifier == nil || row.UserID == nil {
		return nil
	}
	d, err := s.showTx(ctx, tx, row.ShowID)
	if err != nil {
		return err
	}
	m, err := s.message(ctx, tx, row, d)
	if err != nil {
		return err
	}
	m.Reason = reason
	if err := s.opts.Notifier.PaymentFailed(ctx, tx, m); err != nil {
		return fmt.Errorf("payment failed message for booking %d: %w", row.ID, err)
	}
	return nil
}
