package main

import (
	"math/rand/v2"
	"strings"
)

// seatMap is the seat map page as a buyer reads it: rows of seats and
// gaps (aisles), each seat free or not, and the seats the page ticked
// (best available).
type seatMap struct {
	seats   []mapSeat
	rows    [][]int // indexes into seats; -1 is a gap
	checked []string
}

// mapSeat is one seat's checkbox.
type mapSeat struct {
	label string
	kind  string
	free  bool
}

// parseSeatMap reads a seat map page (web/templates/booking/seatmap_grid.templ
// draws rows, gaps and seats in order); nil when it shows no seats (a show
// not on sale, say). It scans with strings.Index rather than a regexp:
// thousands of 100 KB pages a run would otherwise cost the machine more
// CPU than the server's rendering of them.
func parseSeatMap(page string) *seatMap {
	m := &seatMap{}
	for rest := page; ; {
		i := strings.Index(rest, `class="sm-`)
		if i < 0 {
			break
		}
		rest = rest[i+len(`class="sm-`):]
		switch {
		case strings.HasPrefix(rest, `row"`):
			m.rows = append(m.rows, nil)
		case len(m.rows) == 0:
			continue // not inside the grid
		case strings.HasPrefix(rest, `gap"`):
			m.rows[len(m.rows)-1] = append(m.rows[len(m.rows)-1], -1)
		case strings.HasPrefix(rest, `seat" `):
			var s mapSeat
			var state, input string
			s.kind, rest = attr(rest, "data-kind")
			state, rest = attr(rest, "data-state")
			s.label, rest = attr(rest, "value")
			input, _, _ = strings.Cut(rest, ">")
			s.free = state == "free"
			if strings.Contains(input, " checked") {
				m.checked = append(m.checked, s.label)
			}
			m.rows[len(m.rows)-1] = append(m.rows[len(m.rows)-1], len(m.seats))
			m.seats = append(m.seats, s)
		}
	}
	if len(m.seats) == 0 {
		return nil
	}
	return m
}

// attr finds the next name="value" in s: the value and what follows it.
func attr(s, name string) (string, string) {
	i := strings.Index(s, " "+name+`="`)
	if i < 0 {
		return "", s
	}
	s = s[i+len(name)+3:]
	v, rest, _ := strings.Cut(s, `"`)
	return v, rest
}

// free counts the seats that look free.
func (m *seatMap) free() int {
	n := 0
	for _, s := range m.seats {
		if s.free {
			n++
		}
	}
	return n
}

// soldOut reports whether no seat looks free.
func (m *seatMap) soldOut() bool { return m.free() == 0 }

// pick chooses n seats side by side in one row as a careful buyer does:
// ordinary seats (wheelchair spaces and companion seats are for their own
// buyers), none left alone next to the block. nil when no such block
// turned up in a few tries.
func (m *seatMap) pick(rng *rand.Rand, n int) []string {
	for range 32 {
		r := rng.IntN(len(m.rows))
		row := m.rows[r]
		if len(row) < n {
			continue
		}
		start := rng.IntN(len(row) - n + 1)
		if !m.takeable(row, start, n) || m.strands(row, start-1, -1) || m.strands(row, start+n, 1) {
			continue
		}
		out := make([]string, n)
		for k := range n {
			out[k] = m.seats[row[start+k]].label
		}
		return out
	}
	return nil
}

// takeable reports whether row[start:start+n] are free ordinary seats.
func (m *seatMap) takeable(row []int, start, n int) bool {
	for _, i := range row[start : start+n] {
		if !m.ordinaryFree(i) {
			return false
		}
	}
	return true
}

// strands reports whether the seat at row[at] would be left alone: free,
// with a wall (row end, gap or a seat not free) on its far side (dir).
func (m *seatMap) strands(row []int, at, dir int) bool {
	if at < 0 || at >= len(row) || !m.ordinaryFree(row[at]) {
		return false
	}
	next := at + dir
	return next < 0 || next >= len(row) || row[next] < 0 || !m.seats[row[next]].free
}

func (m *seatMap) ordinaryFree(i int) bool {
	if i < 0 {
		return false
	}
	s := m.seats[i]
	return s.free && s.kind != "wheelchair" && s.kind != "companion"
}
