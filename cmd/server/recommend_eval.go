package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/marqueehq/marquee/internal/recommend"
)

// recommendEval is `server recommend-eval`: it builds the synthetic
// audience documented on recommend.Population, trains the service's model
// on everyone's bookings but their last, and prints hit-rate@10 and
// NDCG@10 of the model and of the popularity baseline. The last two lines
// are for scripts: "model hit_rate@10=N ndcg@10=N" and
// "popularity hit_rate@10=N ndcg@10=N".
func recommendEval(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("recommend-eval", flag.ContinueOnError)
	fs.SetOutput(stdout)
	spec := recommend.PopulationSpec{}
	fs.IntVar(&spec.Users, "users", 5000, "synthetic users")
	fs.IntVar(&spec.Movies, "movies", 1000, "synthetic movies")
	fs.Float64Var(&spec.BookingsPerUser, "bookings", 20, "mean bookings per user (at least 4 each)")
	fs.Float64Var(&spec.Noise, "noise", 0.15, "share of bookings that follow popularity alone")
	fs.Uint64Var(&spec.Seed, "seed", 1, "random seed (the same seed gives the same audience)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if spec.Users < 1 || spec.Movies < 20 || spec.BookingsPerUser < 4 || spec.Noise < 0 || spec.Noise > 1 {
		return errors.New("recommend-eval: need -users >= 1, -movies >= 20, -bookings >= 4 and -noise in [0, 1]")
	}
	fmt.Fprintln(stdout, "Recommendation quality on a synthetic audience (see recommend.Population for how it is made).")
	recommend.Evaluate(recommend.Synthesize(spec), recommend.DefaultParams()).Report(stdout)
	return nil
}
