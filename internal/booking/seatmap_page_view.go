package booking

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/money"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// seatMapState is what a seat map page shows besides the seats: the ticked
// seats, a message, and the best-available form as last sent.
type seatMapState struct {
	Selected []string
	Error    string
	Notice   string
	Best     views.BestForm
	Holding  *views.HeldSeats
}

// seatMapProps builds the seat map page of m. Ticked seats that are no
// longer free are left unticked.
func (h *Handler) seatMapProps(m SeatMap, st seatMapState, signedIn bool) views.SeatMapProps {
	d := m.Show
	base := fmt.Sprintf("/shows/%d", d.ID)
	cur := d.City.Currency
	want := make(map[string]bool, len(st.Selected))
	for _, s := range st.Selected {
		want[s] = true
	}
	grid, chosen, total := seatMapGrid(d.Screen.Layout, m.Seats, want, cur)
	st.Best.Kinds = bestKinds(m.Seats)
	return views.SeatMapProps{
		Show: checkoutShowSummary(d), MovieHref: "/movies/" + d.Movie.Slug,
		Action: base + "/hold", PageHref: base + "/seats", EventsHref: base + "/seats/events",
		Grid: grid, Prices: seatPrices(m.Seats, cur), Best: st.Best, MaxSeats: h.svc.opts.MaxSeats,
		CurrencySymbol: strings.TrimSuffix(money.Format(0, cur), "0"),
		Selected:       chosen, Total: money.Format(total, cur), Error: st.Error, Notice: st.Notice,
		SignedIn: signedIn, SoldOut: grid.Free == 0, Stranded: !h.opts.AllowStrandedSeats, Holding: st.Holding,
	}
}

// seatMapGrid lays the seats out by row and column (gaps where the layout
// has none) and returns the ticked seats that are free, in map order, with
// their total price.
func seatMapGrid(l catalog.Layout, seats []MapSeat, want map[string]bool, cur string) (views.SeatGrid, []string, int64) {
	nRows, width := len(l.Rows), l.Width()
	for _, s := range seats { // the inventory wins over a layout edited since
		nRows, width = max(nRows, s.Row+1), max(width, s.Col+1)
	}
	g := views.SeatGrid{Rows: make([]views.SeatGridRow, nRows)}
	cells := make([]views.SeatGridCell, nRows*width)
	for i := range cells {
		cells[i].Gap = true
	}
	for r := range g.Rows {
		g.Rows[r].Cells = cells[r*width : (r+1)*width]
		if r < len(l.Rows) {
			g.Rows[r].Label = l.Rows[r].Label
		}
	}
	kinds := map[seatKindKey]seatKind{}
	var chosen []string
	var total int64
	for _, s := range seats {
		row := &g.Rows[s.Row]
		if row.Label == "" {
			row.Label = strings.TrimRight(s.Seat, "0123456789")
		}
		k, ok := kinds[seatKindKey{s.Category, s.Price}]
		if !ok {
			k = newSeatKind(s.Category, s.Price, cur)
			kinds[seatKindKey{s.Category, s.Price}] = k
		}
		num := strings.TrimPrefix(s.Seat, row.Label)
		cell := views.SeatGridCell{Label: s.Seat, Number: num, Category: k.category,
			State: string(s.State), Price: k.price, Title: s.Seat + k.title,
			AriaLabel: "Row " + row.Label + " seat " + num + k.aria + seatStateWord(s.State)}
		g.Seats++
		if s.State == Free {
			g.Free++
			cell.Selected = want[s.Seat]
		}
		if cell.Selected {
			chosen = append(chosen, s.Seat)
			total += s.Price
		}
		row.Cells[s.Col] = cell
	}
	return g, chosen, total
}

// seatKindKey and seatKind keep the words every seat of one kind and price
// shares, so a big map formats each price once.
type seatKindKey struct {
	category catalog.Category
	price    int64
}

type seatKind struct {
	category string
	price    string // minor units
	title    string // " · Premium · £15"
	aria     string // ", premium, £15, "
}

func newSeatKind(c catalog.Category, price int64, cur string) seatKind {
	p := money.Format(price, cur)
	return seatKind{category: string(c), price: strconv.FormatInt(price, 10), title: " · " + c.Label() + " · " + p,
		aria: ", " + strings.ToLower(c.Label()) + ", " + p + ", "}
}

// seatStateWord is how a seat's state is read out.
func seatStateWord(s SeatState) string {
	switch s {
	case Free:
		return "available"
	case HeldBy:
		return "held by someone else"
	case Sold:
		return "sold"
	}
	return "not for sale"
}

// seatPrices lists each kind of seat in the screen with its price.
func seatPrices(seats []MapSeat, cur string) []views.SeatPrice {
	var out []views.SeatPrice
	for _, c := range catalog.Categories() {
		if i := slices.IndexFunc(seats, func(s MapSeat) bool { return s.Category == c }); i >= 0 {
			out = append(out, views.SeatPrice{Category: string(c), Label: c.Label(), Price: money.Format(seats[i].Price, cur)})
		}
	}
	return out
}

// bestKinds offers "any seat" and each kind of seat the screen has.
func bestKinds(seats []MapSeat) []views.BestKind {
	kinds := []views.BestKind{{Value: "", Label: "Any seats"}}
	for _, c := range []catalog.Category{catalog.Standard, catalog.Premium, catalog.Recliner, catalog.Wheelchair} {
		if slices.ContainsFunc(seats, func(s MapSeat) bool { return s.Category == c }) {
			label := c.Label() + " seats"
			if c == catalog.Wheelchair {
				label = "Wheelchair spaces"
			}
			kinds = append(kinds, views.BestKind{Value: string(c), Label: label})
		}
	}
	return kinds
}
