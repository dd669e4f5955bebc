package booking

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// CheckStranded refuses a selection that would leave a single free seat on
// its own: after the chosen seats are taken, no free seat may have both
// neighbours (in its row; an aisle, a gap or the row end counts as a wall)
// taken, held, blocked or chosen, unless that seat was already alone
// before. Wheelchair spaces and companion seats are sold to their own
// buyers and never count as stranded. Chosen seats that are not free or
// not in the screen are ignored here: Hold reports them.
// Errors: ErrNotFound, validate.Errors{"seats": ...} (matches ErrInvalid)
// naming the seat that would be stranded.
func (s *Service) CheckStranded(ctx context.Context, showID int64, seats []string) error {
	all, err := s.currentSeats(ctx, showID)
	if err != nil {
		return err
	}
	chosen := make(map[string]bool, len(seats))
	for _, st := range seats {
		chosen[st] = true
	}
	if alone := strandedSeats(all, chosen); len(alone) > 0 {
		return strandedError(alone)
	}
	return nil
}

// currentSeats returns every seat of the show with its state now, in row
// and column order, in one query once the show's inventory exists.
// Errors: ErrNotFound.
func (s *Service) currentSeats(ctx context.Context, showID int64) ([]MapSeat, error) {
	rows, err := s.q.ShowSeatList(ctx, s.pool, showID)
	if err != nil {
		return nil, fmt.Errorf("seats of show %d: %w", showID, err)
	}
	if len(rows) == 0 {
		m, err := s.SeatMap(ctx, showID) // creates the inventory on first use
		if err != nil {
			return nil, err
		}
		return m.Seats, nil
	}
	out := make([]MapSeat, len(rows))
	for i, r := range rows {
		out[i] = MapSeat{Seat: r.Seat, Row: int(r.RowIdx), Col: int(r.ColIdx), Category: catalog.Category(r.Category),
			Price: r.PriceMinor, State: SeatState(r.State)}
	}
	return out, nil
}

// strandedSeats lists the free seats that chosen would leave alone and that
// were not alone already.
func strandedSeats(seats []MapSeat, chosen map[string]bool) []string {
	var alone []string
	for _, row := range seatRows(seats) {
		taken := func(j int) bool { return row[j].State != Free }
		after := func(j int) bool { return taken(j) || chosen[row[j].Seat] }
		for i, st := range row {
			if strandable(st) && !chosen[st.Seat] && walled(row, i, after) && !walled(row, i, taken) {
				alone = append(alone, st.Seat)
			}
		}
	}
	return alone
}

// strandable reports whether st is a free seat the stranded rule protects.
func strandable(st MapSeat) bool {
	return st.State == Free && st.Category != catalog.Wheelchair && st.Category != catalog.Companion
}

// walled reports whether both neighbours of row[i] are walls or occupied.
func walled(row []MapSeat, i int, occupied func(int) bool) bool {
	left := i == 0 || !nextTo(row[i-1], row[i]) || occupied(i-1)
	right := i == len(row)-1 || !nextTo(row[i], row[i+1]) || occupied(i+1)
	return left && right
}

// nextTo reports whether b sits directly right of a, with no gap between.
func nextTo(a, b MapSeat) bool { return a.Row == b.Row && b.Col == a.Col+1 }

// seatRows groups seats by row, each row in column order.
func seatRows(seats []MapSeat) [][]MapSeat {
	sorted := slices.Clone(seats)
	slices.SortFunc(sorted, func(a, b MapSeat) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
	var rows [][]MapSeat
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].Row == sorted[i].Row {
			j++
		}
		rows = append(rows, sorted[i:j])
		i = j
	}
	return rows
}

func strandedError(alone []string) error {
	if len(alone) == 1 {
		return validate.Errors{"seats": "That would leave " + alone[0] + " on its own; move one seat left or right, or add " +
			alone[0] + " to your seats."}
	}
	list := strings.Join(alone[:len(alone)-1], ", ") + " and " + alone[len(alone)-1]
	return validate.Errors{"seats": "That would leave " + list + " on their own; move your seats one along, or add them to your seats."}
}
