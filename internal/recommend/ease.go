package recommend

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// ease is Steck's EASE (Embarrassingly Shallow Autoencoders, WWW 2019):
// with X the user-by-movie matrix of training positives, P = (XᵀX + λI)⁻¹
// and B = I - P·diag(1/diag(P)), so B_ij = -P_ij/P_jj off the diagonal
// and 0 on it. A user's score for movie j is Σ_i x_ui B_ij. Only movies
// with at least minItem positives take part; the others are never
// recommended by it.
type ease struct {
	sp    split
	items []int       // the movies taking part, as indexes in sp.items
	at    map[int]int // movie index -> row of b
	b     *mat.Dense
}

func newEASE(sp split, minItem int, lambda float64) ease {
	e := ease{sp: sp, at: map[int]int{}}
	for i, c := range sp.count {
		if c >= float64(max(minItem, 1)) {
			e.at[i] = len(e.items)
			e.items = append(e.items, i)
		}
	}
	m := len(e.items)
	if m == 0 {
		return e
	}
	g := mat.NewSymDense(m, nil)
	for _, set := range sp.pos {
		for _, i := range set {
			a, ok := e.at[int(i)]
			if !ok {
				continue
			}
			for _, j := range set {
				if b, ok := e.at[int(j)]; ok && b >= a {
					g.SetSym(a, b, g.At(a, b)+1)
				}
			}
		}
	}
	for a := range m {
		g.SetSym(a, a, g.At(a, a)+lambda)
	}
	var chol mat.Cholesky
	p := mat.NewSymDense(m, nil)
	if ok := chol.Factorize(g); !ok {
		return ease{sp: sp, at: map[int]int{}}
	}
	if err := chol.InverseTo(p); err != nil {
		return ease{sp: sp, at: map[int]int{}}
	}
	e.b = mat.NewDense(m, m, nil)
	for a := range m {
		for b := range m {
			if a != b {
				e.b.Set(a, b, -p.At(a, b)/p.At(b, b))
			}
		}
	}
	return e
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
