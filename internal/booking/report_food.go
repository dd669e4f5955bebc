package booking

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
)

// FoodSold is one item of food or drink in one size sold in one currency:
// at one theater (TheaterID set) or, summed by name and size, at every
// theater of the report (TheaterID 0). Qty counts units on sales still
// confirmed; Sales is before tax.
type FoodSold struct {
	Currency      string
	TheaterID     int64
	Theater       string
	Item, Variant string
	Qty           int64
	Sales, Tax    int64
}

// Gross is what buyers paid for the item, tax included.
func (f FoodSold) Gross() int64 { return f.Sales + f.Tax }

// reportFood sums the food and drink sold in one query: every theater's
// lines, each theater's best sellers first, after (when more than one
// theater sold any) the lines of every theater summed by item and size,
// again best sellers first.
func (s *Service) reportFood(ctx context.Context, w reportWindow, theaters []catalog.ReportTheater) ([]FoodSold, error) {
	rows, err := s.q.ReportFood(ctx, s.pool, bookingdb.ReportFoodParams{Zones: w.zones, TheaterIds: w.ids,
		FromTime: w.from, UntilTime: w.until, FromDay: w.q.From, ToDay: w.q.To})
	if err != nil {
		return nil, fmt.Errorf("food and drink sold at theaters %v: %w", w.ids, err)
	}
	names := make(map[int64]string, len(theaters))
	for _, t := range theaters {
		names[t.ID] = t.Name
	}
	out := make([]FoodSold, 0, len(rows))
	for _, r := range rows {
		out = append(out, FoodSold{Currency: r.Currency, TheaterID: r.TheaterID, Theater: names[r.TheaterID],
			Item: r.Name, Variant: r.Variant, Qty: r.Qty, Sales: r.SalesMinor, Tax: r.TaxMinor})
	}
	slices.SortStableFunc(out, func(a, b FoodSold) int {
		return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Theater, b.Theater), cmp.Compare(a.TheaterID, b.TheaterID), bestSeller(a, b))
	})
	if slices.ContainsFunc(out, func(f FoodSold) bool { return f.TheaterID != out[0].TheaterID }) {
		out = append(foodEverywhere(out), out...)
	}
	return out, nil
}

// foodEverywhere sums lines of every theater by currency, item and size,
// best sellers first.
func foodEverywhere(lines []FoodSold) []FoodSold {
	type key struct{ currency, item, variant string }
	sums := map[key]*FoodSold{}
	var order []key
	for _, l := range lines {
		k := key{l.Currency, l.Item, l.Variant}
		if sums[k] == nil {
			sums[k], order = &FoodSold{Currency: l.Currency, Item: l.Item, Variant: l.Variant}, append(order, k)
		}
		sums[k].Qty, sums[k].Sales, sums[k].Tax = sums[k].Qty+l.Qty, sums[k].Sales+l.Sales, sums[k].Tax+l.Tax
	}
	out := make([]FoodSold, 0, len(order))
	for _, k := range order {
		out = append(out, *sums[k])
	}
	slices.SortStableFunc(out, func(a, b FoodSold) int { return cmp.Or(cmp.Compare(a.Currency, b.Currency), bestSeller(a, b)) })
	return out
}

// bestSeller orders food by units sold, then by gross, then by name and
// size.
func bestSeller(a, b FoodSold) int {
	return cmp.Or(cmp.Compare(b.Qty, a.Qty), cmp.Compare(b.Gross(), a.Gross()), cmp.Compare(a.Item, b.Item), cmp.Compare(a.Variant, b.Variant))
}
