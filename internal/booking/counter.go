package booking

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// CounterSale is a sale at the box office: the seats of one show as
// ticket types, food and drink, how they were paid and, for cash, what the
// customer handed over.
type CounterSale struct {
	ShowID int64
	Seats  []string
	// Tickets counts the seats by ticket type code; empty sells every seat
	// as the show's Adult, as an online hold starts.
	Tickets TicketCounts
	// Food is the menu items (in a size) sold with the seats.
	Food []FoodChoice
	// Method is PayCash, PayCard or PayVoucher; a voucher needs VoucherRef.
	Method     string
	VoucherRef string
	// Tendered is the cash handed over (minor units); 0 means exact.
	Tendered int64
	// SellerName is the clerk's name as the receipt prints it, always.
	SellerName string
}

// CounterReceipt is a counter sale as made: the booking, its itemised
// price (tickets by type, food with its tax) and the change due.
type CounterReceipt struct {
	Booking
	Price    Price
	Method   string
	Tendered int64
	Change   int64
	TillID   int64
}

// SellAtCounter sells seats (and food) at the counter through clerkID's
// open till, all or nothing, in one transaction: the seats are locked FOR
// UPDATE in seat order (as a hold locks them, so the two never deadlock),
// each must be free or its hold ran out (the ran-out booking expires),
// they are sold as the ticket types counted (only those the show offers:
// no child ticket for an 18 film) and priced, with the food and its tax,
// by the online checkout's pricing without the booking fee (the fee pays
// for online selling); then a confirmed booking is written (channel
// counter, no buyer account), the seats are booked, the food's stock is
// taken, an event is recorded and open seat maps are told on commit. No
// payment provider is called. The show must be at the till's theater.
// Errors: ErrNoOpenTill, ErrNotFound (the show is not at the till's
// theater), ErrNotOnSale, ErrInvalid (method, voucher, seats, ticket
// types, food, too little cash), ErrSeatTaken (*SeatsTakenError naming
// the seats).
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
	// The ticket types as they are now, as the online checkout reads them
	// (the show cache may predate a new type).
	fresh, err := s.shows.ShowDetail(ctx, d.ID)
	if err != nil {
		return CounterReceipt{}, fmt.Errorf("show %d: %w", d.ID, err)
	}
	d.TicketTypes, d.Movie = fresh.TicketTypes, fresh.Movie
	food, err := s.counterFood(ctx, till.TheaterID, sale.Food)
	if err != nil {
		return CounterReceipt{}, err
	}
	var r CounterReceipt
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		r, err = s.sellTx(ctx, tx, clerkID, till, d, seats, food, sale)
		return err
	})
	if err != nil {
		return CounterReceipt{}, fmt.Errorf("sell %v of show %d at the counter: %w", seats, sale.ShowID, err)
	}
	s.publishAvailability(ctx, d.ID)
	return r, nil
}

// counterFood prices the food of a counter sale from the theater's menu
// as the online checkout does. Errors: validate.Errors under "food".
func (s *Service) counterFood(ctx context.Context, theaterID int64, choices []FoodChoice) ([]FoodLine, error) {
	if len(choices) == 0 {
		return nil, nil
	}
	menu, err := s.shows.TheaterMenu(ctx, theaterID)
	if err != nil {
		return nil, fmt.Errorf("menu of theater %d: %w", theaterID, err)
	}
	return priceFood(menu, choices)
}

// counterPricing is the online checkout's pricing for a chain without the
// booking fee: the same ticket prices and tax.
func (s *Service) counterPricing(c catalog.Chain) PricingPolicy {
	p := s.pricingFor(c)
	out := PricingPolicy{Default: p.Default, ByCurrency: make(map[string]Charges, len(p.ByCurrency))}
	out.Default.FeePerTicket = 0
	for cur, ch := range p.ByCurrency {
		ch.FeePerTicket = 0
		out.ByCurrency[cur] = ch
	}
	return out
}

// settleCash fills in the cash handed over (exact when 0) and the change
// of a cash sale of total. Errors: ErrInvalid (too little cash).
func settleCash(r *CounterReceipt, total int64) error {
	if r.Method != PayCash {
		r.Tendered = 0
		return nil
	}
	if r.Tendered == 0 {
		r.Tendered = total
	}
	if r.Tendered < total {
		return validate.Errors{"tendered": i18n.Msg("That is less than the total due.")}
	}
	r.Change = r.Tendered - total
	return nil
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
