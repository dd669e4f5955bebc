package booking

import (
	"slices"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
)

// freeSeat is a seat the waitlist may offer: free, or its hold ran out.
type freeSeat struct {
	label    string
	row, col int
	price    int64
}

// freeSeats picks the seats of a show's seat list that anyone could hold
// now, in row then column order.
func freeSeats(rows []bookingdb.ShowSeatListRow) []freeSeat {
	var out []freeSeat
	for _, r := range rows {
		if r.State == "free" {
			out = append(out, freeSeat{label: r.Seat, row: int(r.RowIdx), col: int(r.ColIdx), price: r.PriceMinor})
		}
	}
	slices.SortFunc(out, func(a, b freeSeat) int {
		if a.row != b.row {
			return a.row - b.row
		}
		return a.col - b.col
	})
	return out
}

// pickSeats chooses n of the free seats for an entry, each priced at most
// maxPrice (0: any), anywhere or, when together, side by side in one row
// (neighbouring columns, no gap). It takes the first that fit in row order,
// so the same seats go to the same entry whichever release freed them; nil
// when the seats cannot serve the entry.
func pickSeats(free []freeSeat, n int, together bool, maxPrice int64) []string {
	var fit []freeSeat
	for _, f := range free {
		if maxPrice == 0 || f.price <= maxPrice {
			fit = append(fit, f)
		}
	}
	if !together {
		if len(fit) < n {
			return nil
		}
		return labels(fit[:n])
	}
	start := 0
	for i := range fit {
		if i > start && (fit[i].row != fit[i-1].row || fit[i].col != fit[i-1].col+1) {
			start = i
		}
		if i-start+1 == n {
			return labels(fit[start : i+1])
		}
	}
	return nil
}

// without is free less the seats taken.
func without(free []freeSeat, taken []string) []freeSeat {
	return slices.DeleteFunc(free, func(f freeSeat) bool { return slices.Contains(taken, f.label) })
}

func labels(fs []freeSeat) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.label
	}
	return out
}
