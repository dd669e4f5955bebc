package search

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// match is a movie whose text matches, with its text score. Typo-tolerant
// matches also say whether the title itself is close, and how close.
type match struct {
	id         int64
	score      float64
	titleMatch bool
	titleSim   float64
}

// closestTitle returns the title most similar to the query among the
// matches whose title is close (ties: the first title alphabetically).
func (f *facts) closestTitle(matches []match) (title string, sim float64, ok bool) {
	for _, mt := range matches {
		m := f.movies[mt.id]
		if m == nil || !mt.titleMatch {
			continue
		}
		if !ok || mt.titleSim > sim || (mt.titleSim == sim && m.Title < title) {
			title, sim, ok = m.Title, mt.titleSim, true
		}
	}
	return title, sim, ok
}

// Show filters, one bit each; a facet counts shows passing every filter
// but its own.
const (
	fLang uint8 = 1 << iota
	fFormat
	fTheater
	fDate
	fTime
	fPrice
	fSeats
	fAccess
	fAll = fLang | fFormat | fTheater | fDate | fTime | fPrice | fSeats | fAccess
)

// window is what a search asks of shows besides the query's filters.
type window struct {
	from, until time.Time
	// coming lets coming-soon movies in (no show filter is set).
	coming bool
}

// hit is a movie that made it into the results.
type hit struct {
	m          *movieFacts
	textScore  float64
	score      float64
	next       int64 // Unix nanoseconds of its first matching show; 0: none
	showCount  int
	exact      bool
	firstShows []showFacts
}

// showsPerHit is how many of its shows each result lists.
const showsPerHit = 6

// tally counts, per facet value, the movies having it; each value keeps
// its smallest label.
type tally[K comparable] struct {
	counts map[K]int
	labels map[K]K
	last   map[K]int64 // the last movie counted for each value
}

func newTally[K comparable]() *tally[K] {
	return &tally[K]{counts: map[K]int{}, labels: map[K]K{}, last: map[K]int64{}}
}

// add counts movie id for value once; less orders labels.
func (t *tally[K]) add(id int64, value, label K, less func(a, b K) bool) {
	if l, ok := t.last[value]; ok && l == id {
		return
	}
	t.last[value] = id
	t.counts[value]++
	if old, ok := t.labels[value]; !ok || less(label, old) {
		t.labels[value] = label
	}
}

func (t *tally[K]) rows(facet string, str func(K) string) []facetRow {
	out := make([]facetRow, 0, len(t.counts))
	for v, n := range t.counts {
		out = append(out, facetRow{Facet: facet, Value: str(v), Label: str(t.labels[v]), Count: int64(n)})
	}
	slices.SortFunc(out, func(a, b facetRow) int { return cmp.Compare(a.Value, b.Value) })
	return out
}

