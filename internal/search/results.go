package search

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// City is a city the index knows.
type City struct {
	Slug, Name, TimeZone, Currency string
}

// Location returns the city's time zone (UTC if unknown).
func (c City) Location() *time.Location {
	if loc, ok := zones.Load(c.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	zones.Store(c.TimeZone, loc)
	return loc
}

// zones caches loaded time zones by name (loading reads the zone files).
var zones sync.Map

// Results is one page of a search.
type Results struct {
	Query Query
	// City is the searched city (zero when searching everywhere).
	City   City
	Total  int
	Pages  int
	Movies []MovieHit
	// Theaters are theaters whose name matches the text (first page only).
	Theaters []TheaterHit
	Facets   Facets
	// Exact is false when only typo-tolerant matching found something;
	// DidYouMean then offers the closest title or name.
	Exact      bool
	DidYouMean string
	// Days are the dates the date filter offers (today and on).
	Days []time.Time
}

// MovieHit is a movie in the results, with its next matching shows.
type MovieHit struct {
	ID            int64     `json:"movie_id"`
	Slug          string    `json:"slug"`
	Title         string    `json:"title"`
	Status        string    `json:"status"`
	PosterURL     string    `json:"poster_url"`
	Genres        []string  `json:"genres"`
	Languages     []string  `json:"languages"`
	Certification string    `json:"certification"`
	Runtime       int       `json:"runtime"`
	Rating        *float64  `json:"rating"`
	Popularity    int       `json:"popularity"`
	Director      string    `json:"director"`
	TopCast       []string  `json:"top_cast"`
	Tagline       string    `json:"tagline"`
	ReleaseDate   string    `json:"release_date"`
	Exact         bool      `json:"exact"`
	Score         float64   `json:"score"`
	ShowCount     int       `json:"show_count"`
	Shows         []ShowHit `json:"shows"`
}

// ComingSoon reports whether the movie is not released yet.
func (m MovieHit) ComingSoon() bool { return m.Status == "coming_soon" }

// ShowHit is one matching show of a movie.
type ShowHit struct {
	ID             int64     `json:"id"`
	StartsAt       time.Time `json:"starts_at"`
	LocalDate      string    `json:"local_date"`
	LocalTime      string    `json:"local_time"`
	Theater        string    `json:"theater"`
	TheaterSlug    string    `json:"theater_slug"`
	Format         string    `json:"format"`
	Language       string    `json:"language"`
	Subtitles      string    `json:"subtitles"`
	PriceFrom      int64     `json:"price_from"`
	Currency       string    `json:"currency"`
	SeatsAvailable int       `json:"seats_available"`
	Wheelchair     bool      `json:"wheelchair"`
}

// SoldOut reports whether no seat is left.
func (s ShowHit) SoldOut() bool { return s.SeatsAvailable == 0 }

// TheaterHit is a theater whose name matches.
type TheaterHit struct {
	Slug, Name, Address string
}

// FacetValue is one value of a filter with how many movies it would show.
type FacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// Facets are the filter values with counts. Each facet's counts apply
// every other filter, not its own, so choosing a second value of the same
// facet adds movies.
type Facets struct {
	Genre         []FacetValue `json:"genre"`
	Language      []FacetValue `json:"language"`
	Format        []FacetValue `json:"format"`
	Certification []FacetValue `json:"certification"`
	Theater       []FacetValue `json:"theater"`
	Date          []FacetValue `json:"date"`
	Time          []FacetValue `json:"time"`
	// Wheelchair counts movies with a show in a screen with wheelchair space.
	Wheelchair int `json:"wheelchair"`
	// PriceLow and PriceHigh span the cheapest seats (minor units) of the
	// shows the other filters leave.
	PriceLow  int64  `json:"price_low"`
	PriceHigh int64  `json:"price_high"`
	Currency  string `json:"currency"`
}

// facetRow is one count: a facet's value and label, and how many movies
// have it (for "price", the lowest or highest price).
type facetRow struct {
	Facet, Value, Label string
	Count               int64
}

// city resolves a city slug from the in-memory index. Errors:
// ErrUnknownCity.
func (s *Service) city(ctx context.Context, slug string) (City, error) {
	if slug == "" {
		return City{TimeZone: "UTC"}, nil
	}
	f, done, err := s.read(ctx)
	if err != nil {
		return City{}, err
	}
	c, ok := f.cities[slug]
	done()
	if !ok {
		return City{}, fmt.Errorf("city %q: %w", slug, ErrUnknownCity)
	}
	return c, nil
}

// Cities lists the cities with indexed theaters, by name. It reads the
// primary: the in-memory index loads its cities with it.
func (s *Service) Cities(ctx context.Context) ([]City, error) {
	rows, err := s.q.CityDocList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list cities: %w", err)
	}
	out := make([]City, len(rows))
	for i, c := range rows {
		out[i] = City{Slug: c.Slug, Name: c.Name, TimeZone: c.TimeZone, Currency: c.Currency}
	}
	return out, nil
}

