package booking

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
)

// ReceiptSale tells payments what a booking sold, for its receipt or tax
// invoice (payments.ReceiptFacts): one line per category and ticket type,
// the promo discount, the booking fee and each food line, with the tax
// the booking recorded. Ticket tax is one figure on tickets and fees
// together, so it is shared out by line at the site's rate, the rounding
// difference on the largest line. Descriptions are in English: a tax
// document is issued once, in one language.
// Errors: ErrNotFound.
func (s *Service) ReceiptSale(ctx context.Context, bookingID int64) (payments.ReceiptSale, error) {
	row, err := s.q.BookingGet(ctx, s.pool, bookingID)
	if errors.Is(err, pgx.ErrNoRows) {
		return payments.ReceiptSale{}, fmt.Errorf("booking %d: %w", bookingID, ErrNotFound)
	}
	if err != nil {
		return payments.ReceiptSale{}, fmt.Errorf("get booking %d: %w", bookingID, err)
	}
	show, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return payments.ReceiptSale{}, fmt.Errorf("show of booking %d: %w", bookingID, err)
	}
	seatRows, err := s.q.BookingSeatList(ctx, s.pool, bookingID)
	if err != nil {
		return payments.ReceiptSale{}, fmt.Errorf("seats of booking %d: %w", bookingID, err)
	}
	food, err := s.bookingFood(ctx, s.pool, bookingID)
	if err != nil {
		return payments.ReceiptSale{}, err
	}
	out := payments.ReceiptSale{BookingID: row.ID, Code: row.Code, ChainID: show.Theater.ChainID, TheaterID: show.Theater.ID,
		Theater: show.Theater.Name, CitySlug: show.Theater.CitySlug, TimeZone: show.Theater.TimeZone, Currency: row.Currency}
	if row.GuestEmail != nil {
		out.GuestEmail = *row.GuestEmail
	}
	if row.GuestLang != nil {
		out.GuestLang = *row.GuestLang
	}
	seats := make([]BookedSeat, len(seatRows))
	for i, r := range seatRows {
		seats[i] = bookedSeatFromRow(r)
	}
	rate := s.pricingFor(show.Chain).For(row.Currency).TaxBasisPoints
	out.Lines = ticketSaleLines(show, seats, row.SubtotalMinor, row.DiscountMinor, row.FeeMinor, row.TaxMinor, rate)
	var menu []catalog.MenuItem
	if len(food) > 0 {
		if menu, err = s.shows.TheaterMenu(ctx, show.Theater.ID); err != nil {
			return payments.ReceiptSale{}, fmt.Errorf("menu of theater %d: %w", show.Theater.ID, err)
		}
	}
	for _, l := range food {
		out.Lines = append(out.Lines, payments.SaleLine{Description: l.Title(), Qty: l.Qty, Unit: l.Unit, Net: l.Amount(),
			RateBP: foodRate(menu, l), Tax: l.Tax})
	}
	return out, nil
}

// ticketSaleLines are a booking's tickets (by category and type), its
// discount and booking fee, with the ticket tax shared out among them.
func ticketSaleLines(show catalog.ShowDetail, seats []BookedSeat, subtotal, discount, fee, tax, rate int64) []payments.SaleLine {
	var lines []payments.SaleLine
	if len(seats) > 0 {
		p := PricingPolicy{}.Quote("", seats, Discount{})
		if p.Subtotal == subtotal {
			for _, l := range p.Lines {
				name := l.TicketType
				if name == "" {
					name = "Adult"
				}
				lines = append(lines, payments.SaleLine{Description: fmt.Sprintf("%s: %s, %s ticket", show.Movie.Title,
					titleCase(string(l.Category)), name), Qty: l.Count, Unit: l.Unit, Net: l.Amount})
			}
		}
	}
	if lines == nil && subtotal != 0 {
		lines = append(lines, payments.SaleLine{Description: show.Movie.Title + ": tickets", Qty: 1, Unit: subtotal, Net: subtotal})
	}
	if discount != 0 {
		lines = append(lines, payments.SaleLine{Description: "Promo discount", Qty: 1, Unit: -discount, Net: -discount})
	}
	if fee != 0 {
		lines = append(lines, payments.SaleLine{Description: "Booking fee", Qty: len(seats), Unit: fee / int64(max(len(seats), 1)),
			Net: fee})
	}
	if tax == 0 {
		return lines
	}
	if base := subtotal - discount + fee; rate == 0 || priceRoundDiv(base*rate, 10000) != tax {
		// The site's rate changed since the sale: the rate it was sold at.
		rate = priceRoundDiv(tax*10000, max(base, 1))
	}
	largest, shared := 0, int64(0)
	for i := range lines {
		lines[i].RateBP = rate
		lines[i].Tax = signedRoundDiv(lines[i].Net*rate, 10000)
		shared += lines[i].Tax
		if lines[i].Net > lines[largest].Net {
			largest = i
		}
	}
	if len(lines) > 0 {
		lines[largest].Tax += tax - shared
	}
	return lines
}

// foodRate is the tax rate a food line was sold at: its menu item's, when
// that gives the tax recorded, else worked out from the tax itself.
func foodRate(menu []catalog.MenuItem, l FoodLine) int64 {
	for _, m := range menu {
		if m.ID == l.MenuItemID && foodLineTax(l.Unit, l.Qty, m.TaxBP) == l.Tax {
			return int64(m.TaxBP)
		}
	}
	if l.Amount() == 0 {
		return 0
	}
	return priceRoundDiv(l.Tax*10000, l.Amount())
}

// signedRoundDiv divides n by a positive d, rounding half away from zero.
func signedRoundDiv(n, d int64) int64 {
	if n < 0 {
		return -priceRoundDiv(-n, d)
	}
	return priceRoundDiv(n, d)
}

// titleCase writes a seat category for a document ("Standard").
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
