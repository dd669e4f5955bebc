package catalog

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// The bulk reads below feed the search index: a full rebuild pages through
// every movie and show (inside its own transaction, whose tx the paging
// reads take), and an indexing job reads the shows a change touched.
// They are read-only.

// MoviesAfter returns up to limit movies with an id above after, by id,
// each with its cast and crew, read inside the caller's tx.
func (s *Service) MoviesAfter(ctx context.Context, tx pgx.Tx, after int64, limit int) ([]Movie, error) {
	rows, err := s.q.MovieListAfter(ctx, tx, catalogdb.MovieListAfterParams{ID: after, Limit: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("movies after %d: %w", after, err)
	}
	out := make([]Movie, len(rows))
	ids := make([]int64, len(rows))
	at := make(map[int64]int, len(rows))
	for i, r := range rows {
		out[i] = movieFromRow(r)
		ids[i] = r.ID
		at[r.ID] = i
	}
	credits, err := s.q.CreditListForMovies(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("credits of movies after %d: %w", after, err)
	}
	for _, c := range credits {
		m := &out[at[c.MovieID]]
		cr := Credit{PersonID: c.PersonID, Name: c.Name, Role: c.Role}
		if c.Kind == "cast" {
			m.Cast = append(m.Cast, cr)
		} else {
			m.Crew = append(m.Crew, cr)
		}
	}
	return out, nil
}

// LiveShowsAfter returns up to limit scheduled shows still to start with an
// id above after, by id, read inside the caller's tx.
func (s *Service) LiveShowsAfter(ctx context.Context, tx pgx.Tx, after int64, limit int) ([]Show, error) {
	rows, err := s.q.ShowListLiveAfter(ctx, tx, catalogdb.ShowListLiveAfterParams{ID: after, Limit: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("shows after %d: %w", after, err)
	}
	return showsFromRows(rows)
}

// ShowsByIDs returns the shows with the given ids, cancelled ones included,
// in no particular order; unknown ids are left out.
func (s *Service) ShowsByIDs(ctx context.Context, ids []int64) ([]Show, error) {
	rows, err := s.q.ShowListByIDs(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("shows by id: %w", err)
	}
	return showsFromRows(rows)
}

// LiveShowsOfTheater returns a theater's scheduled shows still to start.
func (s *Service) LiveShowsOfTheater(ctx context.Context, theaterID int64) ([]Show, error) {
	rows, err := s.q.ShowListLiveForTheater(ctx, s.pool, theaterID)
	if err != nil {
		return nil, fmt.Errorf("live shows of theater %d: %w", theaterID, err)
	}
	return showsFromRows(rows)
}

// AllScreens returns every screen of every theater with its layout.
func (s *Service) AllScreens(ctx context.Context) ([]Screen, error) {
	rows, err := s.q.ScreenListAll(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list screens: %w", err)
	}
	out := make([]Screen, len(rows))
	for i, r := range rows {
		if out[i], err = screenFromRow(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func showsFromRows(rows []catalogdb.CatalogShow) ([]Show, error) {
	out := make([]Show, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = showFromRow(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}
