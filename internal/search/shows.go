package search

import (
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// showFacts is one upcoming show in the in-memory index. Its strings are
// numbers in the index's dict, so a show holds no pointer (the garbage
// collector skips the index) and a movie's shows lie side by side.
type showFacts struct {
	ID, MovieID, TheaterID int64
	at                     int64 // starts, in Unix nanoseconds
	priceFrom              int64
	seats                  int32
	theaterSlug, theaterName, city, date, localTime, daypart,
	language, format, subtitles, currency uint32
	wheelchair bool
}

func newShowFacts(s searchdb.SearchShow, d *dict) showFacts {
	return showFacts{ID: s.ShowID, MovieID: s.MovieID, TheaterID: s.TheaterID, at: s.StartsAt.UnixNano(),
		priceFrom: s.PriceFrom, seats: s.SeatsAvailable, theaterSlug: d.id(s.TheaterSlug), theaterName: d.id(s.TheaterName),
		city: d.id(s.CitySlug), date: d.id(s.LocalDate.Format(time.DateOnly)), localTime: d.id(s.LocalTime),
		daypart: d.id(s.Daypart), language: d.id(s.Language), format: d.id(s.Format), subtitles: d.id(s.Subtitles),
		currency: d.id(s.Currency), wheelchair: s.Wheelchair}
}

// hit is the result form of a show.
func (d *dict) hit(s showFacts) ShowHit {
	return ShowHit{ID: s.ID, StartsAt: time.Unix(0, s.at).UTC(), LocalDate: d.str(s.date), LocalTime: d.str(s.localTime),
		Theater: d.str(s.theaterName), TheaterSlug: d.str(s.theaterSlug), Format: d.str(s.format),
		Language: d.str(s.language), Subtitles: d.str(s.subtitles), PriceFrom: s.priceFrom, Currency: d.str(s.currency),
		SeatsAvailable: int(s.seats), Wheelchair: s.wheelchair}
}

func byStart(a, b showFacts) int {
	switch {
	case a.at != b.at:
		return cmpInt(a.at, b.at)
	}
	return cmpInt(a.ID, b.ID)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// upcoming returns the shows in list (one movie's, in start order) that
// start after from.
func upcoming(list []showFacts, from time.Time) []showFacts {
	at := from.UnixNano()
	i, _ := slices.BinarySearchFunc(list, at, func(s showFacts, t int64) int {
		if s.at > t {
			return 1
		}
		return -1
	})
	return list[i:]
}

// dict numbers the strings of shows (theater names, cities, dates,
// formats...). It only grows: each distinct value is a few bytes.
type dict struct {
	ids  map[string]uint32
	strs []string
}

// everywhere is dict's number for "", the city of every city.
const everywhere uint32 = 0

func newDict() *dict { return &dict{ids: map[string]uint32{"": everywhere}, strs: []string{""}} }

// id returns the number of s, adding it if new.
func (d *dict) id(s string) uint32 {
	if id, ok := d.ids[s]; ok {
		return id
	}
	id := uint32(len(d.strs))
	d.ids[s] = id
	d.strs = append(d.strs, s)
	return id
}

// lookup returns the number of s if known.
func (d *dict) lookup(s string) (uint32, bool) {
	id, ok := d.ids[s]
	return id, ok
}

func (d *dict) str(id uint32) string { return d.strs[id] }

// filter is one show filter as dict numbers: off (no value chosen) lets
// every show through; values the dict does not know match no show.
type filter struct {
	on  bool
	ids []uint32
}

func (d *dict) filter(values []string) filter {
	f := filter{on: len(values) > 0}
	for _, v := range values {
		if id, ok := d.lookup(v); ok {
			f.ids = append(f.ids, id)
		}
	}
	return f
}

func (f filter) has(id uint32) bool { return !f.on || slices.Contains(f.ids, id) }
