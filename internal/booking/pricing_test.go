package booking_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
)

func pricingSeats(prices map[string]int64) []booking.BookedSeat {
	var out []booking.BookedSeat
	for label, price := range prices {
		cat := catalog.Standard
		if label[0] >= 'I' {
			cat = catalog.Premium
		}
		out = append(out, booking.BookedSeat{Seat: label, Category: cat, Price: price})
	}
	return out
}

func TestQuoteItemisesCategoriesWithFeePerTicket(t *testing.T) {
	t.Parallel()
	p := booking.DefaultPricingPolicy().Quote("GBP", pricingSeats(map[string]int64{"J2": 1500, "C5": 1000, "C6": 1000}), booking.Discount{})
	require.Equal(t, []booking.PriceLine{
		{Category: catalog.Standard, Count: 2, Unit: 1000, Amount: 2000},
		{Category: catalog.Premium, Count: 1, Unit: 1500, Amount: 1500},
	}, p.Lines, "standard before premium, counted per category")
	require.Equal(t, 3, p.Tickets)
	require.Equal(t, int64(3500), p.Subtotal)
	require.Equal(t, int64(75), p.FeePerTicket)
	require.Equal(t, int64(225), p.Fee, "75p for each of three tickets")
	require.Zero(t, p.Tax, "prices include tax by default")
	require.Equal(t, int64(3725), p.Total)
}

func TestQuoteRoundsTaxHalfUpOnDiscountedTicketsAndFees(t *testing.T) {
	t.Parallel()
	policy := booking.PricingPolicy{Default: booking.Charges{FeePerTicket: 75},
		ByCurrency: map[string]booking.Charges{"USD": {FeePerTicket: 150, TaxBasisPoints: 888}}}
	// (999 + 150) * 8.88% = 102.0312 -> 102
	p := policy.Quote("USD", pricingSeats(map[string]int64{"C1": 999}), booking.Discount{})
	require.Equal(t, int64(102), p.Tax)
	require.Equal(t, int64(999+150+102), p.Total)
	// (1000 - 500 + 150) * 8.88% = 57.72 -> 58
	p = policy.Quote("USD", pricingSeats(map[string]int64{"C1": 1000}), booking.Discount{Code: "HALF", PercentOff: 50})
	require.Equal(t, int64(58), p.Tax)
	require.Equal(t, int64(1000-500+150+58), p.Total)
	// Exactly half a minor unit rounds up: 25 * 2% = 0.5 -> 1.
	half := booking.PricingPolicy{Default: booking.Charges{TaxBasisPoints: 200}}.Quote("EUR", pricingSeats(map[string]int64{"C1": 25}), booking.Discount{})
	require.Equal(t, int64(1), half.Tax)
	other := policy.Quote("GBP", pricingSeats(map[string]int64{"C1": 1000}), booking.Discount{})
	require.Equal(t, int64(75), other.Fee, "a currency without its own charges uses the default")
}

func TestQuotePercentagePromoRoundsHalfUpOnTicketsOnly(t *testing.T) {
	t.Parallel()
	p := booking.DefaultPricingPolicy().Quote("GBP", pricingSeats(map[string]int64{"C1": 1001, "C2": 1000, "C3": 1000}),
		booking.Discount{Code: "SAVE15", PercentOff: 15})
	// 15% of 3001 = 450.15 -> 450
	require.Equal(t, int64(450), p.Discount)
	require.Equal(t, "SAVE15", p.PromoCode)
	require.Equal(t, int64(3001-450+225), p.Total, "the fee is never discounted")
	p = booking.DefaultPricingPolicy().Quote("GBP", pricingSeats(map[string]int64{"C1": 1001}), booking.Discount{Code: "X", PercentOff: 50})
	require.Equal(t, int64(501), p.Discount, "500.5 rounds up")
	p = booking.DefaultPricingPolicy().Quote("GBP", pricingSeats(map[string]int64{"C1": 1001}), booking.Discount{Code: "FREE", PercentOff: 100})
	require.Equal(t, int64(75), p.Total, "a free ticket still pays the booking fee")
}

func TestQuoteFixedPromoNeverGoesBelowZeroAndKeepsToItsCurrency(t *testing.T) {
	t.Parallel()
	policy := booking.DefaultPricingPolicy()
	p := policy.Quote("GBP", pricingSeats(map[string]int64{"C1": 1000, "C2": 1000}), booking.Discount{Code: "FIVER", AmountOff: 500, Currency: "GBP"})
	require.Equal(t, int64(500), p.Discount)
	require.Equal(t, int64(2000-500+150), p.Total)
	p = policy.Quote("GBP", pricingSeats(map[string]int64{"C1": 1000}), booking.Discount{Code: "BIG", AmountOff: 5000, Currency: "GBP"})
	require.Equal(t, int64(1000), p.Discount, "capped at the tickets")
	require.Equal(t, int64(75), p.Total, "tickets free, fee still due, never negative")
	p = policy.Quote("INR", pricingSeats(map[string]int64{"C1": 25000}), booking.Discount{Code: "FIVER", AmountOff: 500, Currency: "GBP"})
	require.Zero(t, p.Discount, "pounds off do not apply to rupees")
}

func TestParsePricing(t *testing.T) {
	t.Parallel()
	p, err := booking.ParsePricing("75/0, INR:2000/1800")
	require.NoError(t, err)
	require.Equal(t, int64(75), p.For("GBP").FeePerTicket)
	require.Equal(t, int64(2000), p.For("INR").FeePerTicket)
	require.Equal(t, int64(1800), p.For("INR").TaxBasisPoints)
	for _, bad := range []string{"75", "x/0", "inr:1/0", "75/20000"} {
		_, err := booking.ParsePricing(bad)
		require.Error(t, err, bad)
	}
}
