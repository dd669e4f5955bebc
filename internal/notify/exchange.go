package notify

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// KindBookingExchanged is the message telling a buyer their booking moved
// to another show.
const KindBookingExchanged Kind = "booking.exchanged"

// ExchangeMessage is a booking moved to another show: the booking as it
// stands afterwards (its new show, seats, total and fresh e-ticket) and
// the show and seats it left.
type ExchangeMessage struct {
	// Booking is the booking after the move; its Refund is the difference
	// given back (0 when the new seats cost the same).
	Booking BookingMessage `json:"booking"`
	// N numbers the booking's exchanges: each one sends its own message, once.
	N            int32     `json:"n"`
	FromMovie    string    `json:"from_movie"`
	FromTheater  string    `json:"from_theater"`
	FromStartsAt time.Time `json:"from_starts_at"`
	FromSeats    []string  `json:"from_seats"`
	// CalendarPath is the booking's calendar entry (an .ics file) at its
	// new time.
	CalendarPath string `json:"calendar_path"`
}

// BookingExchanged asks, inside tx, for the message telling the buyer that
// their booking moved to another show, with the new show, seats, refund,
// calendar entry and e-ticket. Transactional: email always, text and push
// when the buyer chose them. Asking twice for one exchange sends one.
// Errors: ErrInvalid (no seats).
func (s *Service) BookingExchanged(ctx context.Context, tx pgx.Tx, m ExchangeMessage) error {
	if len(m.Booking.Seats) == 0 || len(m.FromSeats) == 0 {
		return fmt.Errorf("exchange %d of booking %d without seats: %w", m.N, m.Booking.BookingID, ErrInvalid)
	}
	userID, email, ok := bookingRecipient(ctx, &m.Booking)
	if !ok {
		return nil // the buyer deleted their account
	}
	key := string(KindBookingExchanged) + ":" + strconv.FormatInt(m.Booking.BookingID, 10) + ":" + strconv.Itoa(int(m.N))
	_, err := s.enqueue(ctx, tx, message{key: key, kind: KindBookingExchanged, category: Transactional,
		userID: userID, email: email, data: payload{Exchange: &m}})
	return err
}
