package notify

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// SeatsCancelledMessage is a partial cancellation of a booking: the
// booking as it stands afterwards (its remaining seats, total and fresh
// e-ticket) and what was cancelled, refunded and kept.
type SeatsCancelledMessage struct {
	// Booking is the booking after the cancellation; its Refund is this
	// cancellation's refund.
	Booking BookingMessage `json:"booking"`
	// N numbers the booking's partial cancellations: each one sends its
	// own message, once.
	N int32 `json:"n"`
	// Seats are the seats cancelled.
	Seats []string `json:"seats"`
	// Items are the food lines cancelled, as the buyer reads them
	// ("2 × Popcorn").
	Items []string `json:"items,omitempty"`
	// Fee is the part of the chain's cancellation fee kept.
	Fee int64 `json:"fee"`
}

// BookingSeatsCancelled asks, inside tx, for the message telling the buyer
// that some seats (and food) of their booking were cancelled, with the
// refund, the fee kept, the seats left and a fresh e-ticket. Transactional:
// email always, text and push when the buyer chose them. Asking twice for
// one cancellation sends one. Errors: ErrInvalid (nothing cancelled).
func (s *Service) BookingSeatsCancelled(ctx context.Context, tx pgx.Tx, m SeatsCancelledMessage) error {
	if len(m.Seats) == 0 && len(m.Items) == 0 {
		return fmt.Errorf("partial cancellation %d of booking %d without seats or food: %w", m.N, m.Booking.BookingID, ErrInvalid)
	}
	userID, email, ok := bookingRecipient(ctx, &m.Booking)
	if !ok {
		return nil // the buyer deleted their account
	}
	key := "booking.seats_cancelled:" + strconv.FormatInt(m.Booking.BookingID, 10) + ":" + strconv.Itoa(int(m.N))
	_, err := s.enqueue(ctx, tx, message{key: key, kind: KindSeatsCancelled, category: Transactional,
		userID: userID, email: email, data: payload{SeatsCancelled: &m}})
	return err
}