// rank filters, counts and orders the matched movies in memory: the
// movies with a show passing every filter in the city and window (or
// coming soon), in order, and the facet counts. Call with the read lock
// held (see page).
func (f *facts) rank(q Query, matches []match, exact bool, w window) ([]*hit, []facetRow) {
	d := f.dict
	times := make([]string, len(q.Times))
	for i, t := range q.Times {
		times[i] = string(t)
	}
	dates := make([]string, len(q.Dates))
	for i, t := range q.Dates {
		dates[i] = t.Format(time.DateOnly)
	}
	langF, formatF, theaterF, dateF, timeF := d.filter(q.Languages), d.filter(q.Formats), d.filter(q.Theaters), d.filter(dates), d.filter(times)
	priceMin, priceMax, seats := q.PriceMin*100, q.PriceMax*100, int32(q.Seats)
	flags := func(s *showFacts) uint8 {
		var b uint8
		set := func(bit uint8, ok bool) {
			if ok {
				b |= bit
			}
		}
		set(fLang, langF.has(s.language))
		set(fFormat, formatF.has(s.format))
		set(fTheater, theaterF.has(s.theaterSlug))
		set(fDate, dateF.has(s.date))
		set(fTime, timeF.has(s.daypart))
		set(fPrice, s.priceFrom >= priceMin && (priceMax == 0 || s.priceFrom <= priceMax))
		set(fSeats, s.seats >= seats)
		set(fAccess, !q.Wheelchair || s.wheelchair)
		return b
	}
	byNumber := func(a, b uint32) bool { return a < b }
	byName := func(a, b uint32) bool { return d.str(a) < d.str(b) }
	byString := func(a, b string) bool { return a < b }
	genres, certs := newTally[string](), newTally[string]()
	langs, formats, theaters, days, dayparts := newTally[uint32](), newTally[uint32](), newTally[uint32](), newTally[uint32](), newTally[uint32]()
	wheelchair := 0
	var priceLow, priceHigh int64
	currency, priced := "", false
	from, until := w.from.UnixNano(), w.until.UnixNano()
	shows := f.cityLists(q.City)
	var hits []*hit
	for _, mt := range matches {
		m := f.movies[mt.id]
		if m == nil {
			continue
		}
		genreOK, certOK := hasAny(m.Genres, q.Genres), len(q.Certifications) == 0 || slices.Contains(q.Certifications, m.Cert)
		movieOK := genreOK && certOK
		h := &hit{m: m, textScore: mt.score, exact: exact}
		access := false
		list := upcoming(shows[m.ID], w.from)
		for i := range list {
			s := &list[i]
			if s.at >= until {
				break
			}
			b := flags(s)
			if b == fAll {
				if h.showCount == 0 {
					h.next = s.at
				}
				h.showCount++
				if len(h.firstShows) < showsPerHit {
					h.firstShows = append(h.firstShows, *s)
				}
			}
			if !movieOK {
				continue
			}
			if b|fLang == fAll {
				langs.add(m.ID, s.language, s.language, byNumber)
			}
			if b|fFormat == fAll {
				formats.add(m.ID, s.format, s.format, byNumber)
			}
			if b|fTheater == fAll {
				theaters.add(m.ID, s.theaterSlug, s.theaterName, byName)
			}
			if b|fDate == fAll {
				days.add(m.ID, s.date, s.date, byNumber)
			}
			if b|fTime == fAll {
				dayparts.add(m.ID, s.daypart, s.daypart, byNumber)
			}
			if b|fAccess == fAll && s.wheelchair {
				access = true
			}
			if b|fPrice == fAll {
				if !priced || s.priceFrom < priceLow {
					priceLow = s.priceFrom
				}
				if !priced || s.priceFrom > priceHigh {
					priceHigh = s.priceFrom
				}
				if c := d.str(s.currency); !priced || c < currency {
					currency = c
				}
				priced = true
			}
		}
		if access {
			wheelchair++
		}
		listed := h.showCount > 0 || (w.coming && m.comingSoon)
		if certOK && listed {
			for _, g := range m.Genres {
				genres.add(m.ID, g, g, byString)
			}
		}
		if genreOK && listed {
			certs.add(m.ID, m.Cert, m.Cert, byString)
		}
		if movieOK && (h.showCount > 0 || (w.coming && m.comingSoon && hasAny(m.Languages, q.Languages))) {
			hits = append(hits, h)
		}
	}
	for _, h := range hits {
		h.score = h.textScore + 0.3*float64(min(h.m.Popularity, 100))/100 + 0.02*rating(h.m)
		if h.next != 0 {
			h.score += 0.2 * math.Exp(-float64(h.next-from)/float64(time.Second)/259200)
		}
	}
	slices.SortFunc(hits, order(q.Sort))
	same := func(s string) string { return s }
	rows := append(genres.rows("genre", same), certs.rows("certification", same)...)
	for _, t := range []struct {
		facet string
		t     *tally[uint32]
	}{{"language", langs}, {"format", formats}, {"theater", theaters}, {"date", days}, {"time", dayparts}} {
		rows = append(rows, t.t.rows(t.facet, d.str)...)
	}
	rows = append(rows, facetRow{Facet: "wheelchair", Value: "yes", Label: "yes", Count: int64(wheelchair)},
		facetRow{Facet: "price", Value: "range", Label: currency, Count: priceLow},
		facetRow{Facet: "price", Value: "max", Label: currency, Count: priceHigh})
	return hits, rows
}

// rating is a movie's rating, 5 when it has none.
func rating(m *movieFacts) float64 {
	if m.Rating == nil {
		return 5
	}
	return *m.Rating
}

// order sorts hits: by the chosen order, then by score, then by id.
func order(sort string) func(a, b *hit) int {
	return func(a, b *hit) int {
		switch sort {
		case SortSoonest:
			switch {
			case (a.next == 0) != (b.next == 0):
				if a.next == 0 {
					return 1
				}
				return -1
			case a.next != b.next:
				return cmp.Compare(a.next, b.next)
			}
		case SortRating:
			switch {
			case (a.m.Rating == nil) != (b.m.Rating == nil):
				if a.m.Rating == nil {
					return 1
				}
				return -1
			case a.m.Rating != nil && *a.m.Rating != *b.m.Rating:
				return cmp.Compare(*b.m.Rating, *a.m.Rating)
			}
		case SortPopularity:
			if a.m.Popularity != b.m.Popularity {
				return cmp.Compare(b.m.Popularity, a.m.Popularity)
			}
		}
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.m.ID, b.m.ID)
	}
}

// page returns the hits of a results page in result form. Call with the
// read lock held (show strings live in the index's dict).
func (f *facts) page(hits []*hit, page int) []MovieHit {
	var out []MovieHit
	for _, h := range hits[min(len(hits), (page-1)*PageSize):min(len(hits), page*PageSize)] {
		m := h.m
		mh := MovieHit{ID: m.ID, Slug: m.Slug, Title: m.Title, Status: m.Status, PosterURL: m.PosterURL, Genres: m.Genres,
			Languages: m.Languages, Certification: m.Cert, Runtime: m.Runtime, Rating: m.Rating, Popularity: m.Popularity,
			Director: m.Director, TopCast: m.TopCast, Tagline: m.Tagline, ReleaseDate: m.ReleaseDate, Exact: h.exact,
			Score: h.score, ShowCount: h.showCount, Shows: make([]ShowHit, len(h.firstShows))}
		for i, s := range h.firstShows {
			mh.Shows[i] = f.dict.hit(s)
		}
		out = append(out, mh)
	}
	return out
}
