package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// ScaleResult counts what Scale generated.
type ScaleResult struct {
	Movies, Theaters, Screens, Shows int
}

// showsPerScreenDay and scaleDays shape the generated schedule: five shows a
// day on every generated screen, starting today.
const (
	showsPerScreenDay = 5
	scaleDays         = 30
	screensPerTheater = 4
)

// Scale adds synthetic data for benchmarks: movies now showing, and enough
// theaters (four screens each, spread over the demo cities) to hold shows
// shows over the next 30 days. Rows go in with COPY, in one transaction. The
// demo cities must exist (Load creates them).
func Scale(ctx context.Context, pool *pgxpool.Pool, movies, shows int, now time.Time) (ScaleResult, error) {
	var res ScaleResult
	rng := rand.New(rand.NewPCG(42, uint64(movies)))
	err := pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		g := scaler{tx: tx, rng: rng, now: now, res: &res, shows: shows}
		return g.generate(ctx, movies)
	})
	if err != nil {
		return ScaleResult{}, fmt.Errorf("generate scale data: %w", err)
	}
	if _, err := pool.Exec(ctx, "ANALYZE catalog.movies, catalog.shows, catalog.theaters, catalog.screens"); err != nil {
		return res, fmt.Errorf("analyze: %w", err)
	}
	return res, nil
}

// scaler is one attempt of Scale's transaction. Its random source is seeded
// by the movie count, so the same request generates the same data.
type scaler struct {
	tx       pgx.Tx
	rng      *rand.Rand
	now      time.Time
	res      *ScaleResult
	shows    int     // how many shows to generate
	base     int64   // the largest movie id before this run; names what it adds
	movieIDs []int64 // the movies it added, which its shows play
	prices   []byte  // every generated show's prices, as JSON
	showRows [][]any // the shows to copy
}

// generate adds movies movies, then the theaters, screens and shows.
func (g *scaler) generate(ctx context.Context, movies int) error {
	if err := g.tx.QueryRow(ctx, "SELECT coalesce(max(id), 0) FROM catalog.movies").Scan(&g.base); err != nil {
		return fmt.Errorf("movie ids: %w", err)
	}
	if err := g.copyMovies(ctx, movies); err != nil {
		return err
	}
	if len(g.movieIDs) == 0 || g.shows == 0 {
		return nil
	}
	if err := g.schedule(ctx); err != nil {
		return err
	}
	n, err := g.tx.CopyFrom(ctx, pgx.Identifier{"catalog", "shows"}, []string{"movie_id", "screen_id", "theater_id",
		"starts_at", "ends_at", "clean_until", "language", "format", "prices", "seats_total", "seats_available"},
		pgx.CopyFromRows(g.showRows))
	if err != nil {
		return fmt.Errorf("copy shows: %w", err)
	}
	g.res.Shows = int(n)
	return nil
}

// copyMovies adds n generated movies now showing, with random titles,
// languages and genres, and reads back their ids.
func (g *scaler) copyMovies(ctx context.Context, n int) error {
	genres := []string{"Action", "Comedy", "Drama", "Thriller", "Romance", "Horror", "Animation", "Science Fiction"}
	langs := []string{"English", "Hindi", "Tamil", "Spanish", "French", "Japanese", "Korean"}
	words := []string{"Midnight", "Harbour", "Echo", "Saffron", "Glass", "River", "Signal", "Crown", "Orbit", "Lantern",
		"Storm", "Velvet", "Atlas", "Hollow", "Ember", "Paper", "Silent", "Golden", "Last", "Wild"}
	rng := g.rng
	mrows := make([][]any, n)
	for i := range mrows {
		title := fmt.Sprintf("%s %s %d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], g.base+int64(i)+1)
		mrows[i] = []any{catalog.Slugify(title), title, "A generated film for load testing.", 90 + rng.IntN(80),
			g.now.AddDate(0, 0, -rng.IntN(60)), "PG-13", langs[rng.IntN(len(langs))],
			[]string{genres[rng.IntN(len(genres))]}, []string{"2D"}, "now_showing", rng.IntN(100)}
	}
	copied, err := g.tx.CopyFrom(ctx, pgx.Identifier{"catalog", "movies"}, []string{"slug", "title", "synopsis",
		"runtime_minutes", "release_date", "certification", "original_language", "genres", "formats", "status", "popularity"},
		pgx.CopyFromRows(mrows))
	if err != nil {
		return fmt.Errorf("copy movies: %w", err)
	}
	g.res.Movies = int(copied)
	rows, err := g.tx.Query(ctx, "SELECT id FROM catalog.movies WHERE id > $1 ORDER BY id", g.base)
	if err != nil {
		return fmt.Errorf("new movie ids: %w", err)
	}
	if g.movieIDs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		return fmt.Errorf("new movie ids: %w", err)
	}
	return nil
}

