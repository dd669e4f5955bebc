package recommend_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/recommend"
)

// TestModelBeatsPopularity is the offline quality bar: on a synthetic
// audience with hidden tastes, the model must find users' next booking at
// least 20% more often than ranking by popularity, and more often than
// the item-kNN baseline.
func TestModelBeatsPopularity(t *testing.T) {
	t.Parallel()
	pop := recommend.Synthesize(recommend.PopulationSpec{Users: 3000, Movies: 600, BookingsPerUser: 20, Noise: 0.15, Seed: 7})
	res := recommend.Evaluate(pop.Dataset(), recommend.DefaultEvalOptions())
	var out strings.Builder
	res.Report(&out)
	t.Log("\n" + out.String())
	require.Greater(t, res.Popularity.HitRate, 0.0, "the baseline finds some")
	require.GreaterOrEqual(t, res.Lift(), 0.20, "the model beats popularity by 20%% on hit-rate@10")
	require.Greater(t, res.Model.NDCG, res.Popularity.NDCG)
	require.Greater(t, res.Model.HitRate, res.Method("item-kNN").All.HitRate, "the model beats item-kNN")
	require.Greater(t, res.Model.NDCG, res.Method("item-kNN").All.NDCG)
	require.Contains(t, out.String(), "\nmodel hit_rate@10=")
	require.Contains(t, out.String(), "\npopularity hit_rate@10=")
}
