package booking

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// AfterSaleLine is what buyers of one theater did after the sale, in one
// currency, on a report's dates.
type AfterSaleLine struct {
	Currency  string
	TheaterID int64
	Theater   string
	// SeatsCancelled were given back from bookings that stay (partial
	// cancellations), refunding Refunded and keeping FeesKept.
	SeatsCancelled, Refunded, FeesKept int64
	// FoodCancelled lines of food were given back (some or all of each
	// line's units), refunding FoodRefunded.
	FoodCancelled, FoodRefunded int64
	// Transfers are offers of tickets accepted by someone else.
	Transfers int64
	// Exchanges moved bookings to another show; the buyers paid
	// DifferencePaid for dearer seats and got DifferenceRefunded back for
	// cheaper ones.
	Exchanges, DifferencePaid, DifferenceRefunded int64
	// WaitlistOffers are seats offered to people waiting for a sold-out
	// show; OffersTaken of them were paid for, bringing WaitlistSales.
	WaitlistOffers, OffersTaken, WaitlistSales int64
}

// reportAfterSale sums the after-sale actions by theater in one query.
func (s *Service) reportAfterSale(ctx context.Context, w reportWindow, theaters []catalog.ReportTheater) ([]AfterSaleLine, error) {
	rows, err := s.q.ReportAfterSale(ctx, s.pool, bookingdb.ReportAfterSaleParams{Zones: w.zones, TheaterIds: w.ids,
		FromTime: w.from, UntilTime: w.until, FromDay: w.q.From, ToDay: w.q.To})
	if err != nil {
		return nil, fmt.Errorf("after-sale actions at theaters %v: %w", w.ids, err)
	}
	names := make(map[int64]string, len(theaters))
	for _, t := range theaters {
		names[t.ID] = t.Name
	}
	var out []AfterSaleLine
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].Currency != r.Currency || out[len(out)-1].TheaterID != r.TheaterID {
			out = append(out, AfterSaleLine{Currency: r.Currency, TheaterID: r.TheaterID, Theater: names[r.TheaterID]})
		}
		l := &out[len(out)-1]
		switch r.Kind {
		case "seat_cancelled":
			l.SeatsCancelled, l.Refunded, l.FeesKept = r.Actions, r.AmountMinor, r.KeptMinor
		case "food_cancelled":
			l.FoodCancelled, l.FoodRefunded = r.Actions, r.AmountMinor
		case "transferred":
			l.Transfers = r.Actions
		case "exchanged":
			l.Exchanges, l.DifferencePaid, l.DifferenceRefunded = r.Actions, r.AmountMinor, r.KeptMinor
		case "waitlist_offered":
			l.WaitlistOffers, l.WaitlistSales, l.OffersTaken = r.Actions, r.AmountMinor, r.KeptMinor
		}
	}
	return out, nil
}

// afterSaleSheets lays the lines out as one table per currency, a row
// per theater and a total.
func afterSaleSheets(ctx context.Context, lines []AfterSaleLine) []reportSheet {
	head := []string{i18n.T(ctx, "Seats given back"), i18n.T(ctx, "Refunded"), i18n.T(ctx, "Fees kept"),
		i18n.T(ctx, "Food lines given back"), i18n.T(ctx, "Food refunded"), i18n.T(ctx, "Transfers accepted"),
		i18n.T(ctx, "Exchanges"), i18n.T(ctx, "Differences paid"), i18n.T(ctx, "Differences refunded"),
		i18n.T(ctx, "Waitlist offers"), i18n.T(ctx, "Offers taken"), i18n.T(ctx, "Sold from the waitlist")}
	cells := func(l AfterSaleLine) []reportCell {
		return []reportCell{cellCount(l.SeatsCancelled), cellMoney(l.Refunded), cellMoney(l.FeesKept),
			cellCount(l.FoodCancelled), cellMoney(l.FoodRefunded), cellCount(l.Transfers),
			cellCount(l.Exchanges), cellMoney(l.DifferencePaid), cellMoney(l.DifferenceRefunded),
			cellCount(l.WaitlistOffers), cellCount(l.OffersTaken), cellMoney(l.WaitlistSales)}
	}
	var out []reportSheet
	var total AfterSaleLine
	for i, l := range lines {
		if i == 0 || lines[i-1].Currency != l.Currency {
			out = append(out, reportSheet{section: i18n.T(ctx, "After the sale"), currency: l.Currency, item: i18n.T(ctx, "Theater"), head: head})
			total = AfterSaleLine{}
		}
		s := &out[len(out)-1]
		s.rows = append(s.rows, reportLine{item: l.Theater, cells: cells(l)})
		total.SeatsCancelled, total.Refunded, total.FeesKept = total.SeatsCancelled+l.SeatsCancelled, total.Refunded+l.Refunded, total.FeesKept+l.FeesKept
		total.FoodCancelled, total.FoodRefunded = total.FoodCancelled+l.FoodCancelled, total.FoodRefunded+l.FoodRefunded
		total.Transfers, total.Exchanges = total.Transfers+l.Transfers, total.Exchanges+l.Exchanges
		total.DifferencePaid, total.DifferenceRefunded = total.DifferencePaid+l.DifferencePaid, total.DifferenceRefunded+l.DifferenceRefunded
		total.WaitlistOffers, total.OffersTaken = total.WaitlistOffers+l.WaitlistOffers, total.OffersTaken+l.OffersTaken
		total.WaitlistSales += l.WaitlistSales
		s.foot = &reportLine{item: i18n.T(ctx, "Total"), cells: cells(total)}
	}
	return out
}
