package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/marqueehq/marquee/internal/recommend"
)

// recommendEval is `server recommend-eval`. With -ratings and -movies-csv
// it reads an interaction log in the MovieLens CSV layout; otherwise it
// builds the synthetic audience documented on recommend.Population. Either
// way it holds out each user's last positive, trains the service's model
// and three baselines (popularity, item-kNN, EASE) on the rest and prints
// their table. The last two lines are for scripts:
// "model hit_rate@10=N ndcg@10=N" and "popularity hit_rate@10=N ndcg@10=N".
func recommendEval(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("recommend-eval", flag.ContinueOnError)
	fs.SetOutput(stdout)
	spec := recommend.PopulationSpec{}
	fs.IntVar(&spec.Users, "users", 5000, "synthetic users")
	fs.IntVar(&spec.Movies, "movies", 1000, "synthetic movies")
	fs.Float64Var(&spec.BookingsPerUser, "bookings", 20, "mean bookings per user (at least 4 each)")
	fs.Float64Var(&spec.Noise, "noise", 0.15, "share of bookings that follow popularity alone")
	fs.Uint64Var(&spec.Seed, "seed", 1, "random seed (the same seed gives the same audience)")
	ratings := fs.String("ratings", "", "MovieLens-layout ratings.csv (userId,movieId,rating,timestamp) instead of the synthetic audience")
	movies := fs.String("movies-csv", "", "MovieLens-layout movies.csv (movieId,title,genres), with -ratings")
	ml := recommend.MovieLensOptions{}
	fs.Float64Var(&ml.Threshold, "threshold", 4.0, "a rating at or above this is a positive interaction")
	fs.BoolVar(&ml.Implicit, "implicit", false, "every rating is a positive interaction, whatever its value")
	fs.IntVar(&ml.MaxUsers, "max-users", 0, "read only the first N users by id (0: all)")
	opts := recommend.DefaultEvalOptions()
	fs.IntVar(&opts.MinItem, "min-item", opts.MinItem, "EASE scores movies with at least this many training positives")
	fs.Float64Var(&opts.Lambda, "lambda", opts.Lambda, "EASE's L2 regularisation (> 0)")
	fs.IntVar(&opts.ColdMax, "cold", opts.ColdMax, "users with at most this many training positives are reported as cold-start")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("recommend-eval: unexpected argument %q", fs.Arg(0))
	}
	if opts.MinItem < 1 || opts.Lambda <= 0 || opts.ColdMax < 0 || ml.MaxUsers < 0 {
		return errors.New("recommend-eval: need -min-item >= 1, -lambda > 0, -cold >= 0 and -max-users >= 0")
	}
	if *ratings != "" || *movies != "" {
		if *ratings == "" || *movies == "" {
			return errors.New("recommend-eval: -ratings and -movies-csv go together")
		}
		ds, err := recommend.ReadMovieLens(*ratings, *movies, ml)
		if err != nil {
			return fmt.Errorf("recommend-eval: %w", err)
		}
		if len(ds.Users) == 0 {
			return fmt.Errorf("recommend-eval: %s has no ratings", *ratings)
		}
		positives := fmt.Sprintf("ratings >= %.1f positive", ml.Threshold)
		if ml.Implicit {
			positives = "every rating a positive"
		}
		fmt.Fprintf(stdout, "Recommendation quality on %s (%s).\n", *ratings, positives)
		recommend.Evaluate(ds, opts).Report(stdout)
		return nil
	}
	if spec.Users < 1 || spec.Movies < 20 || spec.BookingsPerUser < 4 || spec.Noise < 0 || spec.Noise > 1 {
		return errors.New("recommend-eval: need -users >= 1, -movies >= 20, -bookings >= 4 and -noise in [0, 1]")
	}
	fmt.Fprintln(stdout, "Recommendation quality on a synthetic audience (see recommend.Population for how it is made).")
	recommend.Evaluate(recommend.Synthesize(spec).Dataset(), opts).Report(stdout)
	return nil
}
