package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
)

// SeatState is how a seat looks to a buyer.
type SeatState string

// Seat states. A hold that ran out shows as free.
const (
	Free    SeatState = "free"
	HeldBy  SeatState = "held"
	Sold    SeatState = "booked"
	Blocked SeatState = "blocked"
)

// MapSeat is one seat on a show's seat map.
type MapSeat struct {
	Seat      string
	Row, Col  int
	Category  catalog.Category
	Price     int64
	State     SeatState
	BookingID int64 // the hold or booking it belongs to; 0 when free
}

// SeatMap is a show with its seats as buyers see them right now (never
// cached: a buying decision is made on it).
type SeatMap struct {
	Show  catalog.ShowDetail
	Seats []MapSeat
}

// SeatMap returns the show's seats. Errors: ErrNotFound.
func (s *Service) SeatMap(ctx context.Context, showID int64) (SeatMap, error) {
	d, err := s.openShow(ctx, showID)
	if err != nil {
		return SeatMap{}, err
	}
	rows, err := s.q.ShowSeatList(ctx, s.pool, showID)
	if err != nil {
		return SeatMap{}, fmt.Errorf("seats of show %d: %w", showID, err)
	}
	m := SeatMap{Show: d, Seats: make([]MapSeat, len(rows))}
	for i, r := range rows {
		m.Seats[i] = MapSeat{Seat: r.Seat, Row: int(r.RowIdx), Col: int(r.ColIdx), Category: catalog.Category(r.Category),
			Price: r.PriceMinor, State: SeatState(r.State)}
		if r.BookingID != nil && m.Seats[i].State != Free {
			m.Seats[i].BookingID = *r.BookingID
		}
	}
	return m, nil
}

// MyBookings lists the user's bookings, newest first (expired holds left out).
func (s *Service) MyBookings(ctx context.Context, userID int64) ([]Booking, error) {
	rows, err := s.q.BookingListForUser(ctx, s.pool, &userID)
	if err != nil {
		return nil, fmt.Errorf("bookings of user %d: %w", userID, err)
	}
	out := make([]Booking, len(rows))
	for i, r := range rows {
		out[i] = bookingFromRow(r)
	}
	return out, nil
}

// Event is one step in a booking's history.
type Event struct {
	At     time.Time
	Status Status
	Note   string
}

// BookingByCode finds a booking by its code for staff, with its seats and
// history. Errors: ErrNotFound.
func (s *Service) BookingByCode(ctx context.Context, code string) (Booking, []Event, error) {
	row, err := s.q.BookingGetByCode(ctx, s.pool, code)
	if errors.Is(err, pgx.ErrNoRows) {
		return Booking{}, nil, fmt.Errorf("booking %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return Booking{}, nil, fmt.Errorf("get booking %s: %w", code, err)
	}
	b := bookingFromRow(row)
	seats, err := s.q.BookingSeatList(ctx, s.pool, b.ID)
	if err != nil {
		return Booking{}, nil, fmt.Errorf("seats of booking %s: %w", code, err)
	}
	for _, st := range seats {
		b.Seats = append(b.Seats, BookedSeat{Seat: st.Seat, Category: catalog.Category(st.Category), Price: st.PriceMinor})
	}
	evs, err := s.q.BookingEventList(ctx, s.pool, b.ID)
	if err != nil {
		return Booking{}, nil, fmt.Errorf("history of booking %s: %w", code, err)
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = Event{At: e.At, Status: Status(e.Status), Note: e.Note}
	}
	return b, out, nil
}
