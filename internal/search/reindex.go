package search

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Reindexed counts what Reindex wrote.
type Reindexed struct {
	Movies, Theaters, Shows int
}

// reindexPage is how many movies or shows Reindex reads and writes at once.
const reindexPage = 5000

// Reindex rebuilds every document from the catalogue in one transaction:
// searches see the old index until the new one is complete.
func (s *Service) Reindex(ctx context.Context) (Reindexed, error) {
	var n Reindexed
	places, err := s.places(ctx)
	if err != nil {
		return n, fmt.Errorf("reindex: %w", err)
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		n = Reindexed{}
		return s.rebuild(ctx, tx, places, &n)
	})
	if err != nil {
		return Reindexed{}, fmt.Errorf("reindex: %w", err)
	}
	// Fresh statistics, and a visibility map so the word lookups of typo
	// tolerance read the indexes only.
	if _, err := s.pool.Exec(ctx, "VACUUM (ANALYZE) search.movies, search.credits, search.words, search.movie_words, search.theaters, search.shows"); err != nil {
		return n, fmt.Errorf("reindex: vacuum: %w", err)
	}
	return n, nil
}

// places reads every theater with its city and which of its screens have
// wheelchair spaces, by theater id.
func (s *Service) places(ctx context.Context) (map[int64]place, error) {
	cities, err := s.src.Cities(ctx)
	if err != nil {
		return nil, err
	}
	theaters, err := s.src.Theaters(ctx, "")
	if err != nil {
		return nil, err
	}
	screens, err := s.src.AllScreens(ctx)
	if err != nil {
		return nil, err
	}
	cityBySlug := map[string]catalog.City{}
	for _, c := range cities {
		cityBySlug[c.Slug] = c
	}
	places := map[int64]place{}
	for _, t := range theaters {
		places[t.ID] = place{theater: t, city: cityBySlug[t.CitySlug], wheelchair: map[int64]bool{}}
	}
	for _, sc := range screens {
		if p, ok := places[sc.TheaterID]; ok {
			p.wheelchair[sc.ID] = hasWheelchairSpace(sc)
		}
	}
	return places, nil
}

// rebuild empties the index and writes every theater, movie and live show
// into it in tx, counting them in n.
func (s *Service) rebuild(ctx context.Context, tx pgx.Tx, places map[int64]place, n *Reindexed) error {
	// Rebuilding a large catalogue takes longer than a request's
	// statements may.
	if err := pg.SetStatementTimeout(ctx, tx, 10*time.Minute); err != nil {
		return err
	}
	if err := s.q.SearchTruncate(ctx, tx); err != nil {
		return fmt.Errorf("clear the index: %w", err)
	}
	// Every server reloads its in-memory index once this commits.
	if err := s.notify(ctx, tx, changeNote{All: true}); err != nil {
		return err
	}
	for _, p := range places {
		if err := s.writePlace(ctx, tx, p); err != nil {
			return err
		}
		n.Theaters++
	}
	if err := s.reindexMovies(ctx, tx, n); err != nil {
		return err
	}
	return s.reindexShows(ctx, tx, places, n)
}

// reindexMovies writes every movie but the archived ones, reindexPage at
// a time, counting them in n.
func (s *Service) reindexMovies(ctx context.Context, tx pgx.Tx, n *Reindexed) error {
	for after := int64(0); ; {
		movies, err := s.src.MoviesAfter(ctx, tx, after, reindexPage)
		if err != nil {
			return err
		}
		if len(movies) == 0 {
			return nil
		}
		var b movieBatch
		for _, m := range movies {
			if m.Status != catalog.Archived {
				b.add(m)
			}
		}
		if err := s.writeMovies(ctx, tx, &b); err != nil {
			return err
		}
		n.Movies += len(b.docs.MovieID)
		after = movies[len(movies)-1].ID
		if len(movies) < reindexPage {
			return nil
		}
	}
}

// reindexShows writes every live show at a theater in places,
// reindexPage at a time, counting them in n.
func (s *Service) reindexShows(ctx context.Context, tx pgx.Tx, places map[int64]place, n *Reindexed) error {
	for after := int64(0); ; {
		shows, err := s.src.LiveShowsAfter(ctx, tx, after, reindexPage)
		if err != nil || len(shows) == 0 {
			return err
		}
		var b showBatch
		for _, sh := range shows {
			if p, ok := places[sh.TheaterID]; ok {
				b.add(sh, p)
			}
		}
		if err := s.writeShows(ctx, tx, &b); err != nil {
			return err
		}
		n.Shows += b.len()
		after = shows[len(shows)-1].ID
		if len(shows) < reindexPage {
			return nil
		}
	}
}

// Empty reports whether the index holds no movie (a fresh database, or
// demo data loaded without the indexer listening).
func (s *Service) Empty(ctx context.Context) (bool, error) {
	n, err := s.q.MovieDocCount(ctx, s.pool)
	if err != nil {
		return false, fmt.Errorf("count indexed movies: %w", err)
	}
	return n == 0, nil
}
