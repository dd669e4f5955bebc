package main

import (
	"math/rand/v2"
	"time"
)

// seat is a seat on a buyer's copy of the seat map.
type seat struct {
	label    string
	row, col int
	free     bool
}

// seatMap is a buyer's recent view of the show's seats, as the app holds
// it between reloads.
type seatMap struct {
	seats  []seat
	at     map[[2]int]int // (row, col) -> index in seats
	loaded time.Time
}

func newSeatMap(seats []seat) *seatMap {
	m := &seatMap{seats: seats, at: make(map[[2]int]int, len(seats)), loaded: time.Now()}
	for i, s := range seats {
		m.at[[2]int{s.row, s.col}] = i
	}
	return m
}

// stale reports whether the map is older than maxAge (a nil map is).
func (m *seatMap) stale(maxAge time.Duration) bool {
	return m == nil || time.Since(m.loaded) > maxAge
}

// pick chooses up to n (1-4) free seats side by side in one row, as a
// buyer does: a seat at random, then its free neighbours to the right,
// then to the left. It prefers a full block of n and settles for a
// shorter one; nil when no seat looks free.
func (m *seatMap) pick(rng *rand.Rand, n int) []string {
	var best []int
	for range 24 {
		i := rng.IntN(len(m.seats))
		if !m.seats[i].free {
			continue
		}
		block := m.grow(i, n)
		if len(block) > len(best) {
			best = block
		}
		if len(best) == n {
			break
		}
	}
	if best == nil {
		return nil
	}
	out := make([]string, len(best))
	for k, i := range best {
		out[k] = m.seats[i].label
	}
	return out
}

// grow extends seat i to a block of at most n free neighbours in its row.
func (m *seatMap) grow(i, n int) []int {
	block := []int{i}
	s := m.seats[i]
	for step, dir := 1, 1; len(block) < n; step++ {
		j, ok := m.at[[2]int{s.row, s.col + dir*step}]
		if !ok || !m.seats[j].free {
			if dir == -1 {
				break
			}
			dir, step = -1, 0
			continue
		}
		block = append(block, j)
	}
	return block
}

// mark sets the seats' state on the buyer's map (a kept hold).
func (m *seatMap) mark(labels []string, free bool) {
	for _, l := range labels {
		for i := range m.seats {
			if m.seats[i].label == l {
				m.seats[i].free = free
			}
		}
	}
}
