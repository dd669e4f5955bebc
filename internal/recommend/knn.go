package recommend

import (
	"math"
	"slices"
)

// knnNeighbours is how many most similar movies item-kNN keeps per movie.
const knnNeighbours = 100

// itemKNN is the textbook item-based baseline: cosine similarity of two
// movies' sets of fans (|A∩B| / sqrt(|A||B|)), each movie's k most
// similar kept, and a user's score for a movie the sum of its similarity
// to the movies they liked.
type itemKNN struct {
	sp         split
	neighbours [][]Neighbour // ID holds the movie's index in sp.items
}

func newItemKNN(sp split, k int) itemKNN {
	n := len(sp.items)
	fans := make([][]int32, n) // movie -> users
	for u, set := range sp.pos {
		for _, i := range set {
			fans[i] = append(fans[i], int32(u))
		}
	}
	knn := itemKNN{sp: sp, neighbours: make([][]Neighbour, n)}
	co := make([]float64, n)
	var touched []int
	for i := range n {
		for _, u := range fans[i] {
			for _, j := range sp.pos[u] {
				if co[j] == 0 {
					touched = append(touched, int(j))
				}
				co[j]++
			}
		}
		var nbs []Neighbour
		for _, j := range touched {
			if j != i {
				nbs = append(nbs, Neighbour{ID: int64(j), Score: co[j] / math.Sqrt(sp.count[i]*sp.count[j])})
			}
			co[j] = 0
		}
		touched = touched[:0]
		slices.SortFunc(nbs, func(a, b Neighbour) int {
			if a.Score != b.Score {
				if a.Score > b.Score {
					return -1
				}
				return 1
			}
			return int(a.ID - b.ID)
		})
		knn.neighbours[i] = nbs[:min(len(nbs), k)]
	}
	return knn
}

// score adds up the similarity of every movie to user u's liked ones.
func (k itemKNN) score(u int, scores []float64) {
	for _, i := range k.sp.pos[u] {
		for _, nb := range k.neighbours[i] {
			scores[nb.ID] += nb.Score
		}
	}
}
