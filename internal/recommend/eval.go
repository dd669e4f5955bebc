package recommend

import (
	"fmt"
	"io"
	"math"
	"time"
)

// Metrics are ranking quality over held-out bookings.
type Metrics struct {
	HitRate float64 // share of users whose held-out movie is in the top 10
	NDCG    float64 // mean 1/log2(rank+1) of the held-out movie in the top 10
}

// EvalResult compares the model with the popularity baseline.
type EvalResult struct {
	Model, Popularity Metrics
	Users, Movies     int
	Bookings          int
	TrainTime         time.Duration
	ScoreTime         time.Duration
}

// evalK is the list length measured (hit-rate@10, NDCG@10).
const evalK = 10

// Evaluate trains the model with p on the population (without the held-out
// bookings) and measures it and the popularity baseline, which ranks every
// movie by how many users booked or loved it. Both leave out what a user
// already booked. It is the very model the service trains and serves.
func Evaluate(pop Population, p Params) EvalResult {
	res := EvalResult{Users: len(pop.Users), Movies: len(pop.Items)}
	for _, h := range pop.Users {
		res.Bookings += len(h.Touches) + 1
	}
	start := time.Now()
	m := Train(pop.Items, pop.Users, p)
	res.TrainTime = time.Since(start)
	ranking := m.PopularityRanking()
	start = time.Now()
	var model, popular Metrics
	for u, h := range pop.Users {
		want := pop.HeldOut[u]
		var got []int64
		for _, s := range m.Recommend(h, evalK, nil) {
			got = append(got, s.MovieID)
		}
		if len(got) < evalK { // a cold user: the service falls back to popularity too
			got = fill(got, ranking, h, evalK)
		}
		score(&model, got, want)
		score(&popular, fill(nil, ranking, h, evalK), want)
	}
	res.ScoreTime = time.Since(start)
	n := float64(max(len(pop.Users), 1))
	res.Model = Metrics{HitRate: model.HitRate / n, NDCG: model.NDCG / n}
	res.Popularity = Metrics{HitRate: popular.HitRate / n, NDCG: popular.NDCG / n}
	return res
}

// fill tops up list to k from ranking, skipping movies the user booked and
// movies already in it.
func fill(list []int64, ranking []int64, h History, k int) []int64 {
	skip := map[int64]bool{}
	for _, t := range h.Touches {
		if t.seen() {
			skip[t.MovieID] = true
		}
	}
	for _, id := range list {
		skip[id] = true
	}
	for _, id := range ranking {
		if len(list) >= k {
			break
		}
		if !skip[id] {
			list = append(list, id)
		}
	}
	return list
}

func score(acc *Metrics, list []int64, want int64) {
	for rank, id := range list[:min(len(list), evalK)] {
		if id == want {
			acc.HitRate++
			acc.NDCG += 1 / math.Log2(float64(rank)+2)
			return
		}
	}
}

// Lift is the model's relative improvement in hit-rate over popularity.
func (r EvalResult) Lift() float64 {
	if r.Popularity.HitRate == 0 {
		return math.Inf(1)
	}
	return r.Model.HitRate/r.Popularity.HitRate - 1
}

// Report writes the result for people, then the two lines scripts read.
func (r EvalResult) Report(w io.Writer) {
	fmt.Fprintf(w, "population: %d users, %d movies, %d bookings (last booking per user held out)\n",
		r.Users, r.Movies, r.Bookings)
	fmt.Fprintf(w, "training: %s, scoring every user: %s\n", r.TrainTime.Round(time.Millisecond), r.ScoreTime.Round(time.Millisecond))
	fmt.Fprintf(w, "hit-rate@10 lift over popularity: %+.1f%%\n", 100*r.Lift())
	fmt.Fprintf(w, "model hit_rate@10=%.4f ndcg@10=%.4f\n", r.Model.HitRate, r.Model.NDCG)
	fmt.Fprintf(w, "popularity hit_rate@10=%.4f ndcg@10=%.4f\n", r.Popularity.HitRate, r.Popularity.NDCG)
}
