package booking

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// CounterSale is a sale at the box office: the seats of one show, how they
// were paid and, for cash, what the customer handed over.
type CounterSale struct {
	ShowID int64
	Seats  []string
	// Method is PayCash, PayCard or PayVoucher; a voucher needs VoucherRef.
	Method     string
	VoucherRef string
	// Tendered is the cash handed over (minor units); 0 means exact.
	Tendered int64
}

// CounterReceipt is a counter sale as made: the booking and the change due.
type CounterReceipt struct {
	Booking
	Method   string
	Tendered int64
	Change   int64
	TillID   int64
}

// SellAtCounter sells seats at the counter through clerkID's open till,
// all or nothing, in one transaction: the seats are locked FOR UPDATE in
// seat order (as a hold locks them, so the two never deadlock), each must
// be free or its hold ran out (the ran-out booking expires), then a
// confirmed booking is written (channel counter, no buyer account, the
// seats' show prices and no booking fee: the fee pays for online selling),
// the seats are booked, an event is recorded and open seat maps are told
// on commit. No payment provider is called. The show must be at the
// till's theater. Errors: ErrNoOpenTill, ErrNotFound (the show is not at
// the till's theater), ErrNotOnSale, ErrInvalid (method, voucher, seats,
// too little cash), ErrSeatTaken (*SeatsTakenError naming the seats).
func (s *Service) SellAtCounter(ctx context.Context, clerkID int64, sale CounterSale) (CounterReceipt, error) {
	till, err := s.OpenTillOf(ctx, clerkID)
	if err != nil {
		return CounterReceipt{}, err
	}
	if err := checkCounterPayment(&sale); err != nil {
		return CounterReceipt{}, err
	}
	seats, err := s.checkSelection(sale.Seats)
	if err != nil {
		return CounterReceipt{}, err
	}
	d, err := s.openShow(ctx, sale.ShowID)
	if err != nil {
		return CounterReceipt{}, err
	}
	if d.TheaterID != till.TheaterID {
		return CounterReceipt{}, fmt.Errorf("show %d is not at till %d's theater: %w", d.ID, till.ID, ErrNotFound)
	}
	if !s.onSale(d) {
		return CounterReceipt{}, ErrNotOnSale
	}
	var r CounterReceipt
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		r, err = s.sellTx(ctx, tx, clerkID, till, d, seats, sale)
		return err
	})
	if err != nil {
		return CounterReceipt{}, fmt.Errorf("sell %v of show %d at the counter: %w", seats, sale.ShowID, err)
	}
	s.publishAvailability(ctx, d.ID)
	return r, nil
}

// checkCounterPayment validates the way a sale is paid.
func checkCounterPayment(sale *CounterSale) error {
	sale.VoucherRef = strings.TrimSpace(sale.VoucherRef)
	errs := validate.Errors{}
	switch sale.Method {
	case PayCash, PayCard:
		sale.VoucherRef = ""
	case PayVoucher:
		errs.Check(sale.VoucherRef != "", "voucher", i18n.Msg("Enter the voucher's reference."))
		errs.Check(len(sale.VoucherRef) <= 64, "voucher", i18n.Msg("A voucher reference has at most 64 characters."))
	default:
		errs["method"] = i18n.Msg("Choose how the customer paid: cash, card or voucher.")
	}
	errs.Check(sale.Tendered >= 0, "tendered", i18n.Msg("Enter the cash handed over as an amount like 20.00."))
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// sellTx is the sale's transaction.
func (s *Service) sellTx(ctx context.Context, tx pgx.Tx, clerkID int64, till Till, d catalog.ShowDetail, seats []string, sale CounterSale) (CounterReceipt, error) {
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
		b.Seats = append(b.Seats, BookedSeat{Seat: l.Seat, Category: catalog.Category(l.Category), Price: l.PriceMinor})
		b.Subtotal += l.PriceMinor
		p.Seats, p.Categories, p.Prices = append(p.Seats, l.Seat), append(p.Categories, l.Category), append(p.Prices, l.PriceMinor)
	}
	if len(blocked) > 0 {
		return CounterReceipt{}, validate.Errors{"seats": "Not for sale: " + strings.Join(blocked, ", ") + "."}
	}
	if len(taken) > 0 {
		return CounterReceipt{}, &SeatsTakenError{Seats: taken}
	}
	b.Total = b.Subtotal
	r := CounterReceipt{Method: sale.Method, TillID: till.ID, Tendered: sale.Tendered}
	if sale.Method == PayCash {
		if r.Tendered == 0 {
			r.Tendered = b.Total
		}
		if r.Tendered < b.Total {
			return CounterReceipt{}, validate.Errors{"tendered": i18n.Msg("That is less than the total due.")}
		}
		r.Change = r.Tendered - b.Total
	}
	if len(stale) > 0 {
		if err := s.expire(ctx, tx, stale, "hold ran out; seats sold at the box office"); err != nil {
			return CounterReceipt{}, err
		}
	}
	if b.Code, err = newCode(); err != nil {
		return CounterReceipt{}, err
	}
	in := bookingdb.CounterBookingInsertParams{Code: b.Code, ShowID: d.ID, TheaterID: d.TheaterID, Currency: b.Currency,
		Total: b.Total, Method: sale.Method, SoldBy: &clerkID, TillSessionID: &till.ID}
	if sale.VoucherRef != "" {
		in.VoucherRef = &sale.VoucherRef
	}
	row, err := s.q.CounterBookingInsert(ctx, tx, in)
	if err != nil {
		return CounterReceipt{}, fmt.Errorf("record sale: %w", err)
	}
	b.ID, b.CreatedAt, p.BookingID = row.ID, row.CreatedAt, row.ID
	if err := s.q.CounterSeatsInsert(ctx, tx, p); err != nil {
		return CounterReceipt{}, fmt.Errorf("record seats: %w", err)
	}
	n, err := s.q.CounterSeatsBook(ctx, tx, bookingdb.CounterSeatsBookParams{BookingID: &b.ID, ShowID: d.ID, Seats: seats})
	if err != nil || int(n) != len(seats) {
		return CounterReceipt{}, fmt.Errorf("book %d of %d seats: %w", n, len(seats), err)
	}
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID, Status: string(Confirmed),
		Note: fmt.Sprintf("sold at the box office %v, paid by %s (till %d)", seats, sale.Method, till.ID)}); err != nil {
		return CounterReceipt{}, fmt.Errorf("record event: %w", err)
	}
	pg.AfterCommit(ctx, s.opts.Events.Purchase)
	r.Booking = b
	return r, announce(ctx, tx, d.ID)
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
