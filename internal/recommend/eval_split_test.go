package recommend

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func booked(ids ...int64) []Touch {
	out := make([]Touch, len(ids))
	for k, id := range ids {
		out[k] = Touch{MovieID: id, Bookings: 1}
	}
	return out
}

func testItems(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: int64(i + 1)}
	}
	return items
}

// TestSplitHoldsOutTheLastPositive checks the held-out movie is the last
// positive in time, that what followed it stays in training, and who is
// tested and cold.
func TestSplitHoldsOutTheLastPositive(t *testing.T) {
	t.Parallel()
	ds := Dataset{Items: testItems(6), Users: []History{
		{UserID: 1, Touches: []Touch{{MovieID: 1, Stars: 5}, {MovieID: 2, Stars: 4}, {MovieID: 3, Stars: 2}}},
		{UserID: 2, Touches: []Touch{{MovieID: 4, Stars: 5}, {MovieID: 5, Stars: 1}}},
		{UserID: 3, Touches: booked(1, 2, 3, 4, 5, 6)},
	}}
	sp := splitLog(ds, 3)
	require.Equal(t, []testCase{{user: 0, want: 1, cold: true}, {user: 2, want: 5, cold: false}}, sp.tests,
		"user 2 has one positive: trains, is not tested")
	require.Equal(t, []Touch{{MovieID: 1, Stars: 5}, {MovieID: 3, Stars: 2}}, sp.train[0].Touches)
	require.Equal(t, []int32{0}, sp.pos[0])
	require.Equal(t, []int32{0, 2}, sp.seen[0], "the later low rating is seen, never recommended")
	require.Equal(t, []float64{2, 1, 1, 2, 1, 0}, sp.count, "training positives only")
}

// TestMetricsByHand checks hit-rate, NDCG, recall and coverage on ranks
// worked out by hand.
func TestMetricsByHand(t *testing.T) {
	t.Parallel()
	var m Metrics
	for _, rank := range []int{0, 2, -1, 15} {
		m.add(rank)
	}
	m.mean()
	require.InDelta(t, 0.5, m.HitRate, 1e-12)
	require.InDelta(t, (1+1/math.Log2(4))/4, m.NDCG, 1e-12)
	require.InDelta(t, 0.75, m.Recall20, 1e-12)

	// A ranker that puts movie 6 first for everyone. User 1 (held out 6)
	// finds it first. User 2 (held out 1, seen 2 and 3) gets 6, then the
	// rest by training popularity: 1 (liked once), 3 is seen, 4, 5, 7...
	// so 1 comes second. Their top 10s cover 1 and 3-12: 11 of 30 movies.
	ds := Dataset{Items: testItems(30), Users: []History{
		{UserID: 1, Touches: booked(1, 2, 6)},
		{UserID: 2, Touches: booked(2, 3, 1)},
	}}
	r := measure(splitLog(ds, 0), "fixed", func(_ int, s []float64) { s[5] = 1 })
	require.Equal(t, 2, r.All.Users)
	require.InDelta(t, 1.0, r.All.HitRate, 1e-12)
	require.InDelta(t, (1+1/math.Log2(3))/2, r.All.NDCG, 1e-12)
	require.InDelta(t, 11.0/30, r.Coverage, 1e-12)
}
