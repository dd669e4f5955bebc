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
	sf := newShowFilters(f.dict, q)
	fc := newFacetCounts(f.dict)
	shows := f.cityLists(q.City)
	var hits []*hit
	for _, mt := range matches {
		m := f.movies[mt.id]
		if m == nil {
			continue
		}
		h := &hit{m: m, textScore: mt.score, exact: exact}
		if fc.movie(q, h, upcoming(shows[m.ID], w.from), w, &sf) {
			hits = append(hits, h)
		}
	}
	score(hits, w.from.UnixNano())
	slices.SortFunc(hits, order(q.Sort))
	return hits, fc.rows()
}

// showFilters is a query's show filters resolved against the index's dict
// once per search, so testing a show compares numbers only.
type showFilters struct {
	lang, format, theater, date, daypart filter
	priceMin, priceMax                   int64 // in cents; priceMax 0: no limit
	seats                                int32
	wheelchair                           bool
}

// newShowFilters resolves q's show filters in d.
func newShowFilters(d *dict, q Query) showFilters {
	times := make([]string, len(q.Times))
	for i, t := range q.Times {
		times[i] = string(t)
	}
	dates := make([]string, len(q.Dates))
	for i, t := range q.Dates {
		dates[i] = t.Format(time.DateOnly)
	}
	return showFilters{
		lang: d.filter(q.Languages), format: d.filter(q.Formats), theater: d.filter(q.Theaters),
		date: d.filter(dates), daypart: d.filter(times),
		priceMin: q.PriceMin * 100, priceMax: q.PriceMax * 100, seats: int32(q.Seats),
		wheelchair: q.Wheelchair,
	}
}

// flags returns the filter bits show s passes; fAll when it passes them all.
func (sf *showFilters) flags(s *showFacts) uint8 {
	var b uint8
	set := func(bit uint8, ok bool) {
		if ok {
			b |= bit
		}
	}
	set(fLang, sf.lang.has(s.language))
	set(fFormat, sf.format.has(s.format))
	set(fTheater, sf.theater.has(s.theaterSlug))
	set(fDate, sf.date.has(s.date))
	set(fTime, sf.daypart.has(s.daypart))
	set(fPrice, s.priceFrom >= sf.priceMin && (sf.priceMax == 0 || s.priceFrom <= sf.priceMax))
	set(fSeats, s.seats >= sf.seats)
	set(fAccess, !sf.wheelchair || s.wheelchair)
	return b
}

// facetCounts gathers the facet counts while rank walks the matches.
type facetCounts struct {
	d                                        *dict
	genres, certs                            *tally[string]
	langs, formats, theaters, days, dayparts *tally[uint32]
	wheelchair                               int // movies with a wheelchair-accessible show
	priceLow, priceHigh                      int64
	currency                                 string // the smallest currency among the priced shows
	priced                                   bool   // priceLow, priceHigh and currency are set
}

func newFacetCounts(d *dict) *facetCounts {
	return &facetCounts{d: d,
		genres: newTally[string](), certs: newTally[string](),
		langs: newTally[uint32](), formats: newTally[uint32](), theaters: newTally[uint32](),
		days: newTally[uint32](), dayparts: newTally[uint32]()}
}

// movie fills h from its movie's upcoming shows (list) within w, counts
// the movie toward the facets whose other filters it passes, and reports
// whether the movie is a result: it passes the movie filters and has a
// matching show, or is coming soon (when w lets those in) in a wanted
// language.
func (fc *facetCounts) movie(q Query, h *hit, list []showFacts, w window, sf *showFilters) bool {
	m := h.m
	genreOK, certOK := hasAny(m.Genres, q.Genres), len(q.Certifications) == 0 || slices.Contains(q.Certifications, m.Cert)
	movieOK := genreOK && certOK
	fc.shows(h, list, w.until.UnixNano(), sf, movieOK)
	listed := h.showCount > 0 || (w.coming && m.comingSoon)
	if certOK && listed {
		for _, g := range m.Genres {
			fc.genres.add(m.ID, g, g, lessOrdered)
		}
	}
	if genreOK && listed {
		fc.certs.add(m.ID, m.Cert, m.Cert, lessOrdered)
	}
	return movieOK && (h.showCount > 0 || (w.coming && m.comingSoon && hasAny(m.Languages, q.Languages)))
}

