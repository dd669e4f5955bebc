package main

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// targets are what the scenarios ask for, read from the server's catalogue:
// movies and theaters of one city with shows to come, shows on sale, and
// texts people search for.
type targets struct {
	city        string
	movies      []string // slugs
	theaters    []string // slugs
	seatShows   []int64  // shows whose seat maps are browsed
	buyShows    []int64  // shows the mixed profile's buyers hold seats on
	searchTexts []string
	size        string // the catalogue's size, for the table's heading
}

// searchFixed are searches people make on the demo catalogue: titles,
// typos, partial words, people, genres.
var searchFixed = []string{"The Lantern Keeper", "lanturn keper", "orbit of ash", "cartogr", "Imogen Sallow", "horror",
	"comedy", "hindi", "toofan expres", "quiet ten", "sci-fi", "midnight", "river", "saffron orbit", "golden"}

func loadTargets(ctx context.Context, pool *pgxpool.Pool, city string, n int) (*targets, error) {
	t := &targets{city: city}
	strs := func(into *[]string, sql string, args ...any) error {
		rows, err := pool.Query(ctx, sql, args...)
		if err != nil {
			return err
		}
		*into, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	}
	ids := func(into *[]int64, sql string, args ...any) error {
		rows, err := pool.Query(ctx, sql, args...)
		if err != nil {
			return err
		}
		*into, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	}
	upcoming := `FROM catalog.shows s JOIN catalog.theaters t ON t.id = s.theater_id
		WHERE t.city_slug = $1 AND s.status = 'scheduled' AND s.starts_at > now() + interval '2 hours'`
	if err := strs(&t.movies, `SELECT m.slug FROM catalog.movies m WHERE m.id IN (SELECT s.movie_id `+upcoming+`)
		ORDER BY m.id LIMIT $2`, city, n); err != nil {
		return nil, fmt.Errorf("read movies: %w", err)
	}
	if err := strs(&t.theaters, `SELECT t.slug FROM catalog.theaters t WHERE t.city_slug = $1 ORDER BY t.id LIMIT $2`,
		city, n); err != nil {
		return nil, fmt.Errorf("read theaters: %w", err)
	}
	if err := ids(&t.seatShows, `SELECT s.id `+upcoming+` ORDER BY s.starts_at, s.id LIMIT $2`, city, n); err != nil {
		return nil, fmt.Errorf("read shows: %w", err)
	}
	if err := ids(&t.buyShows, `SELECT s.id `+upcoming+` ORDER BY s.starts_at, s.id OFFSET $2 LIMIT $2`, city, n); err != nil {
		return nil, fmt.Errorf("read shows: %w", err)
	}
	if err := strs(&t.searchTexts, `SELECT title FROM catalog.movies ORDER BY id DESC LIMIT $1`, n); err != nil {
		return nil, fmt.Errorf("read titles: %w", err)
	}
	t.searchTexts = append(t.searchTexts, searchFixed...)
	var movies, shows int64
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM catalog.movies), (SELECT count(*) FROM catalog.shows)`).
		Scan(&movies, &shows); err != nil {
		return nil, fmt.Errorf("count the catalogue: %w", err)
	}
	t.size = fmt.Sprintf("%d movies, %d shows", movies, shows)
	if len(t.movies) == 0 || len(t.theaters) == 0 || len(t.buyShows) == 0 {
		return nil, fmt.Errorf("no movies, theaters or shows to come in %s: is the demo data loaded?", city)
	}
	return t, nil
}

// browse are the browsing scenarios, in the table's order: home, a movie
// (no city chosen: the movie itself), a movie's showtimes (city chosen,
// tomorrow's), a theater, a seat map (never cached: seats are live).
func (t *targets) browse() []scenario {
	tomorrow := time.Now().AddDate(0, 0, 1).Format(time.DateOnly)
	var movie, showtimes, theater, seats []page
	for _, m := range t.movies {
		movie = append(movie, page{path: "/movies/" + m})
		showtimes = append(showtimes, page{path: "/movies/" + m + "?" + url.Values{"date": {tomorrow}}.Encode(), city: t.city})
	}
	for _, th := range t.theaters {
		theater = append(theater, page{path: "/theaters/" + th, city: t.city})
	}
	for _, id := range t.seatShows {
		seats = append(seats, page{path: fmt.Sprintf("/shows/%d/seats", id)})
	}
	return []scenario{
		{name: "home", pages: []page{{path: "/", city: t.city}}},
		{name: "movie", pages: movie},
		{name: "showtimes", pages: showtimes},
		{name: "theater", pages: theater},
		{name: "seat map", pages: seats},
	}
}

// search are the search scenarios: the search API with a city, and the
// suggestions under the search box for what has been typed so far.
func (t *targets) search() []scenario {
	var search, suggest []page
	for _, q := range t.searchTexts {
		search = append(search, page{path: "/api/v1/search?" + url.Values{"q": {q}, "city": {t.city}}.Encode()})
		typed := []rune(q)
		suggest = append(suggest, page{path: "/search/suggest?" + url.Values{"q": {string(typed[:min(len(typed), 5)])}}.Encode()})
	}
	return []scenario{{name: "search", pages: search}, {name: "suggestions", pages: suggest}}
}

// scenario is a named set of pages asked for in turn.
type scenario struct {
	name  string
	pages []page
}
