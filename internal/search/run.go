package search

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// Search runs q: the page of movies playing in the city in the coming
// Days (and coming-soon ones, unless a show filter is set), the total,
// facet counts and, when nothing matched exactly, a "did you mean".
// Errors: ErrUnknownCity, ErrInvalid (a date outside the window).
func (s *Service) Search(ctx context.Context, q Query) (Results, error) {
	key := q.Values().Encode()
	if res, ok := s.results.get(key, s.now()); ok {
		return res, nil
	}
	res, err := s.search(ctx, q)
	if err == nil {
		s.results.put(key, res, s.now())
	}
	return res, err
}

func (s *Service) search(ctx context.Context, q Query) (Results, error) {
	city, err := s.city(ctx, q.City)
	if err != nil {
		return Results{}, err
	}
	now := s.now()
	loc := city.Location()
	local := now.In(loc)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	until := today.AddDate(0, 0, Days)
	res := Results{Query: q, City: city}
	for d := range Days {
		t := today.AddDate(0, 0, d)
		res.Days = append(res.Days, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	}
	for _, d := range q.Dates {
		if d.Before(res.Days[0]) || d.After(res.Days[len(res.Days)-1]) {
			return Results{}, validate.Errors{"date": fmt.Sprintf("Choose a date in the next %d days.", Days)}
		}
	}
	text, prefix := q.Text, prefixQuery(q.Text)
	if prefix == "" {
		text = ""
	}
	w := window{from: now, until: until, coming: !q.showFiltered()}
	var matches []match
	if text != "" {
		if matches, err = s.match(ctx, text, prefix, false); err != nil {
			return Results{}, err
		}
	}
	f, done, err := s.read(ctx)
	if err != nil {
		return Results{}, err
	}
	if text == "" {
		matches = make([]match, 0, len(f.movies))
		for id, m := range f.movies {
			if m.Status != "archived" {
				matches = append(matches, match{id: id})
			}
		}
	}
	page := max(q.Page, 1)
	hits, rows := f.rank(q, matches, true, w)
	res.Movies = f.page(hits, page)
	done()
	res.Exact = true
	if text != "" && len(hits) == 0 {
		// Nothing matches word for word: try typo tolerance.
		if matches, err = s.match(ctx, text, prefix, true); err != nil {
			return Results{}, err
		}
		if f, done, err = s.read(ctx); err != nil {
			return Results{}, err
		}
		hits, rows = f.rank(q, matches, false, w)
		res.Movies = f.page(hits, page)
		title, sim, ok := f.closestTitle(matches)
		done()
		res.Exact = false
		if res.DidYouMean, err = s.didYouMean(ctx, text, title, sim, ok); err != nil {
			return Results{}, err
		}
	}
	res.Total = len(hits)
	res.Pages = (res.Total + PageSize - 1) / PageSize
	res.Facets = facetsFrom(rows, q)
	if text != "" && page == 1 {
		if res.Theaters, err = s.theatersLike(ctx, text, prefix, q.City); err != nil {
			return Results{}, err
		}
	}
	return res, nil
}

// match returns the movies whose text matches (with typos allowed when
// fuzzy), from the text cache or PostgreSQL.
func (s *Service) match(ctx context.Context, text, prefix string, fuzzy bool) ([]match, error) {
	key := "match\x00" + text + "\x00" + prefix
	if fuzzy {
		key = "fuzzy\x00" + text
	}
	return remember(s.text, key, func() ([]match, error) {
		var out []match
		if fuzzy {
			rows, err := s.q.SearchMatchFuzzy(ctx, s.readPool, text)
			if err != nil {
				return nil, fmt.Errorf("search %q allowing typos: %w", text, err)
			}
			for _, r := range rows {
				out = append(out, match{id: r.MovieID, score: r.TextScore, titleMatch: r.TitleMatch, titleSim: r.TitleSim})
			}
			return out, nil
		}
		rows, err := s.q.SearchMatch(ctx, s.readPool, searchdb.SearchMatchParams{Q: text, Prefix: prefix})
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", text, err)
		}
		for _, r := range rows {
			out = append(out, match{id: r.MovieID, score: r.TextScore})
		}
		return out, nil
	})
}

// didYouMean returns the closest title or credited name to text: the
// closest title among the typo-tolerant matches (title, sim; ok when there
// is one) or the closest name, whichever is more similar ("" if none).
func (s *Service) didYouMean(ctx context.Context, text, title string, sim float64, ok bool) (string, error) {
	name, err := remember(s.text, "name\x00"+text, func() (searchdb.DidYouMeanNameRow, error) {
		r, err := s.q.DidYouMeanName(ctx, s.readPool, text)
		if errors.Is(err, pgx.ErrNoRows) {
			return searchdb.DidYouMeanNameRow{Sim: -1}, nil
		}
		if err != nil {
			return r, fmt.Errorf("did you mean %q: %w", text, err)
		}
		return r, nil
	})
	switch {
	case err != nil:
		return "", err
	case name.Sim < 0 && !ok:
		return "", nil
	case !ok || name.Sim > sim || (name.Sim == sim && name.Name < title):
		return name.Name, nil
	}
	return title, nil
}

// theatersLike returns up to three theaters in city whose name matches.
func (s *Service) theatersLike(ctx context.Context, text, prefix, city string) ([]TheaterHit, error) {
	return remember(s.text, "theaters\x00"+text+"\x00"+city, func() ([]TheaterHit, error) {
		ts, err := s.q.SuggestTheaters(ctx, s.readPool, searchdb.SuggestTheatersParams{Q: text, Prefix: prefix, City: city, Lim: 3})
		if err != nil {
			return nil, fmt.Errorf("theaters like %q: %w", text, err)
		}
		var out []TheaterHit
		for _, t := range ts {
			out = append(out, TheaterHit{Slug: t.Slug, Name: t.Name, Address: t.Address})
		}
		return out, nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
