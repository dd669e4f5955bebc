package search

import (
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// movieFacts is what the in-memory index holds of a movie: everything but
// its text, which PostgreSQL matches.
type movieFacts struct {
	ID                                   int64
	Slug, Title, Status, PosterURL, Cert string
	Genres, Languages, TopCast           []string
	Runtime, Popularity                  int
	Rating                               *float64
	Director, Tagline, ReleaseDate       string // ReleaseDate as "2006-01-02"
	releaseDay                           time.Time
	comingSoon                           bool
}

func newMovieFacts(f searchdb.SearchMovieFact) *movieFacts {
	m := &movieFacts{ID: f.MovieID, Slug: f.Slug, Title: f.Title, Status: f.Status, PosterURL: f.PosterUrl,
		Cert: f.Certification, Genres: nonNil(f.Genres), Languages: nonNil(f.Languages), TopCast: nonNil(f.TopCast),
		Runtime: int(f.Runtime), Popularity: int(f.Popularity), Rating: f.Rating, Director: f.Director, Tagline: f.Tagline,
		ReleaseDate: f.ReleaseDate.Format(time.DateOnly), releaseDay: f.ReleaseDate, comingSoon: f.Status == "coming_soon"}
	return m
}

// hasAny reports whether list and want share a value (want empty: true).
func hasAny(list, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, v := range list {
		if slices.Contains(want, v) {
			return true
		}
	}
	return false
}

// facts is one consistent picture of the index: cities, movies and
// upcoming shows. byCity holds each movie's shows in start order per city
// (by its number in dict), and under "" in every city.
type facts struct {
	cities map[string]City
	movies map[int64]*movieFacts
	shows  map[int64]showFacts
	byCity map[uint32]map[int64][]showFacts
	dict   *dict
}

func newFacts() *facts {
	return &facts{cities: map[string]City{}, movies: map[int64]*movieFacts{}, shows: map[int64]showFacts{},
		byCity: map[uint32]map[int64][]showFacts{}, dict: newDict()}
}

// lists returns the show lists of a city (every city: dict.id("")),
// creating them.
func (f *facts) lists(city uint32) map[int64][]showFacts {
	l := f.byCity[city]
	if l == nil {
		l = map[int64][]showFacts{}
		f.byCity[city] = l
	}
	return l
}

// cityLists returns the show lists of a city slug ("": every city); nil
// when it has no show.
func (f *facts) cityLists(slug string) map[int64][]showFacts {
	id, ok := f.dict.lookup(slug)
	if !ok {
		return nil
	}
	return f.byCity[id]
}

// add appends a show to its lists (unsorted: loading sorts once at the end).
func (f *facts) add(s showFacts) {
	f.shows[s.ID] = s
	for _, city := range [2]uint32{everywhere, s.city} {
		l := f.lists(city)
		l[s.MovieID] = append(l[s.MovieID], s)
	}
}

// putShow adds or replaces a show.
func (f *facts) putShow(s showFacts) {
	f.dropShow(s.ID)
	f.shows[s.ID] = s
	for _, city := range [2]uint32{everywhere, s.city} {
		l := f.lists(city)
		i, _ := slices.BinarySearchFunc(l[s.MovieID], s, byStart)
		l[s.MovieID] = slices.Insert(slices.Clip(l[s.MovieID]), i, s)
	}
}

// dropShow removes a show if present.
func (f *facts) dropShow(id int64) {
	old, ok := f.shows[id]
	if !ok {
		return
	}
	delete(f.shows, id)
	for _, city := range [2]uint32{everywhere, old.city} {
		l := f.lists(city)
		list := slices.DeleteFunc(slices.Clone(l[old.MovieID]), func(x showFacts) bool { return x.ID == id })
		if len(list) == 0 {
			delete(l, old.MovieID)
			continue
		}
		l[old.MovieID] = list
	}
}
