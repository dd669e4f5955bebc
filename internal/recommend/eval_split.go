package recommend

// split is a log cut for evaluation: every user's training touches and,
// for the tested users, the held-out movie.
type split struct {
	items []Item
	index map[int64]int
	train []History
	pos   [][]int32 // per user, the movies of their training positives
	seen  [][]int32 // per user, the movies never to recommend them again
	count []float64 // per movie, training positives (popularity)
	tests []testCase
	mask  []bool // scratch for top
}

type testCase struct {
	user int
	want int // the held-out movie
	cold bool
}

// splitLog holds out each user's last positive touch, in time order.
// Users with fewer than two positives train but are not tested; a tested
// user with at most coldMax training positives is cold-start.
func splitLog(ds Dataset, coldMax int) split {
	sp := split{items: ds.Items, index: make(map[int64]int, len(ds.Items)), count: make([]float64, len(ds.Items)),
		train: make([]History, len(ds.Users)), pos: make([][]int32, len(ds.Users)), seen: make([][]int32, len(ds.Users)),
		mask: make([]bool, len(ds.Items))}
	for i, it := range ds.Items {
		sp.index[it.ID] = i
	}
	for u, h := range ds.Users {
		last, positives := -1, 0
		for k, t := range h.Touches {
			if _, ok := sp.index[t.MovieID]; ok && t.positive() {
				last, positives = k, positives+1
			}
		}
		train := h
		if positives >= 2 {
			train.Touches = append(append([]Touch(nil), h.Touches[:last]...), h.Touches[last+1:]...)
			sp.tests = append(sp.tests, testCase{user: u, want: sp.index[h.Touches[last].MovieID], cold: positives-1 <= coldMax})
		}
		sp.train[u] = train
		for _, t := range train.Touches {
			i, ok := sp.index[t.MovieID]
			if !ok {
				continue
			}
			if t.positive() {
				sp.pos[u] = append(sp.pos[u], int32(i))
				sp.count[i]++
			}
			if t.seen() || t.positive() {
				sp.seen[u] = append(sp.seen[u], int32(i))
			}
		}
	}
	return sp
}

// top returns the k best movies by score that user u has not seen; ties
// go to the more popular movie, then to the earlier one.
func (sp split) top(u int, scores []float64, k int) []int {
	for _, i := range sp.seen[u] {
		sp.mask[i] = true
	}
	better := func(a, b int) bool {
		if scores[a] != scores[b] {
			return scores[a] > scores[b]
		}
		if sp.count[a] != sp.count[b] {
			return sp.count[a] > sp.count[b]
		}
		return a < b
	}
	best := make([]int, 0, k+1)
	for i := range scores {
		if sp.mask[i] || (len(best) == k && !better(i, best[k-1])) {
			continue
		}
		at := len(best)
		for at > 0 && better(i, best[at-1]) {
			at--
		}
		best = append(best, 0)
		copy(best[at+1:], best[at:])
		best[at] = i
		best = best[:min(len(best), k)]
	}
	for _, i := range sp.seen[u] {
		sp.mask[i] = false
	}
	return best
}

// modelRanker scores with the service's model exactly as the service
// does: its list first, then the most popular movies (the service's
// fallback), which is what the zero scores left give.
func modelRanker(m *Model, sp split) func(u int, scores []float64) {
	return func(u int, scores []float64) {
		list := m.Recommend(sp.train[u], recallK, nil)
		for k, s := range list {
			scores[sp.index[s.MovieID]] = float64(len(list) - k)
		}
	}
}
