package booking

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// BestAvailable picks the best n free seats side by side in one row for
// the show: no aisle, gap or taken seat inside the block, and no single
// seat left stranded beside it. It prefers rows in the middle-to-back
// third of the house (the view most people pay for) and then blocks
// nearest the centre line. category narrows the choice to one kind of
// seat; "" means any standard, premium or recliner seat. Wheelchair spaces
// and companion seats are only chosen when asked for: catalog.Wheelchair
// picks wheelchair spaces with their companion seats, catalog.Companion
// companion seats alone.
// Errors: ErrNotFound, ErrNotOnSale, validate.Errors{"best": ...} (matches
// ErrInvalid) when n or category is out of range or no such block is left.
func (s *Service) BestAvailable(ctx context.Context, showID int64, n int, category catalog.Category) ([]string, error) {
	m, err := s.SeatMap(ctx, showID)
	if err != nil {
		return nil, err
	}
	if !s.onSale(m.Show) {
		return nil, fmt.Errorf("best seats of show %d: %w", showID, ErrNotOnSale)
	}
	return s.bestBlock(m.Seats, n, category)
}

// bestBlock is BestAvailable on seats already loaded.
func (s *Service) bestBlock(seats []MapSeat, n int, category catalog.Category) ([]string, error) {
	if n < 1 || n > s.opts.MaxSeats {
		return nil, validate.Errors{"best": "Choose between 1 and " + strconv.Itoa(s.opts.MaxSeats) + " seats."}
	}
	allowed, err := bestCategories(category)
	if err != nil {
		return nil, err
	}
	rows := seatRows(seats)
	if len(rows) == 0 {
		return nil, noBlock(n)
	}
	h := newHouse(seats)
	best, bestCost := []MapSeat(nil), math.Inf(1)
	for _, row := range rows {
		free := func(j int) bool { return row[j].State == Free && allowed[row[j].Category] }
		for start := 0; start+n <= len(row); start++ {
			end := start + n - 1
			if !blockFits(row, start, end, free) || !blockHas(row[start:end+1], category) || strandsNeighbour(row, start, end) {
				continue
			}
			cost := h.cost(row[start].Row, row[start].Col, row[end].Col) + spareSpaces(row[start:end+1], category)
			if cost < bestCost {
				best, bestCost = row[start:end+1], cost
			}
		}
	}
	if best == nil {
		return nil, noBlock(n)
	}
	out := make([]string, len(best))
	for i, st := range best {
		out[i] = st.Seat
	}
	return out, nil
}

// bestCategories maps the category asked for to the seat kinds a block may
// be made of. Errors: validate.Errors for an unknown category.
func bestCategories(c catalog.Category) (map[catalog.Category]bool, error) {
	switch c {
	case "":
		return map[catalog.Category]bool{catalog.Standard: true, catalog.Premium: true, catalog.Recliner: true}, nil
	case catalog.Standard, catalog.Premium, catalog.Recliner, catalog.Companion:
		return map[catalog.Category]bool{c: true}, nil
	case catalog.Wheelchair:
		return map[catalog.Category]bool{catalog.Wheelchair: true, catalog.Companion: true}, nil
	}
	return nil, validate.Errors{"best": "Choose a kind of seat from the list."}
}

// blockFits reports whether row[start..end] are all usable and side by side.
func blockFits(row []MapSeat, start, end int, usable func(int) bool) bool {
	for j := start; j <= end; j++ {
		if !usable(j) || (j > start && !nextTo(row[j-1], row[j])) {
			return false
		}
	}
	return true
}

// blockHas makes a wheelchair request include at least one wheelchair
// space rather than companion seats only.
func blockHas(block []MapSeat, category catalog.Category) bool {
	if category != catalog.Wheelchair {
		return true
	}
	for _, st := range block {
		if st.Category == catalog.Wheelchair {
			return true
		}
	}
	return false
}

// spareSpaces makes a wheelchair request prefer one wheelchair space with
// companion seats over several spaces, keeping spaces for other wheelchair
// users; each extra space costs half a point.
func spareSpaces(block []MapSeat, category catalog.Category) float64 {
	if category != catalog.Wheelchair {
		return 0
	}
	n := 0
	for _, st := range block {
		if st.Category == catalog.Wheelchair {
			n++
		}
	}
	return 0.5 * float64(n-1)
}

// strandsNeighbour reports whether taking row[start..end] would leave the
// seat just outside either end on its own (see CheckStranded).
func strandsNeighbour(row []MapSeat, start, end int) bool {
	taken := func(j int) bool { return row[j].State != Free }
	after := func(j int) bool { return taken(j) || (j >= start && j <= end) }
	for _, i := range []int{start - 1, end + 1} {
		if i >= 0 && i < len(row) && strandable(row[i]) && walled(row, i, after) && !walled(row, i, taken) {
			return true
		}
	}
	return false
}

// house is the shape of the auditorium that scores a block.
type house struct {
	centre       float64 // the centre line, in columns
	zoneFrom     float64 // the preferred rows run from the middle of the house...
	zoneTo       float64 // ...to five sixths of the way back (row indexes)
	ideal        float64 // the very best row, a little behind the middle
	frontThirdTo float64 // rows before this are in the front third
}

func newHouse(seats []MapSeat) house {
	minCol, maxCol, maxRow := math.MaxInt, 0, 0
	for _, st := range seats {
		minCol, maxCol, maxRow = min(minCol, st.Col), max(maxCol, st.Col), max(maxRow, st.Row)
	}
	last := float64(maxRow)
	return house{centre: float64(minCol+maxCol) / 2,
		zoneFrom: last * 0.5, zoneTo: last * 5 / 6, ideal: last * 0.62, frontThirdTo: last / 3}
}

// cost scores a block in row r spanning columns from..to: lower is better.
// A row outside the preferred zone costs one point per row in front of it
// (more in the front third, where necks ache) and a little less behind it;
// inside the zone, rows nearer the ideal win ties. Each column between the
// block's middle and the centre line costs a third of a point, so a block
// two seats off centre in a good row beats a centred one a row too near.
func (h house) cost(r, from, to int) float64 {
	row := float64(r)
	var c float64
	switch {
	case row < h.zoneFrom:
		c = h.zoneFrom - row
		if row < h.frontThirdTo {
			c += 1.5
		}
	case row > h.zoneTo:
		c = (row - h.zoneTo) * 0.6
	}
	c += math.Abs(row-h.ideal) * 0.15
	c += math.Abs(float64(from+to)/2-h.centre) / 3
	return c
}

func noBlock(n int) error {
	if n == 1 {
		return validate.Errors{"best": "There are no seats of that kind left. Try another kind of seat."}
	}
	return validate.Errors{"best": "There aren't " + strconv.Itoa(n) + " seats together left of that kind. Try fewer seats, " +
		"or pick seats yourself on the map."}
}
