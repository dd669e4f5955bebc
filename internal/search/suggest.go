package search

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// Suggestions answer what someone is typing in the search box.
type Suggestions struct {
	Text     string
	Movies   []MovieSuggestion
	People   []PersonSuggestion
	Theaters []TheaterHit
}

// Empty reports whether nothing was suggested.
func (s Suggestions) Empty() bool {
	return len(s.Movies) == 0 && len(s.People) == 0 && len(s.Theaters) == 0
}

// MovieSuggestion is a movie with its next show in the city, if any.
type MovieSuggestion struct {
	ID                                    int64
	Slug, Title, PosterURL, Certification string
	ComingSoon                            bool
	ReleaseDate                           time.Time
	Genres                                []string
	// NextDate ("2026-05-01"), NextTime ("18:45") and NextTheater describe
	// the next show in the city; empty when none.
	NextDate, NextTime, NextTheater string
}

// PersonSuggestion is someone credited on indexed movies.
type PersonSuggestion struct {
	Name     string
	Movies   int
	KnownFor string
}

// MinSuggestLength is the shortest text worth suggesting for.
const MinSuggestLength = 2

// Suggest returns up to five movies, three people and three theaters (in
// citySlug, or anywhere when "") for text typed so far.
func (s *Service) Suggest(ctx context.Context, text, citySlug string) (Suggestions, error) {
	key := citySlug + "\x00" + text
	if out, ok := s.suggestions.get(key, s.now()); ok {
		return out, nil
	}
	out, err := s.suggest(ctx, text, citySlug)
	if err == nil {
		s.suggestions.put(key, out, s.now())
	}
	return out, err
}

func (s *Service) suggest(ctx context.Context, text, citySlug string) (Suggestions, error) {
	out := Suggestions{Text: text}
	prefix := prefixQuery(text)
	if len([]rune(text)) < MinSuggestLength || prefix == "" || len(text) > 200 {
		return out, nil
	}
	movies, err := s.suggestedMovies(ctx, text, prefix)
	if err != nil {
		return out, err
	}
	people, err := remember(s.text, "people\x00"+text, func() ([]PersonSuggestion, error) {
		rows, err := s.q.SuggestPeople(ctx, s.readPool, searchdb.SuggestPeopleParams{Q: text, Lim: 3})
		if err != nil {
			return nil, fmt.Errorf("suggest people for %q: %w", text, err)
		}
		var out []PersonSuggestion
		for _, p := range rows {
			out = append(out, PersonSuggestion{Name: p.Name, Movies: int(p.Movies), KnownFor: p.KnownFor})
		}
		return out, nil
	})
	if err != nil {
		return out, err
	}
	out.People = people
	if out.Theaters, err = s.theatersLike(ctx, text, prefix, citySlug); err != nil {
		return out, err
	}
	f, done, err := s.read(ctx)
	if err != nil {
		return out, err
	}
	defer done()
	now := s.now()
	shows := f.cityLists(citySlug)
	for _, id := range movies {
		m := f.movies[id]
		if m == nil {
			continue
		}
		ms := MovieSuggestion{ID: id, Slug: m.Slug, Title: m.Title, PosterURL: m.PosterURL, Certification: m.Cert,
			ComingSoon: m.comingSoon, ReleaseDate: m.releaseDay, Genres: m.Genres}
		if next := upcoming(shows[id], now); citySlug != "" && len(next) > 0 {
			ms.NextDate, ms.NextTime, ms.NextTheater = f.dict.str(next[0].date), f.dict.str(next[0].localTime), f.dict.str(next[0].theaterName)
		}
		out.Movies = append(out.Movies, ms)
	}
	return out, nil
}

// suggestedMovies returns up to five movies whose words start with what
// was typed or, when none does, whose title is close to it, best first.
func (s *Service) suggestedMovies(ctx context.Context, text, prefix string) ([]int64, error) {
	return remember(s.text, "suggest\x00"+text, func() ([]int64, error) {
		var ids []int64
		rows, err := s.q.SuggestMovies(ctx, s.readPool, searchdb.SuggestMoviesParams{Q: text, Prefix: prefix, Lim: 5})
		if err != nil {
			return nil, fmt.Errorf("suggest movies for %q: %w", text, err)
		}
		for _, r := range rows {
			ids = append(ids, r.MovieID)
		}
		if len(ids) > 0 {
			return ids, nil
		}
		// No title starts so: allow typos.
		fuzzy, err := s.q.SuggestMoviesFuzzy(ctx, s.readPool, searchdb.SuggestMoviesFuzzyParams{Q: text, Lim: 5})
		if err != nil {
			return nil, fmt.Errorf("suggest movies for %q allowing typos: %w", text, err)
		}
		for _, r := range fuzzy {
			ids = append(ids, r.MovieID)
		}
		return ids, nil
	})
}
