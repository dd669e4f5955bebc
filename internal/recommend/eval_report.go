package recommend

import (
	"fmt"
	"io"
	"time"
)

// Report writes the table for people, then the two lines scripts read:
// "model hit_rate@10=N ndcg@10=N" and "popularity hit_rate@10=N ndcg@10=N".
func (r EvalResult) Report(w io.Writer) {
	fmt.Fprintf(w, "log: %d users, %d movies, %d interactions; %d users tested (last positive held out), %d of them cold-start (<= %d training positives)\n",
		r.Users, r.Movies, r.Interactions, r.Tested, r.Cold, r.ColdMax)
	fmt.Fprintf(w, "EASE scores the %d movies with >= %d training positives\n", r.EASEMovies, r.MinItemSet)
	fmt.Fprintf(w, "model training: %s, scoring every test user: %s\n",
		r.TrainTime.Round(time.Millisecond), r.ScoreTime.Round(time.Millisecond))
	fmt.Fprintf(w, "%-11s %7s %7s %9s %8s | %-25s | %s\n", "", "all", "", "", "", "cold-start", "")
	fmt.Fprintf(w, "%-11s %7s %7s %9s %8s | %7s %7s %9s | %s\n",
		"method", "hit@10", "ndcg@10", "recall@20", "coverage", "hit@10", "ndcg@10", "recall@20", "time")
	for _, m := range r.Methods {
		fmt.Fprintf(w, "%-11s %7.4f %7.4f %9.4f %8.4f | %7.4f %7.4f %9.4f | %s\n", m.Name,
			m.All.HitRate, m.All.NDCG, m.All.Recall20, m.Coverage, m.Cold.HitRate, m.Cold.NDCG, m.Cold.Recall20,
			m.Time.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "hit-rate@10 lift over popularity: %+.1f%%\n", 100*r.Lift())
	fmt.Fprintf(w, "model hit_rate@10=%.4f ndcg@10=%.4f\n", r.Model.HitRate, r.Model.NDCG)
	fmt.Fprintf(w, "popularity hit_rate@10=%.4f ndcg@10=%.4f\n", r.Popularity.HitRate, r.Popularity.NDCG)
}
