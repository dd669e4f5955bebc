package booking

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// SeatProblem is a seat whose inventory breaks an invariant: sold to two
// confirmed bookings, or shown on the seat map otherwise than its booking
// says.
type SeatProblem struct {
	ShowID int64
	Seat   string
	// SoldTwice is true when more than one confirmed booking lists the seat;
	// otherwise the seat map (show_seats) and the booking's seats disagree.
	SoldTwice bool
	Detail    string
}

// BookingFact is what the invariant checker compares with payments.
type BookingFact struct {
	ID         int64
	Status     Status
	TotalMinor int64
	Currency   string
	UpdatedAt  time.Time
	// Counter is true for a sale at the box office: paid at the counter,
	// with no payment to compare.
	Counter bool
}

// Audit reads booking's invariants for `server check`: the seats sold
// twice or out of step with their bookings, and every booking's money
// facts. It only reads (no locks), so it can run beside a live site; the
// facts are a snapshot of each query, not of one transaction.
func Audit(ctx context.Context, pool *pgxpool.Pool) ([]SeatProblem, []BookingFact, error) {
	q := bookingdb.New()
	var problems []SeatProblem
	twice, err := q.AuditSeatSoldTwice(ctx, pool)
	if err != nil {
		return nil, nil, fmt.Errorf("audit seats sold twice: %w", err)
	}
	for _, r := range twice {
		problems = append(problems, SeatProblem{ShowID: r.ShowID, Seat: r.Seat, SoldTwice: true,
			Detail: "confirmed bookings " + joinIDs(r.BookingIds)})
	}
	stray, err := q.AuditBookedSeatStray(ctx, pool)
	if err != nil {
		return nil, nil, fmt.Errorf("audit booked seats: %w", err)
	}
	for _, r := range stray {
		problems = append(problems, SeatProblem{ShowID: r.ShowID, Seat: r.Seat,
			Detail: fmt.Sprintf("booked for booking %d (%s), which does not hold it as a confirmed seat", r.BookingID, r.BookingStatus)})
	}
	unbooked, err := q.AuditBookingSeatUnbooked(ctx, pool)
	if err != nil {
		return nil, nil, fmt.Errorf("audit confirmed seats: %w", err)
	}
	for _, r := range unbooked {
		problems = append(problems, SeatProblem{ShowID: r.ShowID, Seat: r.Seat,
			Detail: fmt.Sprintf("confirmed booking %d has it, the seat map says %s (booking %d)", r.BookingID, r.SeatState, r.SeatBookingID)})
	}
	rows, err := q.AuditBookings(ctx, pool)
	if err != nil {
		return nil, nil, fmt.Errorf("audit bookings: %w", err)
	}
	facts := make([]BookingFact, len(rows))
	for i, r := range rows {
		facts[i] = BookingFact{ID: r.ID, Status: Status(r.Status), TotalMinor: r.TotalMinor, Currency: r.Currency, UpdatedAt: r.UpdatedAt, Counter: r.Channel == channelCounter}
	}
	return problems, facts, nil
}

func joinIDs(ids []int64) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += strconv.FormatInt(id, 10)
	}
	return s
}
