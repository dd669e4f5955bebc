package search

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/search"
)

// toggle returns the values with v added, or removed if present.
func toggle(vals []string, v string) []string {
	out := make([]string, 0, len(vals)+1)
	found := false
	for _, x := range vals {
		if x == v {
			found = true
			continue
		}
		out = append(out, x)
	}
	if !found {
		out = append(out, v)
	}
	return out
}

// with returns the URL of q with one facet value toggled, from page 1.
func with(q Query, facet, value string) string {
	q.Page = 1
	switch facet {
	case "genre":
		q.Genres = toggle(q.Genres, value)
	case "language":
		q.Languages = toggle(q.Languages, value)
	case "format":
		q.Formats = toggle(q.Formats, value)
	case "certification":
		q.Certifications = toggle(q.Certifications, value)
	case "theater":
		q.Theaters = toggle(q.Theaters, value)
	case "time":
		var ts []string
		for _, t := range q.Times {
			ts = append(ts, string(t))
		}
		q.Times = nil
		for _, t := range toggle(ts, value) {
			q.Times = append(q.Times, Daypart(t))
		}
	case "date":
		var ds []string
		for _, d := range q.Dates {
			ds = append(ds, d.Format(time.DateOnly))
		}
		q.Dates = nil
		for _, d := range toggle(ds, value) {
			t, _ := time.Parse(time.DateOnly, d)
			q.Dates = append(q.Dates, t)
		}
	case "wheelchair":
		q.Wheelchair = !q.Wheelchair
	case "price":
		q.PriceMin, q.PriceMax = 0, 0
	case "seats":
		q.Seats = 0
	}
	return href(q)
}

func groups(ctx context.Context, r Results) []views.FilterGroup {
	q, f := r.Query, r.Facets
	group := func(key, title string, vals []FacetValue, label func(FacetValue) string) views.FilterGroup {
		g := views.FilterGroup{Key: key, Title: title, Open: len(vals) <= 6}
		for _, v := range vals {
			g.Values = append(g.Values, views.FilterValue{Label: label(v), Href: with(q, key, v.Value), Count: v.Count, Selected: v.Selected})
			g.Open = g.Open || v.Selected
		}
		return g
	}
	plain := func(v FacetValue) string { return v.Label }
	// Genres and languages are stored in English and shown in the
	// reader's language, so they are put in order once named.
	named := func(key, title string, vals []FacetValue, name func(context.Context, string) string) views.FilterGroup {
		g := group(key, title, vals, func(v FacetValue) string { return name(ctx, v.Label) })
		slices.SortStableFunc(g.Values, func(a, b views.FilterValue) int { return strings.Compare(a.Label, b.Label) })
		return g
	}
	// Dates: every day of the window, in order, with its count.
	counts := map[string]FacetValue{}
	for _, d := range f.Date {
		counts[d.Value] = d
	}
	var days []FacetValue
	for i, d := range r.Days {
		key := d.Format(time.DateOnly)
		fv := counts[key]
		fv.Value = key
		fv.Label = i18n.Day(ctx, d)
		if i == 0 {
			fv.Label = i18n.T(ctx, "Today")
		} else if i == 1 {
			fv.Label = i18n.T(ctx, "Tomorrow")
		}
		for _, c := range q.Dates {
			fv.Selected = fv.Selected || c.Equal(d)
		}
		days = append(days, fv)
	}
	wheel := views.FilterGroup{Key: "wheelchair", Title: i18n.T(ctx, "Access"), Open: true, Values: []views.FilterValue{{
		Label: i18n.T(ctx, "Wheelchair space"), Href: with(q, "wheelchair", ""), Count: f.Wheelchair, Selected: q.Wheelchair}}}
	return []views.FilterGroup{
		group("date", i18n.T(ctx, "Date"), days, plain),
		group("time", i18n.T(ctx, "Time of day"), f.Time, func(v FacetValue) string { return daypartLabel(ctx, Daypart(v.Value)) }),
		named("genre", i18n.T(ctx, "Genre"), f.Genre, i18n.Genre),
		named("language", i18n.T(ctx, "Language"), f.Language, i18n.LanguageName),
		group("format", i18n.T(ctx, "Format"), f.Format, plain),
		group("certification", i18n.T(ctx, "Certification"), f.Certification, plain),
		group("theater", i18n.T(ctx, "Theater"), f.Theater, plain),
		wheel,
	}
}

