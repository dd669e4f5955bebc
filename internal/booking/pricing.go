package booking

import (
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
)

// Charges are what a booking pays on top of its tickets in one currency.
type Charges struct {
	// FeePerTicket is the convenience fee per ticket, in minor units.
	FeePerTicket int64
	// TaxBasisPoints is the tax rate on the discounted tickets plus fees
	// (1 basis point = 0.01%, so 2000 is 20%). 0 where prices include tax.
	TaxBasisPoints int64
}

// PricingPolicy sets the fee and tax of a booking, per currency with a
// default for the rest.
type PricingPolicy struct {
	Default    Charges
	ByCurrency map[string]Charges
}

// DefaultPricingPolicy is a fee of 75 minor units per ticket (75p, 75¢)
// and no added tax: ticket prices already include it.
func DefaultPricingPolicy() PricingPolicy {
	return PricingPolicy{Default: Charges{FeePerTicket: 75}}
}

// For returns the charges that apply in currency.
func (p PricingPolicy) For(currency string) Charges {
	if c, ok := p.ByCurrency[currency]; ok {
		return c
	}
	return p.Default
}

// pricingPolicy is the policy the service prices bookings with.
func (s *Service) pricingPolicy() PricingPolicy {
	if s.opts.Pricing != nil {
		return *s.opts.Pricing
	}
	return DefaultPricingPolicy()
}

// pricingFor is the policy a chain's bookings are priced with: the site's,
// with the chain's own booking fee per ticket where it sets one (the tax
// stays the site's).
func (s *Service) pricingFor(c catalog.Chain) PricingPolicy {
	p := s.pricingPolicy()
	if c.Policy.BookingFee == nil {
		return p
	}
	fee := *c.Policy.BookingFee
	out := PricingPolicy{Default: Charges{FeePerTicket: fee, TaxBasisPoints: p.Default.TaxBasisPoints},
		ByCurrency: make(map[string]Charges, len(p.ByCurrency))}
	for cur, ch := range p.ByCurrency {
		ch.FeePerTicket = fee
		out.ByCurrency[cur] = ch
	}
	return out
}

// Discount is a promo code's effect on the tickets: a percentage or a fixed
// amount off (in Currency). The zero value is no discount.
type Discount struct {
	Code       string
	PercentOff int64  // 1..100
	AmountOff  int64  // minor units of Currency
	Currency   string // of AmountOff
}

// PriceLine is the tickets of one category and ticket type at one price.
type PriceLine struct {
	Category catalog.Category
	// TicketType is the name of the ticket type ("" for seats read
	// without one, sold at their full price).
	TicketType string
	Count      int
	Unit       int64
	Amount     int64
}

// Price is a booking's itemised price, all in minor units of Currency:
// Total = Subtotal - Discount + Fee + Tax.
type Price struct {
	Currency       string
	Lines          []PriceLine
	Tickets        int
	Subtotal       int64
	Discount       int64
	PromoCode      string
	FeePerTicket   int64
	Fee            int64
	TaxBasisPoints int64
	Tax            int64
	// Food is the food and drink bought with the tickets; FoodSubtotal
	// (before tax) and FoodTax are kept apart from the ticket figures
	// above so reports can split takings. Total includes them.
	Food         []FoodLine
	FoodSubtotal int64
	FoodTax      int64
	Total        int64
}

// FoodLine is one item of food or drink on a booking, priced when chosen:
// Unit before tax, Tax for the whole line.
type FoodLine struct {
	MenuItemID int64
	Name       string
	Variant    string
	Qty        int
	Unit       int64
	Tax        int64
	// Options are the options chosen ("Flavour: Sweet", "Extra butter"),
	// their prices included in Unit.
	Options []string
	// CollectedAt is when the counter handed it over (nil: not yet).
	CollectedAt *time.Time
	Refunded    bool
}

// Amount is the line before tax.
func (l FoodLine) Amount() int64 { return l.Unit * int64(l.Qty) }

// foodLineTax is the tax of qty items at unit with taxBP basis points,
// rounded half up once for the line.
func foodLineTax(unit int64, qty int, taxBP int) int64 {
	return priceRoundDiv(unit*int64(qty)*int64(taxBP), 10000)
}

// WithFood adds food lines to a ticket price: their subtotal and tax go
// into the total; the booking fee stays per ticket and the promo
// discount stays on the tickets.
func (p Price) WithFood(lines []FoodLine) Price {
	p.Food = lines
	p.FoodSubtotal, p.FoodTax = 0, 0
	for _, l := range lines {
		p.FoodSubtotal += l.Amount()
		p.FoodTax += l.Tax
	}
	p.Total += p.FoodSubtotal + p.FoodTax
	return p
}

// Quote prices seats in currency with an optional discount.
//
// The discount applies to the tickets only, never to fees, and never takes
// them below zero: a percentage is rounded half up to the minor unit
// (12.5% of 1,001 is 125), a fixed amount is capped at the subtotal and
// counts only in its own currency. Tax is charged on the discounted tickets
// plus fees and rounded half up. All arithmetic is on integers.
func (p PricingPolicy) Quote(currency string, seats []BookedSeat, d Discount) Price {
	ch := p.For(currency)
	out := Price{Currency: currency, Tickets: len(seats), FeePerTicket: ch.FeePerTicket, TaxBasisPoints: ch.TaxBasisPoints}
	for _, st := range seats {
		out.Subtotal += st.Price
		i := slices.IndexFunc(out.Lines, func(l PriceLine) bool {
			return l.Category == st.Category && l.Unit == st.Price && l.TicketType == st.Ticket.Name
		})
		if i < 0 {
			out.Lines = append(out.Lines, PriceLine{Category: st.Category, TicketType: st.Ticket.Name, Unit: st.Price})
			i = len(out.Lines) - 1
		}
		out.Lines[i].Count++
		out.Lines[i].Amount += st.Price
	}
	slices.SortStableFunc(out.Lines, func(a, b PriceLine) int {
		return slices.Index(catalog.Categories(), a.Category) - slices.Index(catalog.Categories(), b.Category)
	})
	switch {
	case d.PercentOff > 0:
		out.Discount = priceRoundDiv(out.Subtotal*min(d.PercentOff, 100), 100)
	case d.AmountOff > 0 && d.Currency == currency:
		out.Discount = d.AmountOff
	}
	out.Discount = min(max(out.Discount, 0), out.Subtotal)
	out.PromoCode = d.Code
	out.Fee = ch.FeePerTicket * int64(len(seats))
	out.Tax = priceRoundDiv((out.Subtotal-out.Discount+out.Fee)*ch.TaxBasisPoints, 10000)
	out.Total = out.Subtotal - out.Discount + out.Fee + out.Tax
	return out
}

// priceRoundDiv divides a non-negative n by d, rounding half up.
func priceRoundDiv(n, d int64) int64 { return (n + d/2) / d }