// shows walks h's movie's shows in list until until (Unix nanoseconds):
// the shows passing every filter go into h and, when the movie passes
// the movie filters (movieOK), each show counts toward the show facets.
func (fc *facetCounts) shows(h *hit, list []showFacts, until int64, sf *showFilters, movieOK bool) {
	access := false
	for i := range list {
		s := &list[i]
		if s.at >= until {
			break
		}
		b := sf.flags(s)
		if b == fAll {
			h.add(s)
		}
		if !movieOK {
			continue
		}
		if fc.show(h.m.ID, s, b) {
			access = true
		}
	}
	if access {
		fc.wheelchair++
	}
}

// add lists s, a show passing every filter, in h.
func (h *hit) add(s *showFacts) {
	if h.showCount == 0 {
		h.next = s.at
	}
	h.showCount++
	if len(h.firstShows) < showsPerHit {
		h.firstShows = append(h.firstShows, *s)
	}
}

// show counts show s of movie id toward each show facet whose other
// filters it passes (b: the filter bits it passes), and reports whether
// it makes the movie count toward the wheelchair facet.
func (fc *facetCounts) show(id int64, s *showFacts, b uint8) (access bool) {
	if b|fLang == fAll {
		fc.langs.add(id, s.language, s.language, lessOrdered)
	}
	if b|fFormat == fAll {
		fc.formats.add(id, s.format, s.format, lessOrdered)
	}
	if b|fTheater == fAll {
		fc.theaters.add(id, s.theaterSlug, s.theaterName, fc.byName)
	}
	if b|fDate == fAll {
		fc.days.add(id, s.date, s.date, lessOrdered)
	}
	if b|fTime == fAll {
		fc.dayparts.add(id, s.daypart, s.daypart, lessOrdered)
	}
	if b|fPrice == fAll {
		fc.price(s)
	}
	return b|fAccess == fAll && s.wheelchair
}

// price widens the price range (and keeps the smallest currency) to take
// in show s.
func (fc *facetCounts) price(s *showFacts) {
	if !fc.priced || s.priceFrom < fc.priceLow {
		fc.priceLow = s.priceFrom
	}
	if !fc.priced || s.priceFrom > fc.priceHigh {
		fc.priceHigh = s.priceFrom
	}
	if c := fc.d.str(s.currency); !fc.priced || c < fc.currency {
		fc.currency = c
	}
	fc.priced = true
}

// byName orders dict numbers by the strings they stand for.
func (fc *facetCounts) byName(a, b uint32) bool { return fc.d.str(a) < fc.d.str(b) }

// lessOrdered orders labels by their own value.
func lessOrdered[K cmp.Ordered](a, b K) bool { return a < b }

// rows returns the facet counts as rows: genres, certifications, the show
// facets, then wheelchair and the price range (its low and high ends in
// Count, the currency in Label).
func (fc *facetCounts) rows() []facetRow {
	same := func(s string) string { return s }
	rows := append(fc.genres.rows("genre", same), fc.certs.rows("certification", same)...)
	for _, t := range []struct {
		facet string
		t     *tally[uint32]
	}{{"language", fc.langs}, {"format", fc.formats}, {"theater", fc.theaters}, {"date", fc.days}, {"time", fc.dayparts}} {
		rows = append(rows, t.t.rows(t.facet, fc.d.str)...)
	}
	return append(rows, facetRow{Facet: "wheelchair", Value: "yes", Label: "yes", Count: int64(fc.wheelchair)},
		facetRow{Facet: "price", Value: "range", Label: fc.currency, Count: fc.priceLow},
		facetRow{Facet: "price", Value: "max", Label: fc.currency, Count: fc.priceHigh})
}

// score sets each hit's score: its text score, raised by popularity and
// rating and, for a movie with a matching show, by how soon after from
// (Unix nanoseconds) that show starts.
func score(hits []*hit, from int64) {
	for _, h := range hits {
		h.score = h.textScore + 0.3*float64(min(h.m.Popularity, 100))/100 + 0.02*rating(h.m)
		if h.next != 0 {
			h.score += 0.2 * math.Exp(-float64(h.next-from)/float64(time.Second)/259200)
		}
	}
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
