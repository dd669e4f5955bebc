package booking

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// StaffBooking is a booking as staff see it: with when it was paid for,
// when its guest came in and the promo code it used.
type StaffBooking struct {
	Booking
	// TheaterID is the catalogue theater the booking is for (staff scope).
	TheaterID   int64
	ConfirmedAt *time.Time
	CheckedInAt *time.Time
	PromoCode   string
	// Channel is online or counter; a counter sale records how it was
	// paid (PaymentMethod), its voucher and the till it was rung up in.
	Channel       string
	PaymentMethod string
	VoucherRef    string
	TillID        int64
}

func staffBookingFromRow(r bookingdb.BookingBooking) StaffBooking {
	b := StaffBooking{Booking: bookingFromRow(r), TheaterID: r.TheaterID, ConfirmedAt: r.ConfirmedAt, CheckedInAt: r.CheckedInAt}
	if r.PromoCode != nil {
		b.PromoCode = *r.PromoCode
	}
	b.Channel, b.PaymentMethod = r.Channel, r.PaymentMethod
	if r.VoucherRef != nil {
		b.VoucherRef = *r.VoucherRef
	}
	if r.TillSessionID != nil {
		b.TillID = *r.TillSessionID
	}
	return b
}

// parseBookingCode turns what someone typed ("k7m 4qx", "K7M4QX") into a
// booking code ("K7M-4QX"); ok is false when it cannot be one.
func parseBookingCode(typed string) (code string, ok bool) {
	c := strings.ToUpper(strings.Join(strings.Fields(typed), ""))
	if len(c) == 6 && !strings.Contains(c, "-") {
		c = c[:3] + "-" + c[3:]
	}
	if len(c) != 7 || c[3] != '-' {
		return c, false
	}
	for i := range len(c) {
		if i != 3 && !strings.ContainsRune(codeAlphabet, rune(c[i])) {
			return c, false
		}
	}
	return c, true
}

// StaffBookingByCode returns a booking with its seats and history.
// Errors: ErrNotFound.
func (s *Service) StaffBookingByCode(ctx context.Context, code string) (StaffBooking, []Event, error) {
	b, err := s.staffBooking(ctx, code)
	if err != nil {
		return StaffBooking{}, nil, err
	}
	evs, err := s.q.BookingEventList(ctx, s.pool, b.ID)
	if err != nil {
		return StaffBooking{}, nil, fmt.Errorf("history of booking %s: %w", code, err)
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = Event{At: e.At, Status: Status(e.Status), Note: e.Note}
	}
	if out, err = s.withTransferEvents(ctx, b.ID, out); err != nil {
		return StaffBooking{}, nil, err
	}
	return b, out, nil
}

// staffBooking returns a booking with its seats. Errors: ErrNotFound.
func (s *Service) staffBooking(ctx context.Context, code string) (StaffBooking, error) {
	row, err := s.q.BookingGetByCode(ctx, s.pool, code)
	if errors.Is(err, pgx.ErrNoRows) {
		return StaffBooking{}, fmt.Errorf("booking %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return StaffBooking{}, fmt.Errorf("get booking %s: %w", code, err)
	}
	list, err := s.staffWithSeats(ctx, []bookingdb.BookingBooking{row})
	if err != nil {
		return StaffBooking{}, err
	}
	return list[0], nil
}

// StaffBookingsForUser lists a customer's bookings in every state, newest
// first (at most 200), with their seats, in two queries.
func (s *Service) StaffBookingsForUser(ctx context.Context, userID int64) ([]StaffBooking, error) {
	rows, err := s.q.StaffBookingListForUser(ctx, s.pool, &userID)
	if err != nil {
		return nil, fmt.Errorf("bookings of user %d: %w", userID, err)
	}
	return s.staffWithSeats(ctx, rows)
}

// StaffBookingsForShow lists a show's bookings (holds marked expired left
// out) in the order they were made, with their seats, in two queries.
func (s *Service) StaffBookingsForShow(ctx context.Context, showID int64) ([]StaffBooking, error) {
	rows, err := s.q.StaffBookingListForShow(ctx, s.pool, showID)
	if err != nil {
		return nil, fmt.Errorf("bookings of show %d: %w", showID, err)
	}
	return s.staffWithSeats(ctx, rows)
}

// staffWithSeats converts rows and loads all their seats in one query.
func (s *Service) staffWithSeats(ctx context.Context, rows []bookingdb.BookingBooking) ([]StaffBooking, error) {
	out := make([]StaffBooking, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids, at := make([]int64, len(rows)), make(map[int64]int, len(rows))
	for i, r := range rows {
		out[i], ids[i], at[r.ID] = staffBookingFromRow(r), r.ID, i
	}
	seats, err := s.q.BookingSeatListForBookings(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("seats of %d bookings: %w", len(ids), err)
	}
	for _, st := range seats {
		b := &out[at[st.BookingID]]
		b.Seats = append(b.Seats, bookedSeatFromRow(bookingdb.BookingBookingSeat{Seat: st.Seat, Category: st.Category,
			PriceMinor: st.PriceMinor, TicketTypeID: st.TicketTypeID, TicketTypeCode: st.TicketTypeCode,
			TicketTypeName: st.TicketTypeName, ListPriceMinor: st.ListPriceMinor, ProofRequired: st.ProofRequired, ProofNote: st.ProofNote}))
	}
	for i := range out {
		slices.SortFunc(out[i].Seats, func(a, b BookedSeat) int { return compareSeats(a.Seat, b.Seat) })
	}
	return out, nil
}

// compareSeats orders seat labels as people read them: by row, then by
// number (D9 before D10).
func compareSeats(a, b string) int {
	ra, na := splitSeat(a)
	rb, nb := splitSeat(b)
	if c := cmp.Compare(len(ra), len(rb)); c != 0 {
		return c
	}
	if c := strings.Compare(ra, rb); c != 0 {
		return c
	}
	if c := cmp.Compare(na, nb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// splitSeat splits "D10" into its row "D" and number 10.
func splitSeat(label string) (row string, n int) {
	row = strings.TrimRight(label, "0123456789")
	n, _ = strconv.Atoi(label[len(row):])
	return row, n
}

// Occupancy is a show's seats right now with the bookings holding or
// owning them, for staff.
type Occupancy struct {
	Map SeatMap
	// Bookings are the show's bookings by id (code, check-in time).
	Bookings map[int64]StaffBooking
}

// Occupancy returns show showID's seats and bookings in a constant number
// of queries. Errors: ErrNotFound.
func (s *Service) Occupancy(ctx context.Context, showID int64) (Occupancy, error) {
	m, err := s.SeatMap(ctx, showID)
	if err != nil {
		return Occupancy{}, err
	}
	rows, err := s.q.StaffBookingListForShow(ctx, s.pool, showID)
	if err != nil {
		return Occupancy{}, fmt.Errorf("bookings of show %d: %w", showID, err)
	}
	o := Occupancy{Map: m, Bookings: make(map[int64]StaffBooking, len(rows))}
	for _, r := range rows {
		o.Bookings[r.ID] = staffBookingFromRow(r)
	}
	return o, nil
}
