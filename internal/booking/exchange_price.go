package booking

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// newSeat is a seat of the new show as the exchange sees it.
type newSeat struct {
	seat, state, category string
	price                 int64
	available             bool
}

// priceExchange checks the new seats of show to (found: the seats of that
// show the statement saw, by label) against booking row and its live
// seats, and prices the move. Errors: validate.Errors (seats: a seat not
// in the screen or not for sale, not as many as the booking has),
// *SeatsTakenError.
func (s *Service) priceExchange(ctx context.Context, row bookingdb.BookingBooking, live []bookingdb.BookingBookingSeat,
	from, to catalog.ShowDetail, chosen []string, found map[string]newSeat,
) (ExchangeQuote, error) {
	q := ExchangeQuote{From: from, To: to, Currency: row.Currency}
	q.Deadline, q.Allowed = s.exchangeWindow(row, from)
	old := make([]BookedSeat, 0, len(live))
	for _, st := range live {
		q.OldSeats = append(q.OldSeats, st.Seat)
		q.OldAmount += st.PriceMinor
		old = append(old, bookedSeatFromRow(st))
	}
	seats, err := exchangeSeats(chosen, len(live))
	if err != nil {
		return q, err
	}
	var missing, blocked, taken []string
	for _, seat := range seats {
		ns, ok := found[seat]
		switch {
		case !ok:
			missing = append(missing, seat)
		case ns.state == "blocked":
			blocked = append(blocked, seat)
		case !ns.available:
			taken = append(taken, seat)
		}
	}
	if len(missing) > 0 {
		return q, validate.Errors{"seats": "Some of those seats are not in this screen: " + strings.Join(missing, ", ") + "."}
	}
	if len(blocked) > 0 {
		return q, validate.Errors{"seats": "Not for sale: " + strings.Join(blocked, ", ") + "."}
	}
	if len(taken) > 0 {
		return q, &SeatsTakenError{Seats: taken}
	}
	// Each ticket keeps its type (a child's stays a child's), at the new
	// seat's price for that type.
	fresh := make([]BookedSeat, 0, len(seats))
	for _, seat := range seats {
		ns := found[seat]
		fresh = append(fresh, BookedSeat{Seat: seat, Category: catalog.Category(ns.category), Price: ns.price, ListPrice: ns.price})
	}
	typed, err := assignTicketTypes(ctx, fresh, to.OfferedTicketTypes(), ticketCountsOf(old))
	if err != nil {
		return q, fmt.Errorf("tickets %v at show %d: %v: %w", ticketCountsOf(old), to.ID, err, ErrTicketTypeNotOffered)
	}
	for _, st := range typed {
		q.NewAmount += st.Price
	}
	q.Seats, q.tickets, q.Difference = seats, typed, q.NewAmount-q.OldAmount
	return q, nil
}

// sellAsTickets gives the seats booking id was just given on show showID
// the ticket types and prices of tickets.
func (s *Service) sellAsTickets(ctx context.Context, tx pgx.Tx, id, showID int64, tickets []BookedSeat) error {
	for _, st := range tickets {
		var typeID *int64
		if st.Ticket.TypeID != 0 {
			typeID = &st.Ticket.TypeID
		}
		if err := s.q.ExchangeSeatSetTicket(ctx, tx, bookingdb.ExchangeSeatSetTicketParams{ListPriceMinor: st.ListPrice,
			PriceMinor: st.Price, TicketTypeID: typeID, TicketTypeCode: st.Ticket.Code, TicketTypeName: st.Ticket.Name,
			ProofRequired: st.Ticket.ProofRequired, ProofNote: st.Ticket.ProofNote, BookingID: id, ShowID: showID, Seat: st.Seat}); err != nil {
			return fmt.Errorf("sell seat %s as %s: %w", st.Seat, st.Ticket.Code, err)
		}
	}
	return nil
}
