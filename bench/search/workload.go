package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/search"
)

// workload is the mix of searches the clients draw from.
type workload struct {
	pool   *pgxpool.Pool
	svc    *search.Service
	stop   func()
	texts  []string
	cities []string
}

// fixed are searches people make on the demo catalogue: titles, typos,
// partial words, people, genres and languages.
var fixed = []string{"The Lantern Keeper", "lanturn keper", "orbit of ash", "cartogr", "Imogen Sallow", "Harriet Quayle",
	"horror", "comedy", "hindi", "korean", "toofan expres", "quiet ten", "velvet kinves", "sci-fi", "Desmond Pike",
	"midnight", "river", "saffron orbit", "golden", "the"}

func newWorkload(ctx context.Context, databaseURL string) (*workload, error) {
	pool, err := pgxpool.New(ctx, databaseURL)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	w := &workload{pool: pool, svc: search.NewService(pool, nil, search.Options{}), texts: fixed}
	// The service's in-memory index, for timing searches without HTTP.
	runCtx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		_ = w.svc.Run(runCtx)
	}()
	w.stop = func() {
		cancel()
		<-stopped
	}
	if err := w.svc.WaitLoaded(ctx); err != nil {
		w.stop()
		return nil, err
	}
	// Generated titles ("Saffron Orbit 4521"), whole or with a typo.
	rows, err := pool.Query(ctx, "SELECT title FROM search.movies ORDER BY movie_id DESC LIMIT 200")
	if err != nil {
		return nil, fmt.Errorf("read titles: %w", err)
	}
	titles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("read titles: %w", err)
	}
	for i, t := range titles {
		if i%2 == 1 && len(t) > 6 {
			t = t[:3] + t[4:] // drop a letter
		}
		w.texts = append(w.texts, t)
	}
	cities, err := w.svc.Cities(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cities {
		w.cities = append(w.cities, c.Slug)
	}
	if len(w.cities) == 0 {
		return nil, fmt.Errorf("the index has no city: seed and reindex first")
	}
	sort.Strings(w.cities)
	return w, nil
}

func (w *workload) close() {
	w.stop()
	w.pool.Close()
}

// pick draws one search: text, city, and now and then a filter.
func (w *workload) pick(rng *rand.Rand) search.Query {
	q := search.Query{Text: w.texts[rng.IntN(len(w.texts))], City: w.cities[rng.IntN(len(w.cities))], Sort: search.SortRelevance}
	switch rng.IntN(6) {
	case 0:
		q.Genres = []string{"Drama"}
	case 1:
		q.Times = []search.Daypart{search.Evening}
	case 2:
		q.Dates = []time.Time{time.Now().UTC().AddDate(0, 0, 1).Truncate(24 * time.Hour)}
	case 3:
		q.Sort = search.SortSoonest
	}
	return q
}

// prefix is what someone has typed so far of text.
func prefix(rng *rand.Rand, text string) string {
	r := []rune(text)
	return string(r[:min(len(r), 3+rng.IntN(5))])
}

func suggestURL(base, text string) string {
	return base + "/search/suggest?" + url.Values{"q": {text}}.Encode()
}

func searchURL(base string, q search.Query) string {
	return base + "/api/v1/search?" + q.Values().Encode()
}