// daypartLabel names a time of day with its hours.
func daypartLabel(ctx context.Context, d Daypart) string {
	switch d {
	case Morning:
		return i18n.T(ctx, "Morning (before 12:00)")
	case Afternoon:
		return i18n.T(ctx, "Afternoon (12–17)")
	case Evening:
		return i18n.T(ctx, "Evening (17–21)")
	case Night:
		return i18n.T(ctx, "Night (after 21:00)")
	}
	return string(d)
}

// daypartName names a time of day in a chosen-filter pill.
func daypartName(ctx context.Context, d Daypart) string {
	switch d {
	case Morning:
		return i18n.T(ctx, "Morning")
	case Afternoon:
		return i18n.T(ctx, "Afternoon")
	case Evening:
		return i18n.T(ctx, "Evening")
	case Night:
		return i18n.T(ctx, "Night")
	}
	return string(d)
}

// active lists the chosen filters, each linking to the search without it.
func active(ctx context.Context, r Results) []views.LinkProps {
	q := r.Query
	var out []views.LinkProps
	add := func(facet, value, label string) {
		out = append(out, views.LinkProps{Label: label, Href: with(q, facet, value)})
	}
	for _, d := range q.Dates {
		add("date", d.Format(time.DateOnly), i18n.Day(ctx, d))
	}
	for _, t := range q.Times {
		add("time", string(t), daypartName(ctx, t))
	}
	// The URL keeps the stored English value; the pill shows its name.
	for _, v := range q.Genres {
		add("genre", v, i18n.Genre(ctx, v))
	}
	for _, v := range q.Languages {
		add("language", v, i18n.LanguageName(ctx, v))
	}
	for facet, vals := range map[string][]string{"format": q.Formats, "certification": q.Certifications} {
		for _, v := range vals {
			add(facet, v, v)
		}
	}
	for _, t := range q.Theaters {
		label := t
		for _, fv := range r.Facets.Theater {
			if fv.Value == t && fv.Label != "" {
				label = fv.Label
			}
		}
		add("theater", t, label)
	}
	low, high := i18n.Number(ctx, q.PriceMin), i18n.Number(ctx, q.PriceMax)
	switch {
	case q.PriceMin > 0 && q.PriceMax > 0:
		add("price", "", i18n.T(ctx, "Price from {{.Low}} up to {{.High}}", "Low", low, "High", high))
	case q.PriceMin > 0:
		add("price", "", i18n.T(ctx, "Price from {{.Low}}", "Low", low))
	case q.PriceMax > 0:
		add("price", "", i18n.T(ctx, "Price up to {{.High}}", "High", high))
	}
	if q.Seats > 0 {
		add("seats", "", i18n.N(ctx, "{{.Count}}+ seats", q.Seats))
	}
	if q.Wheelchair {
		add("wheelchair", "", i18n.T(ctx, "Wheelchair space"))
	}
	return out
}

func movieProps(ctx context.Context, m MovieHit) views.MovieProps {
	p := views.MovieProps{Href: "/movies/" + m.Slug, Title: m.Title, PosterURL: m.PosterURL, Certification: m.Certification,
		Tagline: m.Tagline, Genres: i18n.Genres(ctx, m.Genres), Languages: i18n.LanguageNames(ctx, m.Languages),
		Runtime: i18n.Runtime(ctx, m.Runtime), ComingSoon: m.ComingSoon()}
	if m.Rating != nil {
		p.Rating = strconv.FormatFloat(*m.Rating, 'f', 1, 64)
	}
	var people []string
	if m.Director != "" {
		people = append(people, i18n.T(ctx, "Dir. {{.Name}}", "Name", m.Director))
	}
	if len(m.TopCast) > 0 {
		people = append(people, i18n.T(ctx, "With {{.Names}}", "Names", strings.Join(m.TopCast, ", ")))
	}
	p.People = strings.Join(people, " · ")
	if d, err := time.Parse(time.DateOnly, m.ReleaseDate); err == nil {
		p.Release = i18n.Date(ctx, d)
	}
	for _, s := range m.Shows {
		p.Shows = append(p.Shows, views.ShowProps{Href: "/shows/" + strconv.FormatInt(s.ID, 10), Day: dayLabel(ctx, s.LocalDate),
			Time: clockLabel(ctx, s.LocalTime), Theater: s.Theater, Format: s.Format, Price: price(ctx, s.PriceFrom, s.Currency),
			SoldOut: s.SoldOut(), FillingFast: s.SeatsAvailable > 0 && s.SeatsAvailable <= 10, Wheelchair: s.Wheelchair})
	}
	p.MoreShows = m.ShowCount - len(m.Shows)
	return p
}

func price(ctx context.Context, minor int64, currency string) string {
	if currency == "" {
		return i18n.Number(ctx, minor/100)
	}
	return i18n.Money(ctx, minor, currency)
}
