package booking

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// SeatTicket is the ticket type a seat was sold as, as it was when chosen:
// a later change to the type never changes a sold ticket.
type SeatTicket struct {
	TypeID        int64 // 0 for the built-in Adult
	Code          string
	Name          string
	ProofRequired bool
	ProofNote     string
}

// bookedSeatFromRow reads a seat of a booking with its ticket type.
func bookedSeatFromRow(r bookingdb.BookingBookingSeat) BookedSeat {
	st := BookedSeat{Seat: r.Seat, Category: catalog.Category(r.Category), Price: r.PriceMinor, ListPrice: r.PriceMinor,
		Ticket: SeatTicket{Code: r.TicketTypeCode, Name: r.TicketTypeName, ProofRequired: r.ProofRequired, ProofNote: r.ProofNote}}
	if r.TicketTypeID != nil {
		st.Ticket.TypeID = *r.TicketTypeID
	}
	if r.ListPriceMinor != nil {
		st.ListPrice = *r.ListPriceMinor
	}
	return st
}

// TicketCounts says how many seats of a booking are sold as each ticket
// type, by the type's code ("ADULT": 2, "CHILD": 2).
type TicketCounts map[string]int

// ticketCountsOf counts the seats of a booking by ticket type code.
func ticketCountsOf(seats []BookedSeat) TicketCounts {
	out := TicketCounts{}
	for _, st := range seats {
		out[st.Ticket.Code]++
	}
	return out
}

// assignTicketTypes gives the seats (in seat order) the counted types, in
// the order the types are offered. It refuses a type not offered for the
// show and counts that do not add up to the seats.
// Errors: ErrInvalid with validate.Errors{"ticket_types": message}.
func assignTicketTypes(ctx context.Context, seats []BookedSeat, offered []catalog.TicketType, counts TicketCounts) ([]BookedSeat, error) {
	total := 0
	for code, n := range counts {
		if n < 0 || n > len(seats) {
			return nil, validate.Errors{"ticket_types": i18n.T(ctx, "Choose how many of each ticket, 0 to {{.Count}}.", "Count", len(seats))}
		}
		if n > 0 && !slices.ContainsFunc(offered, func(t catalog.TicketType) bool { return t.Code == code }) {
			return nil, validate.Errors{"ticket_types": i18n.T(ctx, "That ticket type is not sold for this show.")}
		}
		total += n
	}
	if total != len(seats) {
		return nil, validate.Errors{"ticket_types": i18n.T(ctx, "Choose a ticket for each of your {{.Count}} seats.", "Count", len(seats))}
	}
	out := slices.Clone(seats)
	slices.SortFunc(out, func(a, b BookedSeat) int { return compareSeats(a.Seat, b.Seat) })
	i := 0
	for _, t := range offered {
		for range counts[t.Code] {
			st := &out[i]
			st.Ticket = SeatTicket{TypeID: t.ID, Code: t.Code, Name: t.Name, ProofRequired: t.ProofRequired, ProofNote: t.ProofNote}
			st.Price = t.Price(st.Category, st.ListPrice)
			i++
		}
	}
	return out, nil
}

// SetTicketTypes sells the seats of the user's held booking as the counted
// ticket types (assigned in seat order) and reprices it: tickets, fee,
// tax and its promo code, under the booking's row lock.
// Errors: ErrNotFound; ErrInvalid (fields.ticket_types) for a type not
// sold for the show (a child ticket for an 18-certificate film, a matinee
// type in the evening), counts that do not match the seats, or a hold
// that has ended.
func (s *Service) SetTicketTypes(ctx context.Context, userID, bookingID int64, counts TicketCounts) (Checkout, error) {
	c, err := s.BookingDetail(ctx, userID, bookingID)
	if err != nil {
		return Checkout{}, err
	}
	c.TicketTypes = c.Show.OfferedTicketTypes()
	seats, err := assignTicketTypes(ctx, c.Booking.Seats, c.TicketTypes, counts)
	if err != nil {
		return Checkout{}, err
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.lockHeld(ctx, tx, bookingID)
		if err != nil {
			return validate.Errors{"ticket_types": i18n.T(ctx, "Your seats are no longer held, so the tickets cannot change.")}
		}
		if err := s.storeSeatTickets(ctx, tx, bookingID, seats); err != nil {
			return err
		}
		promo, err := s.bookingPromo(ctx, tx, bookingID)
		if err != nil {
			return err
		}
		if c.Price, err = s.repriceLocked(ctx, tx, row, seats, promo); err != nil {
			return err
		}
		return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID,
			Status: string(Held), Note: "ticket types chosen"})
	})
	if err != nil {
		return Checkout{}, fmt.Errorf("set ticket types of booking %d: %w", bookingID, err)
	}
	c.Booking.Seats = seats
	slices.SortFunc(c.Booking.Seats, func(a, b BookedSeat) int { return compareSeats(a.Seat, b.Seat) })
	return checkoutPriced(c), nil
}

// storeSeatTickets records on each seat of a booking the ticket type it is
// sold as and its price, inside the caller's transaction.
func (s *Service) storeSeatTickets(ctx context.Context, tx pgx.Tx, bookingID int64, seats []BookedSeat) error {
	for _, st := range seats {
		var typeID *int64
		if st.Ticket.TypeID != 0 {
			typeID = &st.Ticket.TypeID
		}
		if err := s.q.BookingSeatSetTicketType(ctx, tx, bookingdb.BookingSeatSetTicketTypeParams{PriceMinor: st.Price,
			TicketTypeID: typeID, TicketTypeCode: st.Ticket.Code, TicketTypeName: st.Ticket.Name,
			ProofRequired: st.Ticket.ProofRequired, ProofNote: st.Ticket.ProofNote, BookingID: bookingID, Seat: st.Seat}); err != nil {
			return fmt.Errorf("sell seat %s as %s: %w", st.Seat, st.Ticket.Code, err)
		}
	}
	return nil
}

// defaultTicketTypes gives the seats still sold as the built-in Adult the
// chain's or theater's own Adult type where the show offers one, so its
// price applies before the buyer chooses anything. It reports whether
// any seat changed.
func defaultTicketTypes(seats []BookedSeat, offered []catalog.TicketType) ([]BookedSeat, bool) {
	i := slices.IndexFunc(offered, func(t catalog.TicketType) bool { return t.Code == catalog.AdultCode && t.ID != 0 })
	if i < 0 {
		return seats, false
	}
	adult := offered[i]
	out, changed := slices.Clone(seats), false
	for j := range out {
		st := &out[j]
		if st.Ticket.TypeID != 0 || (st.Ticket.Code != catalog.AdultCode && st.Ticket.Code != "") {
			continue
		}
		st.Ticket = SeatTicket{TypeID: adult.ID, Code: adult.Code, Name: adult.Name, ProofRequired: adult.ProofRequired,
			ProofNote: adult.ProofNote}
		st.Price, changed = adult.Price(st.Category, st.ListPrice), true
	}
	return out, changed
}
