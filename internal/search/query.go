package search

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Sort orders.
const (
	SortRelevance  = "relevance"
	SortSoonest    = "soonest"
	SortRating     = "rating"
	SortPopularity = "popularity"
)

// Sorts lists the sort orders.
func Sorts() []string { return []string{SortRelevance, SortSoonest, SortRating, SortPopularity} }

// AllCities is the city value that searches everywhere.
const AllCities = "all"

// PageSize is how many movies a results page shows.
const PageSize = 20

// Days is how far ahead search looks for shows, from today.
const Days = 14

// Query is one search: text, city, filters, sort and page. Its URL form
// (Values) is stable, so every combination has its own shareable address.
type Query struct {
	Text string
	// City is a city slug; "" searches every city.
	City           string
	Dates          []time.Time // local dates (UTC midnight)
	Genres         []string
	Languages      []string
	Formats        []string
	Certifications []string
	Theaters       []string // theater slugs
	Times          []Daypart
	// PriceMin and PriceMax bound the cheapest seat, in whole currency
	// units; 0 means no bound.
	PriceMin, PriceMax int64
	// Seats asks for shows with at least this many seats left.
	Seats      int
	Wheelchair bool
	Sort       string
	Page       int
}

// maxValues bounds each list filter.
const maxValues = 20

// ParseQuery reads a query from URL values (the results page and the API
// share it). Errors: ErrInvalid (validate.Errors naming each bad field).
func ParseQuery(v url.Values) (Query, error) {
	var e validate.Errors
	q := Query{Text: strings.TrimSpace(v.Get("q")), City: v.Get("city"), Sort: v.Get("sort"), Page: 1}
	if q.City == AllCities {
		q.City = ""
	}
	e.Check(len(q.Text) <= 200, "q", "Keep the search under 200 characters.")
	e.Check(len(q.City) <= 100, "city", "Choose a city.")
	for _, d := range v["date"] {
		t, err := time.Parse(time.DateOnly, d)
		e.Check(err == nil, "date", "Dates look like 2026-05-01.")
		if err == nil && !slices.ContainsFunc(q.Dates, t.Equal) {
			q.Dates = append(q.Dates, t)
		}
		if len(q.Dates) > maxValues {
			break // enough to refuse; the rest is not looked at
		}
	}
	q.Genres = list(v, "genre")
	q.Languages = list(v, "language")
	q.Formats = list(v, "format")
	q.Certifications = list(v, "certification")
	q.Theaters = list(v, "theater")
	for _, t := range list(v, "time") {
		e.Check(slices.Contains(Dayparts(), Daypart(t)), "time", "Times of day are morning, afternoon, evening and night.")
		q.Times = append(q.Times, Daypart(t))
	}
	for field, max := range map[string]int{"genre": len(q.Genres), "language": len(q.Languages), "format": len(q.Formats),
		"certification": len(q.Certifications), "theater": len(q.Theaters), "date": len(q.Dates)} {
		e.Check(max <= maxValues, field, "Choose at most 20.")
	}
	q.PriceMin = number(&e, v, "price_min", 0, 1_000_000, i18n.Msg("Enter a lowest price as a whole number."))
	q.PriceMax = number(&e, v, "price_max", 0, 1_000_000, i18n.Msg("Enter a highest price as a whole number."))
	e.Check(q.PriceMax == 0 || q.PriceMax >= q.PriceMin, "price_max", i18n.Msg("The highest price is below the lowest."))
	q.Seats = int(number(&e, v, "seats", 0, 20, i18n.Msg("Ask for 1 to 20 seats.")))
	switch w := v.Get("wheelchair"); w {
	case "", "0", "false":
	case "1", "true", "on":
		q.Wheelchair = true
	default:
		e.Add("wheelchair", "Wheelchair access is on (1) or off.")
	}
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
	e.Check(slices.Contains(Sorts(), q.Sort), "sort", "Sort by relevance, soonest, rating or popularity.")
	if p := v.Get("page"); p != "" {
		q.Page = int(number(&e, v, "page", 1, 500, "Pages run from 1."))
	}
	return q, e.Err()
}

func list(v url.Values, key string) []string {
	var out []string
	for _, s := range v[key] {
		if s = strings.TrimSpace(s); s != "" && len(s) <= 100 && !slices.Contains(out, s) {
			out = append(out, s)
		}
		if len(out) > maxValues {
			break // enough to refuse; comparing every value with every other would grow with the square of the request
		}
	}
	return out
}

func number(e *validate.Errors, v url.Values, key string, lo, hi int64, msg string) int64 {
	s := v.Get(key)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		e.Add(key, msg)
		return 0
	}
	return n
}

// Values is the query's canonical URL form (empty values left out).
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Add(k, s)
		}
	}
	set("q", q.Text)
	if q.City == "" {
		set("city", AllCities)
	} else {
		set("city", q.City)
	}
	for _, d := range q.Dates {
		v.Add("date", d.Format(time.DateOnly))
	}
	for k, l := range map[string][]string{"genre": q.Genres, "language": q.Languages, "format": q.Formats,
		"certification": q.Certifications, "theater": q.Theaters} {
		v[k] = append(v[k], l...)
		if len(v[k]) == 0 {
			delete(v, k)
		}
	}
	for _, t := range q.Times {
		v.Add("time", string(t))
	}
	if q.PriceMin > 0 {
		set("price_min", strconv.FormatInt(q.PriceMin, 10))
	}
	if q.PriceMax > 0 {
		set("price_max", strconv.FormatInt(q.PriceMax, 10))
	}
	if q.Seats > 0 {
		set("seats", strconv.Itoa(q.Seats))
	}
	if q.Wheelchair {
		set("wheelchair", "1")
	}
	if q.Sort != SortRelevance && q.Sort != "" {
		set("sort", q.Sort)
	}
	if q.Page > 1 {
		set("page", strconv.Itoa(q.Page))
	}
	return v
}

// showFiltered reports whether a filter only shows can satisfy is set (then
// coming-soon movies, which have no shows, are left out).
func (q Query) showFiltered() bool {
	return len(q.Dates) > 0 || len(q.Formats) > 0 || len(q.Theaters) > 0 || len(q.Times) > 0 ||
		q.PriceMin > 0 || q.PriceMax > 0 || q.Seats > 0 || q.Wheelchair
}

// prefixQuery turns typed words into a tsquery matching each as a prefix
// ("lant kee" -> "lant:* & kee:*"); "" when there is no word. Only letters
// and digits pass, so the result is always valid tsquery syntax.
func prefixQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 8 {
		words = words[:8]
	}
	for i, w := range words {
		words[i] = w + ":*"
	}
	return strings.Join(words, " & ")
}
