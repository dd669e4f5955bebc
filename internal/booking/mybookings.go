package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
)

// BookingLine is a booking in a buyer's list, with its show.
type BookingLine struct {
	Booking
	Show catalog.AdminShow
	// Holding: seats are held and the buyer can still check out.
	Holding bool
}

// BookingsByShowTime lists the user's bookings split by their show's start:
// upcoming (soonest first) and past (latest first). Holds that ran out are
// left out. It runs three queries however many bookings there are.
func (s *Service) BookingsByShowTime(ctx context.Context, userID int64) (upcoming, past []BookingLine, err error) {
	list, err := s.MyBookings(ctx, userID)
	if err != nil {
		return nil, nil, err
	}
	list = slices.DeleteFunc(list, func(b Booking) bool { return b.Status == Held && !s.checkoutOpen(b.Status, b.HoldExpiresAt) })
	if len(list) == 0 {
		return nil, nil, nil
	}
	ids, showIDs := make([]int64, len(list)), make([]int64, 0, len(list))
	for i, b := range list {
		ids[i] = b.ID
		if !slices.Contains(showIDs, b.ShowID) {
			showIDs = append(showIDs, b.ShowID)
		}
	}
	seats, err := s.q.BookingSeatListForBookings(ctx, s.pool, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("seats of bookings of user %d: %w", userID, err)
	}
	bySeat := map[int64][]BookedSeat{}
	for _, st := range seats {
		bySeat[st.BookingID] = append(bySeat[st.BookingID], BookedSeat{Seat: st.Seat, Category: catalog.Category(st.Category), Price: st.PriceMinor})
	}
	shows, err := s.shows.ShowsForAdmin(ctx, showIDs)
	if err != nil {
		return nil, nil, fmt.Errorf("shows of bookings of user %d: %w", userID, err)
	}
	now := s.opts.Now()
	for _, b := range list {
		b.Seats = bySeat[b.ID]
		show, ok := shows[b.ShowID]
		if !ok {
			continue
		}
		line := BookingLine{Booking: b, Show: show, Holding: s.checkoutOpen(b.Status, b.HoldExpiresAt)}
		if show.StartsAt.After(now) {
			upcoming = append(upcoming, line)
		} else {
			past = append(past, line)
		}
	}
	slices.SortStableFunc(upcoming, func(a, b BookingLine) int { return a.Show.StartsAt.Compare(b.Show.StartsAt) })
	slices.SortStableFunc(past, func(a, b BookingLine) int { return b.Show.StartsAt.Compare(a.Show.StartsAt) })
	return upcoming, past, nil
}

// TicketBooking is a buyer's booking with its show and check-in time, for
// the e-ticket.
type TicketBooking struct {
	Booking     StaffBooking
	Show        catalog.ShowDetail
	CheckedInAt *time.Time
}

// TicketBooking returns the user's booking id with its seats and show.
// Errors: ErrNotFound (also for another user's booking).
func (s *Service) TicketBooking(ctx context.Context, userID, id int64) (TicketBooking, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (row.UserID == nil || *row.UserID != userID)) {
		return TicketBooking{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return TicketBooking{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	list, err := s.staffWithSeats(ctx, []bookingdb.BookingBooking{row})
	if err != nil {
		return TicketBooking{}, err
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return TicketBooking{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	return TicketBooking{Booking: list[0], Show: d, CheckedInAt: row.CheckedInAt}, nil
}
