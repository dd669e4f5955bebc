package recommend

import (
	"math"
	"time"
)

// EvalOptions tune the offline evaluation.
type EvalOptions struct {
	// Params are the service model's.
	Params Params
	// MinItem: EASE scores only movies with at least this many training
	// positives (its matrix is one row and column per movie).
	MinItem int
	// Lambda is EASE's L2 regularisation.
	Lambda float64
	// ColdMax: a test user with at most this many training positives is
	// cold-start and reported separately too.
	ColdMax int
}

// DefaultEvalOptions are what recommend-eval uses unless told otherwise.
func DefaultEvalOptions() EvalOptions {
	return EvalOptions{Params: DefaultParams(), MinItem: 5, Lambda: 200, ColdMax: 3}
}

// Metrics are ranking quality over held-out positives, averaged per test
// user: hit-rate@10 (held-out movie in the top 10), NDCG@10
// (1/log2(rank+1) when it is), recall@20 (in the top 20: with one movie
// held out per user, the hit-rate at 20).
type Metrics struct {
	HitRate, NDCG, Recall20 float64
	Users                   int
}

// MethodResult is one recommender's quality on every test user and on
// the cold-start ones, and its catalogue coverage: the share of all
// movies that appear in any test user's top 10.
type MethodResult struct {
	Name      string
	All, Cold Metrics
	Coverage  float64
	Time      time.Duration // training and scoring every test user
}

// EvalResult compares the service's model with three baselines.
type EvalResult struct {
	Methods             []MethodResult // model, popularity, item-kNN, EASE
	Users, Movies       int
	Interactions        int
	Tested, Cold        int
	EASEMovies          int // movies EASE scores (at least MinItem positives)
	Model, Popularity   Metrics
	TrainTime           time.Duration // the service model's training
	ScoreTime           time.Duration // the service model's scoring of every test user
	ColdMax, MinItemSet int
}

// evalK and recallK are the list lengths measured.
const (
	evalK   = 10
	recallK = 20
)

// Evaluate splits the log per user (their last positive by time is held
// out, everything else is training; users with fewer than two positives
// are not tested), trains the service's own model (the code it serves)
// and the baselines on the training part, ranks every movie each test
// user has not seen and measures the held-out movie's rank.
func Evaluate(ds Dataset, o EvalOptions) EvalResult {
	sp := splitLog(ds, o.ColdMax)
	res := EvalResult{Users: len(ds.Users), Movies: len(ds.Items), Interactions: ds.Interactions,
		Tested: len(sp.tests), ColdMax: o.ColdMax, MinItemSet: o.MinItem}
	for _, tc := range sp.tests {
		if tc.cold {
			res.Cold++
		}
	}
	start := time.Now()
	m := Train(ds.Items, sp.train, o.Params)
	res.TrainTime = time.Since(start)
	start = time.Now()
	model := measure(sp, "model", modelRanker(m, sp))
	res.ScoreTime = time.Since(start)
	model.Time = res.TrainTime + res.ScoreTime
	start = time.Now()
	popular := measure(sp, "popularity", func(int, []float64) {})
	popular.Time = time.Since(start)
	start = time.Now()
	knn := measure(sp, "item-kNN", newItemKNN(sp, knnNeighbours).score)
	knn.Time = time.Since(start)
	start = time.Now()
	e := newEASE(sp, o.MinItem, o.Lambda)
	ease := measure(sp, "EASE", e.score)
	ease.Time = time.Since(start)
	res.EASEMovies = len(e.items)
	res.Methods = []MethodResult{model, popular, knn, ease}
	res.Model, res.Popularity = model.All, popular.All
	return res
}

// measure ranks every test user's unseen movies by score (filled in by
// the ranker; ties go to the more popular movie) and averages the
// metrics.
func measure(sp split, name string, score func(u int, scores []float64)) MethodResult {
	r := MethodResult{Name: name}
	scores := make([]float64, len(sp.items))
	shown := make([]bool, len(sp.items))
	for _, tc := range sp.tests {
		clear(scores)
		score(tc.user, scores)
		top := sp.top(tc.user, scores, recallK)
		for _, i := range top[:min(len(top), evalK)] {
			shown[i] = true
		}
		rank := -1
		for k, i := range top {
			if i == tc.want {
				rank = k
			}
		}
		r.All.add(rank)
		if tc.cold {
			r.Cold.add(rank)
		}
	}
	r.All.mean()
	r.Cold.mean()
	n := 0
	for _, s := range shown {
		if s {
			n++
		}
	}
	r.Coverage = float64(n) / float64(max(len(sp.items), 1))
	return r
}

// add counts a test user whose held-out movie came at rank (0-based; -1
// when not in the top recallK).
func (m *Metrics) add(rank int) {
	m.Users++
	if rank < 0 {
		return
	}
	m.Recall20++
	if rank < evalK {
		m.HitRate++
		m.NDCG += 1 / math.Log2(float64(rank)+2)
	}
}

func (m *Metrics) mean() {
	if m.Users == 0 {
		return
	}
	n := float64(m.Users)
	m.HitRate, m.NDCG, m.Recall20 = m.HitRate/n, m.NDCG/n, m.Recall20/n
}

// Lift is the model's relative improvement in hit-rate over popularity.
func (r EvalResult) Lift() float64 {
	if r.Popularity.HitRate == 0 {
		return math.Inf(1)
	}
	return r.Model.HitRate/r.Popularity.HitRate - 1
}

// Method returns the named method's result (zero when absent).
func (r EvalResult) Method(name string) MethodResult {
	for _, m := range r.Methods {
		if m.Name == name {
			return m
		}
	}
	return MethodResult{}
}
