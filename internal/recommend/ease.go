package recommend

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// ease is Steck's EASE (Embarrassingly Shallow Autoencoders, WWW 2019):
// with X the user-by-movie matrix of training positives, P = (XᵀX + λI)⁻¹
// and B = I - P·diag(1/diag(P)), so B_ij = -P_ij/P_jj off the diagonal
// and 0 on it. A user's score for movie j is Σ_i x_ui B_ij. Only movies
// with at least minItem positives take part; the others rank after them
// (by popularity). The service's model uses the same weights (Train).
type ease struct {
	sp    split
	items []int       // the movies taking part, as indexes in sp.items
	at    map[int]int // movie index -> row of b
	b     *mat.Dense
}

func newEASE(sp split, minItem int, lambda float64) ease {
	items, at, b := easeWeights(sp.pos, sp.count, minItem, 0, lambda)
	return ease{sp: sp, items: items, at: at, b: b}
}

// easeWeights computes EASE's B from every user's set of liked movies
// (indexes) and each movie's count of likes. It returns the movies that
// take part (at least minItem likes; when more than most (> 0), the most
// liked, as the work grows with the cube of their number), where each
// sits in B, and B (nil when none takes part). lambda must be positive,
// which makes XᵀX + λI positive definite, so its Cholesky factorisation
// cannot fail.
func easeWeights(sets [][]int32, count []float64, minItem, most int, lambda float64) ([]int, map[int]int, *mat.Dense) {
	var items []int
	for i, c := range count {
		if c >= float64(max(minItem, 1)) {
			items = append(items, i)
		}
	}
	if most > 0 && len(items) > most {
		slices.SortStableFunc(items, func(a, b int) int { return cmp.Compare(count[b], count[a]) })
		items = items[:most]
		slices.Sort(items)
	}
	at := make(map[int]int, len(items))
	for a, i := range items {
		at[i] = a
	}
	m := len(items)
	if m == 0 || lambda <= 0 {
		return nil, map[int]int{}, nil
	}
	g := make([]float64, m*m)
	rows := make([]int, 0, 64)
	for _, set := range sets {
		rows = rows[:0]
		for _, i := range set {
			if a, ok := at[int(i)]; ok {
				rows = append(rows, a)
			}
		}
		for _, a := range rows {
			for _, b := range rows {
				g[a*m+b]++
			}
		}
	}
	for a := range m {
		g[a*m+a] += lambda
	}
	var chol mat.Cholesky
	if !chol.Factorize(mat.NewSymDense(m, g)) {
		return nil, map[int]int{}, nil
	}
	p := mat.NewSymDense(m, nil)
	if err := chol.InverseTo(p); err != nil {
		return nil, map[int]int{}, nil
	}
	b := mat.NewDense(m, m, nil)
	for a := range m {
		row := b.RawRowView(a)
		for c := range m {
			if a != c {
				row[c] = -p.At(a, c) / p.At(c, c)
			}
		}
	}
	return items, at, b
}

// score sums B's rows of user u's liked movies; movies outside B score
// minus infinity so that they come after every movie B knows.
func (e ease) score(u int, scores []float64) {
	for i := range scores {
		scores[i] = math.Inf(-1)
	}
	for _, i := range e.items {
		scores[i] = 0
	}
	for _, i := range e.sp.pos[u] {
		a, ok := e.at[int(i)]
		if !ok {
			continue
		}
		row := e.b.RawRowView(a)
		for b, w := range row {
			scores[e.items[b]] += w
		}
	}
}
