package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// channelCounter is the channel of a booking sold at the box office.
const channelCounter = "counter"

// refundAtCounter records, inside the cancelling transaction, that amount
// of counter sale b goes back from staffID's open till in the way b was
// paid. Without a staff member (a show cancelled by the cinema) the refund
// stays owed at the counter and no till records it.
// Errors: ErrNoOpenTill.
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
