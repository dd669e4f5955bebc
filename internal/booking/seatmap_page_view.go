package booking

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
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
	// HoldID is the buyer's own hold on this show (0 when none): its seats
	// are drawn as theirs, not as someone else's.
	HoldID int64
}

// seatMapProps builds the seat map page of m in ctx's language. Ticked
// seats that are no longer free are left unticked.
func (h *Handler) seatMapProps(ctx context.Context, m SeatMap, st seatMapState, signedIn bool) views.SeatMapProps {
	d := m.Show
	base := fmt.Sprintf("/shows/%d", d.ID)
	cur := d.City.Currency
	want := make(map[string]bool, len(st.Selected))
	for _, s := range st.Selected {
		want[s] = true
	}
	grid, chosen, total := seatMapGrid(ctx, d.Screen.Layout, m.Seats, want, cur, st.HoldID)
	st.Best.Kinds = bestKinds(ctx, m.Seats)
	return views.SeatMapProps{
		Show: showSummary(ctx, d), MovieHref: "/movies/" + d.Movie.Slug,
		Action: base + "/hold", PageHref: base + "/seats", EventsHref: base + "/seats/events",
		Grid: grid, Prices: seatPrices(ctx, m.Seats, cur), Best: st.Best, MaxSeats: h.svc.opts.MaxSeats,
		MoneySample: i18n.Money(ctx, 123456789, cur),
		Selected:    chosen, Total: i18n.Money(ctx, total, cur), Error: st.Error, Notice: st.Notice,
		SignedIn: signedIn, SoldOut: grid.Free == 0, Stranded: !h.opts.AllowStrandedSeats, Holding: st.Holding,
	}
}

// seatMapGrid lays the seats out by row and column (gaps where the layout
// has none) and returns the ticked seats that are free, in map order, with
// their total price. Seats held by booking mine (the buyer's own hold)
// are drawn as held for them.
func seatMapGrid(ctx context.Context, l catalog.Layout, seats []MapSeat, want map[string]bool, cur string, mine int64) (views.SeatGrid, []string, int64) {
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
	states := map[string]string{}
	var chosen []string
	var total int64
	for _, s := range seats {
		row := &g.Rows[s.Row]
		if row.Label == "" {
			row.Label = strings.TrimRight(s.Seat, "0123456789")
		}
		k, ok := kinds[seatKindKey{s.Category, s.Price}]
		if !ok {
			k = newSeatKind(ctx, s.Category, s.Price, cur)
			kinds[seatKindKey{s.Category, s.Price}] = k
		}
		state := string(s.State)
		if mine != 0 && s.State == HeldBy && s.BookingID == mine {
			state = views.SeatMine
			g.Mine++
		}
		word, ok := states[state]
		if !ok {
			word = views.SeatStateWord(ctx, state)
			states[state] = word
		}
		num := strings.TrimPrefix(s.Seat, row.Label)
		cell := views.SeatGridCell{Label: s.Seat, Number: num, Category: k.category,
			State: state, Price: k.price, Title: s.Seat + k.title,
			AriaLabel: i18n.T(ctx, "Row {{.Row}} seat {{.Seat}}", "Row", row.Label, "Seat", num) + k.aria + word}
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
	title    string // " · Premium · £15.00"
	aria     string // ", premium, £15.00, "
}

func newSeatKind(ctx context.Context, c catalog.Category, price int64, cur string) seatKind {
	p := i18n.Money(ctx, price, cur)
	label, word := categoryWords(ctx, c)
	return seatKind{category: string(c), price: strconv.FormatInt(price, 10), title: " · " + label + " · " + p,
		aria: ", " + word + ", " + p + ", "}
}

// categoryWords names a kind of seat for the price list ("Premium") and
// inside a seat's spoken name ("premium").
func categoryWords(ctx context.Context, c catalog.Category) (label, word string) {
	switch c {
	case catalog.Premium:
		return i18n.T(ctx, "Premium"), i18n.T(ctx, "premium")
	case catalog.Recliner:
		return i18n.T(ctx, "Recliner"), i18n.T(ctx, "recliner")
	case catalog.Wheelchair:
		return i18n.T(ctx, "Wheelchair space"), i18n.T(ctx, "wheelchair space")
	case catalog.Companion:
		return i18n.T(ctx, "Companion seat"), i18n.T(ctx, "companion seat")
	case catalog.Standard:
		return i18n.T(ctx, "Standard"), i18n.T(ctx, "standard")
	}
	return c.Label(), strings.ToLower(c.Label())
}

// seatPrices lists each kind of seat in the screen with its price.
func seatPrices(ctx context.Context, seats []MapSeat, cur string) []views.SeatPrice {
	var out []views.SeatPrice
	for _, c := range catalog.Categories() {
		if i := slices.IndexFunc(seats, func(s MapSeat) bool { return s.Category == c }); i >= 0 {
			label, _ := categoryWords(ctx, c)
			out = append(out, views.SeatPrice{Category: string(c), Label: label, Price: i18n.Money(ctx, seats[i].Price, cur)})
		}
	}
	return out
}

// bestKinds offers "any seat" and each kind of seat the screen has.
func bestKinds(ctx context.Context, seats []MapSeat) []views.BestKind {
	kinds := []views.BestKind{{Value: "", Label: i18n.T(ctx, "Any seats")}}
	for _, c := range []catalog.Category{catalog.Standard, catalog.Premium, catalog.Recliner, catalog.Wheelchair} {
		if slices.ContainsFunc(seats, func(s MapSeat) bool { return s.Category == c }) {
			kinds = append(kinds, views.BestKind{Value: string(c), Label: bestKindLabel(ctx, c)})
		}
	}
	return kinds
}

func bestKindLabel(ctx context.Context, c catalog.Category) string {
	switch c {
	case catalog.Premium:
		return i18n.T(ctx, "Premium seats")
	case catalog.Recliner:
		return i18n.T(ctx, "Recliner seats")
	case catalog.Wheelchair:
		return i18n.T(ctx, "Wheelchair spaces")
	}
	return i18n.T(ctx, "Standard seats")
}
