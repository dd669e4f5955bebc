package search

import (
	"slices"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// genreAliases are other words people type for a genre.
var genreAliases = map[string]string{
	"Science Fiction": "sci-fi scifi",
	"Animation":       "animated cartoon",
	"Documentary":     "doc docs",
	"Romance":         "romantic",
	"Comedy":          "funny",
}

// movieBatch collects movie documents column by column, the shape
// MovieDocUpsert takes.
type movieBatch struct {
	docs    searchdb.MovieDocUpsertParams
	credits searchdb.CreditDocInsertParams
}

func (b *movieBatch) add(m catalog.Movie) {
	var names []string
	for _, c := range m.Cast {
		names = append(names, c.Name)
	}
	for _, c := range m.Crew {
		names = append(names, c.Name)
	}
	var top []string
	for _, c := range m.Cast[:min(3, len(m.Cast))] {
		top = append(top, c.Name)
	}
	// The original language weighs with the names; dubbed ones with genres.
	keywords := append(slices.Clone(m.Genres), m.DubbedLanguages...)
	for _, g := range m.Genres {
		if a, ok := genreAliases[g]; ok {
			keywords = append(keywords, a)
		}
	}
	rating := -1.0
	if m.Rating != nil {
		rating = *m.Rating
	}
	d := &b.docs
	d.MovieID = append(d.MovieID, m.ID)
	d.Slug = append(d.Slug, m.Slug)
	d.Title = append(d.Title, m.Title)
	d.Names = append(d.Names, strings.Join(names, " "))
	d.OriginalLanguage = append(d.OriginalLanguage, m.OriginalLanguage)
	d.Director = append(d.Director, m.Director())
	d.TopCast = append(d.TopCast, strings.Join(top, "|"))
	d.Tagline = append(d.Tagline, m.Tagline)
	d.Genres = append(d.Genres, strings.Join(m.Genres, "|"))
	d.Languages = append(d.Languages, strings.Join(m.Languages(), "|"))
	d.Keywords = append(d.Keywords, strings.Join(keywords, " "))
	d.Certification = append(d.Certification, m.Certification)
	d.Status = append(d.Status, string(m.Status))
	d.ReleaseDate = append(d.ReleaseDate, m.ReleaseDate)
	d.Runtime = append(d.Runtime, int32(m.RuntimeMinutes))
	d.Rating = append(d.Rating, rating)
	d.Popularity = append(d.Popularity, int32(m.Popularity))
	d.PosterUrl = append(d.PosterUrl, m.PosterURL())
	d.Synopsis = append(d.Synopsis, m.Tagline+" "+m.Synopsis)
	c := &b.credits
	for kind, list := range map[string][]catalog.Credit{"cast": m.Cast, "crew": m.Crew} {
		for i, cr := range list {
			c.MovieID = append(c.MovieID, m.ID)
			c.Position = append(c.Position, int32(i))
			c.Kind = append(c.Kind, kind)
			c.Name = append(c.Name, cr.Name)
			c.Role = append(c.Role, cr.Role)
		}
	}
}

// place is what a show's row needs from its theater, city and screens.
type place struct {
	theater catalog.Theater
	city    catalog.City
	// wheelchair says, per screen id, whether it has wheelchair spaces.
	wheelchair map[int64]bool
}

// showBatch collects show rows column by column (ShowDocUpsert).
type showBatch struct{ rows searchdb.ShowDocUpsertParams }

func (b *showBatch) add(s catalog.Show, p place) {
	local := s.StartsAt.In(p.theater.Location())
	var from int64 = -1
	for _, price := range s.Prices {
		if from < 0 || price < from {
			from = price
		}
	}
	r := &b.rows
	r.ShowID = append(r.ShowID, s.ID)
	r.MovieID = append(r.MovieID, s.MovieID)
	r.TheaterID = append(r.TheaterID, s.TheaterID)
	r.TheaterSlug = append(r.TheaterSlug, p.theater.Slug)
	r.TheaterName = append(r.TheaterName, p.theater.Name)
	r.CitySlug = append(r.CitySlug, p.theater.CitySlug)
	r.StartsAt = append(r.StartsAt, s.StartsAt)
	r.LocalDate = append(r.LocalDate, time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC))
	r.LocalTime = append(r.LocalTime, local.Format("15:04"))
	r.Daypart = append(r.Daypart, string(DaypartOf(local)))
	r.Language = append(r.Language, s.Language)
	r.Format = append(r.Format, s.Format)
	r.Subtitles = append(r.Subtitles, s.Subtitles)
	r.PriceFrom = append(r.PriceFrom, max(from, 0))
	r.Currency = append(r.Currency, p.city.Currency)
	r.SeatsAvailable = append(r.SeatsAvailable, int32(s.SeatsAvailable))
	r.SeatsTotal = append(r.SeatsTotal, int32(s.SeatsTotal))
	r.Wheelchair = append(r.Wheelchair, p.wheelchair[s.ScreenID])
}

func (b *showBatch) len() int { return len(b.rows.ShowID) }

// Daypart is a time of day people filter shows by.
type Daypart string

// Times of day: morning until noon, afternoon until 17:00, evening until
// 21:00, night after that (and before 05:00).
const (
	Morning   Daypart = "morning"
	Afternoon Daypart = "afternoon"
	Evening   Daypart = "evening"
	Night     Daypart = "night"
)

// Dayparts lists the times of day in order.
func Dayparts() []Daypart { return []Daypart{Morning, Afternoon, Evening, Night} }

// DaypartOf says when in the day a local time falls.
func DaypartOf(local time.Time) Daypart {
	switch h := local.Hour(); {
	case h >= 5 && h < 12:
		return Morning
	case h >= 12 && h < 17:
		return Afternoon
	case h >= 17 && h < 21:
		return Evening
	}
	return Night
}

// hasWheelchairSpace reports whether a screen's layout has a wheelchair space.
func hasWheelchairSpace(sc catalog.Screen) bool {
	return slices.Contains(sc.Layout.CategoriesUsed(), catalog.Wheelchair)
}