// facetsFrom turns facet rows into Facets, marking the chosen values and
// keeping chosen values that no longer count anything.
func facetsFrom(rows []facetRow, q Query) Facets {
	var f Facets
	times := make([]string, len(q.Times))
	for i, t := range q.Times {
		times[i] = string(t)
	}
	dates := make([]string, len(q.Dates))
	for i, d := range q.Dates {
		dates[i] = d.Format(time.DateOnly)
	}
	add := func(list *[]FacetValue, r facetRow, chosen []string) {
		*list = append(*list, FacetValue{Value: r.Value, Label: r.Label, Count: int(r.Count), Selected: slices.Contains(chosen, r.Value)})
	}
	for _, r := range rows {
		switch r.Facet {
		case "genre":
			add(&f.Genre, r, q.Genres)
		case "language":
			add(&f.Language, r, q.Languages)
		case "format":
			add(&f.Format, r, q.Formats)
		case "certification":
			add(&f.Certification, r, q.Certifications)
		case "theater":
			add(&f.Theater, r, q.Theaters)
		case "date":
			add(&f.Date, r, dates)
		case "time":
			add(&f.Time, r, times)
		case "wheelchair":
			f.Wheelchair = int(r.Count)
		case "price":
			f.Currency = r.Label
			if r.Value == "range" {
				f.PriceLow = r.Count
			} else {
				f.PriceHigh = r.Count
			}
		}
	}
	// Chosen values stay visible (with 0) so they can be unchosen.
	keep := func(list *[]FacetValue, chosen []string, label func(string) string) {
		for _, c := range chosen {
			if !slices.ContainsFunc(*list, func(v FacetValue) bool { return v.Value == c }) {
				*list = append(*list, FacetValue{Value: c, Label: label(c), Selected: true})
			}
		}
	}
	same := func(s string) string { return s }
	keep(&f.Genre, q.Genres, same)
	keep(&f.Language, q.Languages, same)
	keep(&f.Format, q.Formats, same)
	keep(&f.Certification, q.Certifications, same)
	keep(&f.Theater, q.Theaters, same)
	keep(&f.Time, times, same)
	byLabel := func(l []FacetValue) {
		slices.SortStableFunc(l, func(a, b FacetValue) int {
			switch {
			case a.Label < b.Label:
				return -1
			case a.Label > b.Label:
				return 1
			}
			return 0
		})
	}
	for _, l := range []*[]FacetValue{&f.Genre, &f.Language, &f.Format, &f.Certification, &f.Theater} {
		byLabel(*l)
	}
	order := Dayparts()
	slices.SortFunc(f.Time, func(a, b FacetValue) int {
		return slices.Index(order, Daypart(a.Value)) - slices.Index(order, Daypart(b.Value))
	})
	return f
}
