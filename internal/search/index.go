package search

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// IndexMovie rebuilds one movie's document and credits from the catalogue;
// an archived or unknown movie leaves the index.
func (s *Service) IndexMovie(ctx context.Context, id int64) error {
	m, err := s.src.Movie(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) || (err == nil && m.Status == catalog.Archived) {
		return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
			if err := s.q.MovieDocDelete(ctx, tx, id); err != nil {
				return fmt.Errorf("drop movie %d from the index: %w", id, err)
			}
			return s.notify(ctx, tx, changeNote{Movies: []int64{id}})
		})
	}
	if err != nil {
		return fmt.Errorf("read movie %d: %w", id, err)
	}
	var b movieBatch
	b.add(m)
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.writeMovies(ctx, tx, &b); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeNote{Movies: []int64{id}})
	})
}

func (s *Service) writeMovies(ctx context.Context, tx pgx.Tx, b *movieBatch) error {
	if len(b.docs.MovieID) == 0 {
		return nil
	}
	if err := s.q.MovieDocUpsert(ctx, tx, b.docs); err != nil {
		return fmt.Errorf("write %d movie documents: %w", len(b.docs.MovieID), err)
	}
	if err := s.q.CreditDocDeleteForMovies(ctx, tx, b.docs.MovieID); err != nil {
		return fmt.Errorf("clear credits: %w", err)
	}
	if err := s.q.CreditDocInsert(ctx, tx, b.credits); err != nil {
		return fmt.Errorf("write credits: %w", err)
	}
	if err := s.q.MovieWordsDelete(ctx, tx, b.docs.MovieID); err != nil {
		return fmt.Errorf("clear movie words: %w", err)
	}
	if err := s.q.MovieWordsInsert(ctx, tx, b.docs.MovieID); err != nil {
		return fmt.Errorf("write movie words: %w", err)
	}
	return nil
}

// IndexTheater rebuilds a theater's document, its city, and the rows of its
// upcoming shows (their times, screens and names depend on it).
func (s *Service) IndexTheater(ctx context.Context, id int64) error {
	p, err := s.place(ctx, id)
	if err != nil {
		return err
	}
	shows, err := s.src.LiveShowsOfTheater(ctx, id)
	if err != nil {
		return fmt.Errorf("read shows of theater %d: %w", id, err)
	}
	var b showBatch
	for _, sh := range shows {
		b.add(sh, p)
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.writePlace(ctx, tx, p); err != nil {
			return err
		}
		if err := s.writeShows(ctx, tx, &b); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeNote{Theaters: []int64{id}})
	})
}

// place reads a theater with its city and screens.
func (s *Service) place(ctx context.Context, theaterID int64) (place, error) {
	t, err := s.src.Theater(ctx, theaterID)
	if err != nil {
		return place{}, fmt.Errorf("read theater %d: %w", theaterID, err)
	}
	city, err := s.src.City(ctx, t.CitySlug)
	if err != nil {
		return place{}, fmt.Errorf("read city of theater %d: %w", theaterID, err)
	}
	screens, err := s.src.Screens(ctx, theaterID)
	if err != nil {
		return place{}, fmt.Errorf("read screens of theater %d: %w", theaterID, err)
	}
	p := place{theater: t, city: city, wheelchair: map[int64]bool{}}
	for _, sc := range screens {
		p.wheelchair[sc.ID] = hasWheelchairSpace(sc)
	}
	return p, nil
}

func (s *Service) writePlace(ctx context.Context, tx pgx.Tx, p place) error {
	c := p.city
	if err := s.q.CityDocUpsert(ctx, tx, searchdb.CityDocUpsertParams{Slug: c.Slug, Name: c.Name,
		TimeZone: c.TimeZone, Currency: c.Currency}); err != nil {
		return fmt.Errorf("write city %s: %w", c.Slug, err)
	}
	t := p.theater
	access := false
	for _, a := range t.Amenities {
		access = access || a == "wheelchair_access"
	}
	for _, w := range p.wheelchair {
		access = access || w
	}
	if err := s.q.TheaterDocUpsert(ctx, tx, searchdb.TheaterDocUpsertParams{TheaterID: t.ID, Slug: t.Slug, Name: t.Name,
		CitySlug: t.CitySlug, Address: t.Address, Wheelchair: access, CityName: c.Name}); err != nil {
		return fmt.Errorf("write theater %d: %w", t.ID, err)
	}
	return nil
}

func (s *Service) writeShows(ctx context.Context, tx pgx.Tx, b *showBatch) error {
	if b.len() == 0 {
		return nil
	}
	if err := s.q.ShowDocUpsert(ctx, tx, b.rows); err != nil {
		return fmt.Errorf("write %d shows: %w", b.len(), err)
	}
	return nil
}

// IndexShows brings the given shows' rows up to date: new and changed shows
// are written, cancelled and unknown ones removed.
func (s *Service) IndexShows(ctx context.Context, ids []int64) error {
	shows, err := s.src.ShowsByIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("read shows: %w", err)
	}
	places := map[int64]place{}
	var b showBatch
	live := map[int64]bool{}
	for _, sh := range shows {
		if sh.Status == catalog.Cancelled {
			continue
		}
		p, ok := places[sh.TheaterID]
		if !ok {
			if p, err = s.place(ctx, sh.TheaterID); err != nil {
				return err
			}
			places[sh.TheaterID] = p
		}
		b.add(sh, p)
		live[sh.ID] = true
	}
	var gone []int64
	for _, id := range ids {
		if !live[id] {
			gone = append(gone, id)
		}
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if len(gone) > 0 {
			if err := s.q.ShowDocDelete(ctx, tx, gone); err != nil {
				return fmt.Errorf("drop shows %v: %w", gone, err)
			}
		}
		if err := s.writeShows(ctx, tx, &b); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeNote{Shows: ids})
	})
}
