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
	cities, err := s.src.Cities(ctx)
	if err != nil {
		return n, fmt.Errorf("reindex: %w", err)
	}
	theaters, err := s.src.Theaters(ctx, "")
	if err != nil {
		return n, fmt.Errorf("reindex: %w", err)
	}
	screens, err := s.src.AllScreens(ctx)
	if err != nil {
		return n, fmt.Errorf("reindex: %w", err)
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
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		n = Reindexed{}
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
		for after := int64(0); ; {
			movies, err := s.src.MoviesAfter(ctx, tx, after, reindexPage)
			if err != nil {
				return err
			}
			if len(movies) == 0 {
				break
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
				break
			}
		}
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

// Empty reports whether the index holds no movie (a fresh database, or
// demo data loaded without the indexer listening).
func (s *Service) Empty(ctx context.Context) (bool, error) {
	n, err := s.q.MovieDocCount(ctx, s.pool)
	if err != nil {
		return false, fmt.Errorf("count indexed movies: %w", err)
	}
	return n == 0, nil
}
