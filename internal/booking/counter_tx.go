package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// maxSellerName is the longest clerk's name a receipt keeps.
const maxSellerName = 200

// sellTx is a counter sale's transaction.
func (s *Service) sellTx(ctx context.Context, tx pgx.Tx, clerkID int64, till Till, d catalog.ShowDetail, seats []string,
	food []FoodLine, sale CounterSale) (CounterReceipt, error) {
	locked, err := s.q.CounterSeatLock(ctx, tx, bookingdb.CounterSeatLockParams{ShowID: d.ID, Seats: seats})
	if err != nil {
		return CounterReceipt{}, fmt.Errorf("lock seats: %w", err)
	}
	if len(locked) != len(seats) {
		return CounterReceipt{}, validate.Errors{"seats": "Some of those seats are not in this screen: " + missingSeats(seats, locked) + "."}
	}
	var taken, blocked []string
	var stale []int64
	b := Booking{ShowID: d.ID, Status: Confirmed, Currency: d.City.Currency}
	p := bookingdb.CounterSeatsInsertParams{ShowID: d.ID}
	for _, l := range locked {
		switch {
		case l.State == "blocked":
			blocked = append(blocked, l.Seat)
		case !l.Available:
			taken = append(taken, l.Seat)
		case l.BookingID != nil:
			stale = append(stale, *l.BookingID)
		}
		b.Seats = append(b.Seats, BookedSeat{Seat: l.Seat, Category: catalog.Category(l.Category), Price: l.PriceMinor, ListPrice: l.PriceMinor})
		p.Seats, p.Categories, p.Prices = append(p.Seats, l.Seat), append(p.Categories, l.Category), append(p.Prices, l.PriceMinor)
	}
	if len(blocked) > 0 {
		return CounterReceipt{}, validate.Errors{"seats": "Not for sale: " + strings.Join(blocked, ", ") + "."}
	}
	if len(taken) > 0 {
		return CounterReceipt{}, &SeatsTakenError{Seats: taken}
	}
	offered := d.OfferedTicketTypes()
	if len(sale.Tickets) > 0 {
		if b.Seats, err = assignTicketTypes(ctx, b.Seats, offered, sale.Tickets); err != nil {
			return CounterReceipt{}, err
		}
	} else {
		b.Seats, _ = defaultTicketTypes(b.Seats, offered)
	}
	price := s.counterPricing(d.Chain).Quote(b.Currency, b.Seats, Discount{}).WithFood(food)
	b.Subtotal, b.Tax, b.Total = price.Subtotal, price.Tax, price.Total
	r := CounterReceipt{Method: sale.Method, TillID: till.ID, Tendered: sale.Tendered, Price: price}
	if err := settleCash(&r, b.Total); err != nil {
		return CounterReceipt{}, err
	}
	if len(stale) > 0 {
		if err := s.expire(ctx, tx, stale, "hold ran out; seats sold at the box office"); err != nil {
			return CounterReceipt{}, err
		}
	}
	if b.ID, b.Code, b.CreatedAt, err = s.insertCounterBooking(ctx, tx, clerkID, till, d.ID, r, price, sale); err != nil {
		return CounterReceipt{}, err
	}
	p.BookingID = b.ID
	if err := s.q.CounterSeatsInsert(ctx, tx, p); err != nil {
		return CounterReceipt{}, fmt.Errorf("record seats: %w", err)
	}
	typed := slices.DeleteFunc(slices.Clone(b.Seats), func(st BookedSeat) bool { return st.Ticket.Code == "" })
	if err := s.storeSeatTickets(ctx, tx, b.ID, typed); err != nil { // the rest stay the built-in Adult
		return CounterReceipt{}, err
	}
	n, err := s.q.CounterSeatsBook(ctx, tx, bookingdb.CounterSeatsBookParams{BookingID: &b.ID, ShowID: d.ID, Seats: seats})
	if err != nil || int(n) != len(seats) {
		return CounterReceipt{}, fmt.Errorf("book %d of %d seats: %w", n, len(seats), err)
	}
	if err := s.sellFoodTx(ctx, tx, b.ID, food); err != nil {
		return CounterReceipt{}, err
	}
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID, Status: string(Confirmed),
		Note: fmt.Sprintf("sold at the box office %v, paid by %s (till %d)", seats, sale.Method, till.ID)}); err != nil {
		return CounterReceipt{}, fmt.Errorf("record event: %w", err)
	}
	pg.AfterCommit(ctx, s.opts.Events.Purchase)
	r.Booking = b
	return r, announce(ctx, tx, d.ID)
}

// insertCounterBooking writes the confirmed booking of a counter sale
// with its amounts, the cash handed over and the seller's name.
func (s *Service) insertCounterBooking(ctx context.Context, tx pgx.Tx, clerkID int64, till Till, showID int64, r CounterReceipt,
	price Price, sale CounterSale) (int64, string, time.Time, error) {
	code, err := newCode()
	if err != nil {
		return 0, "", time.Time{}, err
	}
	name := []rune(strings.TrimSpace(sale.SellerName))
	seller := string(name[:min(len(name), maxSellerName)])
	in := bookingdb.CounterBookingInsertParams{Code: code, ShowID: showID, TheaterID: till.TheaterID, Currency: price.Currency,
		Subtotal: price.Subtotal, Tax: price.Tax, Total: price.Total, Method: sale.Method, SoldBy: &clerkID,
		TillSessionID: &till.ID, SellerName: &seller}
	if sale.VoucherRef != "" {
		in.VoucherRef = &sale.VoucherRef
	}
	if r.Method == PayCash {
		in.Tendered, in.Change = &r.Tendered, &r.Change
	}
	row, err := s.q.CounterBookingInsert(ctx, tx, in)
	if err != nil {
		return 0, "", time.Time{}, fmt.Errorf("record sale: %w", err)
	}
	return row.ID, code, row.CreatedAt, nil
}

// sellFoodTx records the food of a counter sale and takes its stock, in
// the sale's transaction. Errors: validate.Errors under "food" when an
// item sold out meanwhile.
func (s *Service) sellFoodTx(ctx context.Context, tx pgx.Tx, bookingID int64, food []FoodLine) error {
	for _, l := range food {
		if err := s.q.BookingItemInsertWithOptions(ctx, tx, bookingdb.BookingItemInsertWithOptionsParams{BookingID: bookingID,
			MenuItemID: l.MenuItemID, Name: l.Name, Variant: l.Variant, Qty: int32(l.Qty), UnitPriceMinor: l.Unit, TaxMinor: l.Tax,
			Options: append([]string{}, l.Options...)}); err != nil {
			return fmt.Errorf("add %s: %w", l.Name, err)
		}
	}
	err := s.takeFoodStock(ctx, tx, bookingID)
	if errors.Is(err, ErrFoodSoldOut) {
		return validate.Errors{"food": i18n.Msg("Some of that food has just sold out: check the menu and sell again.")}
	}
	return err
}

func missingSeats(want []string, got []bookingdb.CounterSeatLockRow) string {
	have := map[string]bool{}
	for _, g := range got {
		have[g.Seat] = true
	}
	var out []string
	for _, w := range want {
		if !have[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}
