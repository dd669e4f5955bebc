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
	genres := []string{"Action", "Comedy", "Drama", "Thriller", "Romance", "Horror", "Animation", "Science Fiction"}
	langs := []string{"English", "Hindi", "Tamil", "Spanish", "French", "Japanese", "Korean"}
	words := []string{"Midnight", "Harbour", "Echo", "Saffron", "Glass", "River", "Signal", "Crown", "Orbit", "Lantern",
		"Storm", "Velvet", "Atlas", "Hollow", "Ember", "Paper", "Silent", "Golden", "Last", "Wild"}
	cities := demoCities()
	err := pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		var base int64
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(id), 0) FROM catalog.movies").Scan(&base); err != nil {
			return fmt.Errorf("movie ids: %w", err)
		}
		mrows := make([][]any, movies)
		for i := range mrows {
			title := fmt.Sprintf("%s %s %d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], base+int64(i)+1)
			mrows[i] = []any{catalog.Slugify(title), title, "A generated film for load testing.", 90 + rng.IntN(80),
				now.AddDate(0, 0, -rng.IntN(60)), "PG-13", langs[rng.IntN(len(langs))],
				[]string{genres[rng.IntN(len(genres))]}, []string{"2D"}, "now_showing", rng.IntN(100)}
		}
		n, err := tx.CopyFrom(ctx, pgx.Identifier{"catalog", "movies"}, []string{"slug", "title", "synopsis",
			"runtime_minutes", "release_date", "certification", "original_language", "genres", "formats", "status", "popularity"},
			pgx.CopyFromRows(mrows))
		if err != nil {
			return fmt.Errorf("copy movies: %w", err)
		}
		res.Movies = int(n)
		var movieIDs []int64
		rows, err := tx.Query(ctx, "SELECT id FROM catalog.movies WHERE id > $1 ORDER BY id", base)
		if err != nil {
			return fmt.Errorf("new movie ids: %w", err)
		}
		if movieIDs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return fmt.Errorf("new movie ids: %w", err)
		}
		if len(movieIDs) == 0 || shows == 0 {
			return nil
		}
		screens := (shows + showsPerScreenDay*scaleDays - 1) / (showsPerScreenDay * scaleDays)
		theaters := (screens + screensPerTheater - 1) / screensPerTheater
		layout, err := json.Marshal(Layout([]string{"ssssssssssssssssssss", "ssssssssssssssssssss", "ssssssssssssssssssss",
			"ssssssssssssssssssss", "ssssssssssssssssssss", "ssssssssssssssssssss", "ssssssssssssssssssss",
			"ssssssssssssssssssss", "pppppppppppppppppppp", "pppppppppppppppppppp"}))
		if err != nil {
			return err
		}
		prices, _ := json.Marshal(catalog.Prices{catalog.Standard: 1000, catalog.Premium: 1400})
		var showRows [][]any
		for t := 0; t < theaters; t++ {
			city := cities[t%len(cities)]
			var tid int64
			if err := tx.QueryRow(ctx, `INSERT INTO catalog.theaters (slug, name, city_slug, address, time_zone)
				VALUES ($1, $2, $3, 'Generated for benchmarks', $4) RETURNING id`,
				fmt.Sprintf("scale-theater-%d-%d", base, t), fmt.Sprintf("Scale Cinema %d", t), catalog.Slugify(city.name), city.tz).Scan(&tid); err != nil {
				return fmt.Errorf("insert theater: %w", err)
			}
			res.Theaters++
			loc, _ := time.LoadLocation(city.tz)
			day0 := now.In(loc)
			for sc := 0; sc < screensPerTheater && res.Screens < screens; sc++ {
				var sid int64
				if err := tx.QueryRow(ctx, `INSERT INTO catalog.screens (theater_id, name, formats, layout, seat_count)
					VALUES ($1, $2, '{2D}', $3, 200) RETURNING id`, tid, fmt.Sprintf("Screen %d", sc+1), layout).Scan(&sid); err != nil {
					return fmt.Errorf("insert screen: %w", err)
				}
				res.Screens++
				for d := 0; d < scaleDays && len(showRows) < shows; d++ {
					day := time.Date(day0.Year(), day0.Month(), day0.Day()+d, 10, 0, 0, 0, loc)
					for k := 0; k < showsPerScreenDay && len(showRows) < shows; k++ {
						start := day.Add(time.Duration(k*3) * time.Hour)
						showRows = append(showRows, []any{movieIDs[rng.IntN(len(movieIDs))], sid, tid, start,
							start.Add(2*time.Hour + 30*time.Minute), start.Add(2*time.Hour + 45*time.Minute),
							"English", "2D", prices, 200, 200})
					}
				}
			}
		}
		n, err = tx.CopyFrom(ctx, pgx.Identifier{"catalog", "shows"}, []string{"movie_id", "screen_id", "theater_id",
			"starts_at", "ends_at", "clean_until", "language", "format", "prices", "seats_total", "seats_available"},
			pgx.CopyFromRows(showRows))
		if err != nil {
			return fmt.Errorf("copy shows: %w", err)
		}
		res.Shows = int(n)
		return nil
	})
	if err != nil {
		return ScaleResult{}, fmt.Errorf("generate scale data: %w", err)
	}
	if _, err := pool.Exec(ctx, "ANALYZE catalog.movies, catalog.shows, catalog.theaters, catalog.screens"); err != nil {
		return res, fmt.Errorf("analyze: %w", err)
	}
	return res, nil
}
