package booking

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
)

// showTx returns a show from the cache or, on a miss, read inside tx.
func (s *Service) showTx(ctx context.Context, tx pgx.Tx, id int64) (catalog.ShowDetail, error) {
	d, err := s.cache.get(ctx, id, func(ctx context.Context) (catalog.ShowDetail, error) {
		return s.shows.ShowDetailTx(ctx, tx, id)
	})
	if err != nil {
		return catalog.ShowDetail{}, fmt.Errorf("show %d: %w", id, err)
	}
	return d, nil
}

// message gathers what a message about booking row shows: the show's
// movie, theater and time (d), the seats and, for a confirmed booking,
// the signed e-ticket.
func (s *Service) message(ctx context.Context, tx pgx.Tx, row bookingdb.BookingBooking, d catalog.ShowDetail) (notify.BookingMessage, error) {
	seats, err := s.q.BookingSeatList(ctx, tx, row.ID)
	if err != nil {
		return notify.BookingMessage{}, fmt.Errorf("seats of booking %d: %w", row.ID, err)
	}
	b := bookingFromRow(row)
	m := notify.BookingMessage{BookingID: row.ID, UserID: b.UserID, Code: row.Code, MovieID: d.Movie.ID, Movie: d.Movie.Title,
		Theater: d.Theater.Name, Screen: d.Screen.Name, TimeZone: d.Theater.TimeZone, StartsAt: d.StartsAt,
		Total: row.TotalMinor, Refund: row.RefundMinor, Currency: row.Currency, Reason: row.CancelReason,
		TicketPath: "/bookings/" + strconv.FormatInt(row.ID, 10) + "/ticket",
		ChainName:  d.Chain.Name, BrandColor: d.Chain.BrandColor, TicketNote: d.Chain.TicketNote}
	if row.UserID == nil && row.GuestEmail != nil {
		m.Guest = &notify.Recipient{Email: *row.GuestEmail, Phone: deref(row.GuestPhone), Lang: deref(row.GuestLang)}
		if s.opts.Tickets != nil {
			m.TicketPath = "/bookings/access/" + s.GuestAccessToken(row.ID, *row.GuestEmail)
		}
	}
	for _, st := range seats {
		m.Seats, m.SeatTypes = append(m.Seats, st.Seat), append(m.SeatTypes, st.TicketTypeName)
		b.Seats = append(b.Seats, BookedSeat{Seat: st.Seat, Price: st.PriceMinor})
	}
	if Status(row.Status) == Confirmed && s.opts.Tickets != nil {
		if b.TicketEpoch, err = s.ticketEpoch(ctx, tx, row.ID); err != nil {
			return notify.BookingMessage{}, err
		}
		if m.TicketToken, err = s.opts.Tickets.Issue(b); err != nil {
			return notify.BookingMessage{}, err
		}
	}
	return m, nil
}

// confirmed tells the buyer and the recommender about a booking just
// confirmed, inside the confirming transaction.
func (s *Service) confirmed(ctx context.Context, tx pgx.Tx, id int64, d catalog.ShowDetail) error {
	if s.opts.Notifier == nil && s.opts.Interactions == nil {
		return nil
	}
	row, err := s.q.BookingGet(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("reread booking %d: %w", id, err)
	}
	m, err := s.message(ctx, tx, row, d)
	if err != nil {
		return err
	}
	if s.opts.Notifier != nil && (m.UserID != 0 || m.Guest != nil) {
		if err := s.opts.Notifier.BookingConfirmed(ctx, tx, m); err != nil {
			return fmt.Errorf("confirmation message for booking %d: %w", id, err)
		}
	}
	if s.opts.Interactions != nil && m.UserID != 0 {
		if err := s.opts.Interactions.Booked(ctx, tx, m.UserID, m.MovieID); err != nil {
			return fmt.Errorf("record booking %d for recommendations: %w", id, err)
		}
		if t, ok := s.opts.Interactions.(TheaterBookings); ok {
			if err := t.BookedAt(ctx, tx, m.UserID, d.Theater.ID); err != nil {
				return fmt.Errorf("record booking %d's theater for recommendations: %w", id, err)
			}
		}
	}
	return nil
}

// cancelled tells the buyer and the recommender about a cancellation,
// inside the cancelling transaction.
func (s *Service) cancelled(ctx context.Context, tx pgx.Tx, row bookingdb.BookingBooking, d catalog.ShowDetail, byCinema, wasPaid bool) error {
	if (row.UserID == nil && row.GuestEmail == nil) || (s.opts.Notifier == nil && s.opts.Interactions == nil) {
		return nil
	}
	m, err := s.message(ctx, tx, row, d)
	if err != nil {
		return err
	}
	m.ByCinema = byCinema
	// Only a booking that was paid for is worth a message; an abandoned
	// hold swept up by a show cancellation is not.
	if s.opts.Notifier != nil && wasPaid {
		if err := s.opts.Notifier.BookingCancelled(ctx, tx, m); err != nil {
			return fmt.Errorf("cancellation message for booking %d: %w", row.ID, err)
		}
	}
	if s.opts.Interactions != nil && wasPaid && m.UserID != 0 {
		if err := s.opts.Interactions.BookingCancelled(ctx, tx, m.UserID, m.MovieID); err != nil {
			return fmt.Errorf("record cancellation of booking %d: %w", row.ID, err)
		}
	}
	return nil
}
