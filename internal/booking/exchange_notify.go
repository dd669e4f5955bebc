package booking

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/notify"
)

// ExchangedNotifier is the part of a Notifier that tells a buyer their
// booking moved to another show (*notify.Service). A Notifier without it
// sends nothing for an exchange.
type ExchangedNotifier interface {
	BookingExchanged(ctx context.Context, tx pgx.Tx, m notify.ExchangeMessage) error
}

// exchanged tells the buyer and, when the movie changed, the recommender
// about booking row's move, inside the exchanging transaction.
func (s *Service) exchanged(ctx context.Context, tx pgx.Tx, row bookingdb.BookingBooking, q ExchangeQuote, n int32) error {
	if s.opts.Interactions != nil && row.UserID != nil && q.From.Movie.ID != q.To.Movie.ID {
		if err := s.opts.Interactions.BookingCancelled(ctx, tx, *row.UserID, q.From.Movie.ID); err != nil {
			return fmt.Errorf("record the movie left for recommendations: %w", err)
		}
		if err := s.opts.Interactions.Booked(ctx, tx, *row.UserID, q.To.Movie.ID); err != nil {
			return fmt.Errorf("record the movie taken for recommendations: %w", err)
		}
	}
	nt, ok := s.opts.Notifier.(ExchangedNotifier)
	if !ok {
		return nil
	}
	m, err := s.message(ctx, tx, row, q.To)
	if err != nil {
		return err
	}
	m.Refund = q.Refund()
	err = nt.BookingExchanged(ctx, tx, notify.ExchangeMessage{Booking: m, N: n, FromMovie: q.From.Movie.Title,
		FromTheater: q.From.Theater.Name, FromStartsAt: q.From.StartsAt, FromSeats: q.OldSeats,
		CalendarPath: "/bookings/" + strconv.FormatInt(row.ID, 10) + "/ticket.ics"})
	if err != nil {
		return fmt.Errorf("message for the exchange: %w", err)
	}
	return nil
}