// schedule adds the theaters and screens the shows need, spread over the
// demo cities, and fills their schedules into showRows.
func (g *scaler) schedule(ctx context.Context) error {
	screens := (g.shows + showsPerScreenDay*scaleDays - 1) / (showsPerScreenDay * scaleDays)
	theaters := (screens + screensPerTheater - 1) / screensPerTheater
	layout, err := json.Marshal(Layout([]string{"ssssssssssssssssssss", "ssssssssssssssssssss", "ssssssssssssssssssss",
		"ssssssssssssssssssss", "ssssssssssssssssssss", "ssssssssssssssssssss", "ssssssssssssssssssss",
		"ssssssssssssssssssss", "pppppppppppppppppppp", "pppppppppppppppppppp"}))
	if err != nil {
		return err
	}
	g.prices, _ = json.Marshal(catalog.Prices{catalog.Standard: 1000, catalog.Premium: 1400})
	cities := demoCities()
	for t := 0; t < theaters; t++ {
		city := cities[t%len(cities)]
		var tid int64
		if err := g.tx.QueryRow(ctx, `INSERT INTO catalog.theaters (slug, name, city_slug, address, time_zone)
			VALUES ($1, $2, $3, 'Generated for benchmarks', $4) RETURNING id`,
			fmt.Sprintf("scale-theater-%d-%d", g.base, t), fmt.Sprintf("Scale Cinema %d", t), catalog.Slugify(city.name), city.tz).Scan(&tid); err != nil {
			return fmt.Errorf("insert theater: %w", err)
		}
		g.res.Theaters++
		loc, _ := time.LoadLocation(city.tz)
		for sc := 0; sc < screensPerTheater && g.res.Screens < screens; sc++ {
			var sid int64
			if err := g.tx.QueryRow(ctx, `INSERT INTO catalog.screens (theater_id, name, formats, layout, seat_count)
				VALUES ($1, $2, '{2D}', $3, 200) RETURNING id`, tid, fmt.Sprintf("Screen %d", sc+1), layout).Scan(&sid); err != nil {
				return fmt.Errorf("insert screen: %w", err)
			}
			g.res.Screens++
			g.screenShows(tid, sid, loc)
		}
	}
	return nil
}

// screenShows schedules screen sid of theater tid: showsPerScreenDay a
// day, three hours apart from 10:00 in loc, for scaleDays days from today,
// each of a random movie, until showRows holds all the shows.
func (g *scaler) screenShows(tid, sid int64, loc *time.Location) {
	day0 := g.now.In(loc)
	for d := 0; d < scaleDays && len(g.showRows) < g.shows; d++ {
		day := time.Date(day0.Year(), day0.Month(), day0.Day()+d, 10, 0, 0, 0, loc)
		for k := 0; k < showsPerScreenDay && len(g.showRows) < g.shows; k++ {
			start := day.Add(time.Duration(k*3) * time.Hour)
			g.showRows = append(g.showRows, []any{g.movieIDs[g.rng.IntN(len(g.movieIDs))], sid, tid, start,
				start.Add(2*time.Hour + 30*time.Minute), start.Add(2*time.Hour + 45*time.Minute),
				"English", "2D", g.prices, 200, 200})
		}
	}
}
