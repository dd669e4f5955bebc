package search

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// suggestionsMaxAge is how long an app or a proxy may reuse suggestions:
// what matches a prefix changes only with the catalogue.
const suggestionsMaxAge = time.Minute

// apiSuggestions is GET /api/v1/suggestions's answer: the data of the
// search box's dropdown.
type apiSuggestions struct {
	Query    string                `json:"query"`
	Movies   []apiMovieSuggestion  `json:"movies"`
	People   []apiPersonSuggestion `json:"people"`
	Theaters []apiTheaterHit       `json:"theaters"`
}

type apiMovieSuggestion struct {
	MovieID       int64    `json:"movie_id"`
	Slug          string   `json:"slug"`
	Title         string   `json:"title"`
	PosterURL     string   `json:"poster_url"`
	Certification string   `json:"certification"`
	ComingSoon    bool     `json:"coming_soon"`
	ReleaseDate   *string  `json:"release_date"`
	Genres        []string `json:"genres"`
	// NextShow is the next show in the asked city (null without a city or
	// a show).
	NextShow *apiNextShow `json:"next_show"`
}

type apiNextShow struct {
	Date    string `json:"date"`
	Time    string `json:"time"`
	Theater string `json:"theater"`
}

type apiPersonSuggestion struct {
	Name     string `json:"name"`
	Movies   int    `json:"movies"`
	KnownFor string `json:"known_for"`
}

// apiSuggest is GET /api/v1/suggestions?q=&city=: up to five movies, three
// people and three theaters (in city, or anywhere without one) for what
// is typed so far; fewer than MinSuggestLength characters suggest nothing.
// Public and cacheable. Errors: ErrInvalid (q over 200 characters, a city
// slug over 100), ErrNotLoaded (503).
func (h *Handler) apiSuggest(c echo.Context) error {
	text := strings.TrimSpace(c.QueryParam("q"))
	city := c.QueryParam("city")
	if city == AllCities {
		city = ""
	}
	var e validate.Errors
	e.Check(utf8.RuneCountInString(text) <= 200, "q", "Keep the search under 200 characters.")
	e.Check(len(city) <= 100, "city", "Choose a city.")
	if err := e.Err(); err != nil {
		return err
	}
	s, err := h.svc.Suggest(c.Request().Context(), text, city)
	if err != nil {
		return err
	}
	out := apiSuggestions{Query: text, Movies: []apiMovieSuggestion{}, People: []apiPersonSuggestion{}, Theaters: []apiTheaterHit{}}
	for _, m := range s.Movies {
		am := apiMovieSuggestion{MovieID: m.ID, Slug: m.Slug, Title: m.Title, PosterURL: m.PosterURL,
			Certification: m.Certification, ComingSoon: m.ComingSoon, Genres: nonNil(m.Genres)}
		if !m.ReleaseDate.IsZero() {
			d := m.ReleaseDate.Format(time.DateOnly)
			am.ReleaseDate = &d
		}
		if m.NextTime != "" {
			am.NextShow = &apiNextShow{Date: m.NextDate, Time: m.NextTime, Theater: m.NextTheater}
		}
		out.Movies = append(out.Movies, am)
	}
	for _, p := range s.People {
		out.People = append(out.People, apiPersonSuggestion(p))
	}
	for _, t := range s.Theaters {
		out.Theaters = append(out.Theaters, apiTheaterHit(t))
	}
	return web.CacheableJSON(c, suggestionsMaxAge, out)
}
