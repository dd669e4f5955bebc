package recommend

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// plantedLog has 40 movies: ten users booked movies 1 and 2 together
// (then one of 3-12, held out), and thirty booked three of movies 3-40;
// the tested user booked movie 1 and then, held out, movie 40.
func plantedLog() Dataset {
	ds := Dataset{Items: testItems(40)}
	for u := range 10 {
		ds.Users = append(ds.Users, History{UserID: int64(u + 1), Touches: booked(1, 2, int64(3+u))})
	}
	for u := range 30 {
		a, b := int64(3+u%38), int64(3+(u*7+5)%38)
		if a == b {
			b = 3 + (b-2)%38
		}
		ds.Users = append(ds.Users, History{UserID: int64(100 + u), Touches: booked(a, b, 3+(a+b)%38)})
	}
	ds.Users = append(ds.Users, History{UserID: 999, Touches: booked(1, 40)})
	return ds
}

// TestBaselinesFindThePlantedPair checks item-kNN and EASE put movie 2
// first for a user who booked movie 1 (co-booked by ten people).
func TestBaselinesFindThePlantedPair(t *testing.T) {
	t.Parallel()
	sp := splitLog(plantedLog(), 3)
	u := len(sp.train) - 1
	require.Equal(t, []int32{0}, sp.pos[u])
	for name, score := range map[string]func(int, []float64){
		"item-kNN": newItemKNN(sp, knnNeighbours).score,
		"EASE":     newEASE(sp, 2, 1).score,
	} {
		scores := make([]float64, len(sp.items))
		score(u, scores)
		top := sp.top(u, scores, 3)
		require.Equal(t, 1, top[0], "%s recommends movie 2 after movie 1", name)
		require.NotContains(t, top, 0, "%s leaves out a movie the user booked", name)
	}
	e := newEASE(sp, 12, 1)
	require.Empty(t, e.items, "no movie has 12 positives")
}

// TestEASEWeightsKeepTheMostLiked checks the cap on the movies that get
// collaborative weights keeps the most liked, in catalogue order.
func TestEASEWeightsKeepTheMostLiked(t *testing.T) {
	t.Parallel()
	sets := [][]int32{{0, 1, 2}, {1, 2}, {2, 3}, {2}}
	count := []float64{1, 2, 4, 1}
	items, at, b := easeWeights(sets, count, 1, 2, 1)
	require.Equal(t, []int{1, 2}, items)
	require.Equal(t, map[int]int{1: 0, 2: 1}, at)
	r, c := b.Dims()
	require.Equal(t, [2]int{2, 2}, [2]int{r, c})
	require.Zero(t, b.At(0, 0), "a movie does not predict itself")
	require.Greater(t, b.At(0, 1), 0.0, "co-liked movies predict each other")
}
