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
	// Declined: the last payment attempt failed and none is under way.
	Declined bool
}

// BookingLists are a buyer's bookings as My bookings shows them.
type BookingLists struct {
	// Upcoming: held, being paid or confirmed, for shows that have not
	// ended, soonest first.
	Upcoming []BookingLine
	// Past: confirmed bookings of shows that have ended, latest first.
	Past []BookingLine
	// Closed: cancelled, refunded or unpaid bookings, latest show first.
	Closed []BookingLine
}

// BookingsByShowTime lists the user's bookings split by state and show
// time (see BookingLists). Holds that ran out are left out. It runs four
// queries however many bookings there are.
func (s *Service) BookingsByShowTime(ctx context.Context, userID int64) (BookingLists, error) {
	var out BookingLists
	list, err := s.MyBookings(ctx, userID)
	if err != nil {
		return out, err
	}
	list = slices.DeleteFunc(list, func(b Booking) bool { return b.Status == Held && !s.checkoutOpen(b.Status, b.HoldExpiresAt) })
	if len(list) == 0 {
		return out, nil
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
		return out, fmt.Errorf("seats of bookings of user %d: %w", userID, err)
	}
	bySeat := map[int64][]BookedSeat{}
	for _, st := range seats {
		bySeat[st.BookingID] = append(bySeat[st.BookingID], BookedSeat{Seat: st.Seat, Category: catalog.Category(st.Category), Price: st.PriceMinor})
	}
	declined, err := s.paymentDeclined(ctx, s.pool, list)
	if err != nil {
		return out, err
	}
	shows, err := s.shows.ShowsForAdmin(ctx, showIDs)
	if err != nil {
		return out, fmt.Errorf("shows of bookings of user %d: %w", userID, err)
	}
	now := s.opts.Now()
	for _, b := range list {
		b.Seats = bySeat[b.ID]
		show, ok := shows[b.ShowID]
		if !ok {
			continue
		}
		line := BookingLine{Booking: b, Show: show, Holding: s.checkoutOpen(b.Status, b.HoldExpiresAt), Declined: declined[b.ID]}
		switch {
		case !lineActive(line, now):
			out.Closed = append(out.Closed, line)
		case showEnd(show.Show).After(now):
			out.Upcoming = append(out.Upcoming, line)
		default:
			out.Past = append(out.Past, line)
		}
	}
	slices.SortStableFunc(out.Upcoming, func(a, b BookingLine) int { return a.Show.StartsAt.Compare(b.Show.StartsAt) })
	slices.SortStableFunc(out.Past, func(a, b BookingLine) int { return b.Show.StartsAt.Compare(a.Show.StartsAt) })
	slices.SortStableFunc(out.Closed, func(a, b BookingLine) int { return b.Show.StartsAt.Compare(a.Show.StartsAt) })
	return out, nil
}

// lineActive reports whether a booking still stands or may yet: confirmed,
// held, or being paid while its hold runs. A declined payment keeps the
// booking active while the buyer may try again.
func lineActive(l BookingLine, now time.Time) bool {
	switch l.Status {
	case Confirmed:
		return true
	case Held:
		return l.HoldExpiresAt.After(now)
	case PendingPayment: // a payment under way may still confirm it
		return !l.Declined || l.HoldExpiresAt.After(now)
	}
	return false
}

// showEnd is when a show's film ends (its start when the end is unknown).
func showEnd(s catalog.Show) time.Time {
	if s.EndsAt.After(s.StartsAt) {
		return s.EndsAt
	}
	return s.StartsAt
}

// paymentDeclined reports which of the pending_payment bookings in list had
// their last payment attempt declined, with none under way since: the
// buyer must be told at once, not "processing" until the hold runs out.
func (s *Service) paymentDeclined(ctx context.Context, db bookingdb.DBTX, list []Booking) (map[int64]bool, error) {
	var ids []int64
	for _, b := range list {
		if b.Status == PendingPayment {
			ids = append(ids, b.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.q.BookingLastPaymentDeclined(ctx, db, ids)
	if err != nil {
		return nil, fmt.Errorf("declined payments of bookings %v: %w", ids, err)
	}
	out := make(map[int64]bool, len(rows))
	for _, id := range rows {
		out[id] = true
	}
	return out, nil
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
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(row.UserID, userID)) {
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
	tb := TicketBooking{Booking: list[0], Show: d, CheckedInAt: row.CheckedInAt}
	if tb.Booking.TicketEpoch, err = s.ticketEpoch(ctx, s.pool, id); err != nil {
		return TicketBooking{}, err
	}
	return tb, nil
}
