package search

import (
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/money"
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

func groups(r Results) []views.FilterGroup {
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
		fv.Label = d.Format("Mon 2 Jan")
		if i == 0 {
			fv.Label = "Today"
		} else if i == 1 {
			fv.Label = "Tomorrow"
		}
		for _, c := range q.Dates {
			fv.Selected = fv.Selected || c.Equal(d)
		}
		days = append(days, fv)
	}
	wheel := views.FilterGroup{Key: "wheelchair", Title: "Access", Open: true, Values: []views.FilterValue{{
		Label: "Wheelchair space", Href: with(q, "wheelchair", ""), Count: f.Wheelchair, Selected: q.Wheelchair}}}
	return []views.FilterGroup{
		group("date", "Date", days, plain),
		group("time", "Time of day", f.Time, func(v FacetValue) string { return daypartLabel(Daypart(v.Value)) }),
		group("genre", "Genre", f.Genre, plain),
		group("language", "Language", f.Language, plain),
		group("format", "Format", f.Format, plain),
		group("certification", "Certification", f.Certification, plain),
		group("theater", "Theater", f.Theater, plain),
		wheel,
	}
}

func daypartLabel(d Daypart) string {
	return map[Daypart]string{Morning: "Morning (before 12:00)", Afternoon: "Afternoon (12–17)",
		Evening: "Evening (17–21)", Night: "Night (after 21:00)"}[d]
}

// active lists the chosen filters, each linking to the search without it.
func active(r Results) []views.LinkProps {
	q := r.Query
	var out []views.LinkProps
	add := func(facet, value, label string) {
		out = append(out, views.LinkProps{Label: label, Href: with(q, facet, value)})
	}
	for _, d := range q.Dates {
		add("date", d.Format(time.DateOnly), d.Format("Mon 2 Jan"))
	}
	for _, t := range q.Times {
		add("time", string(t), strings.ToUpper(string(t[:1]))+string(t[1:]))
	}
	for facet, vals := range map[string][]string{"genre": q.Genres, "language": q.Languages, "format": q.Formats,
		"certification": q.Certifications} {
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
	if q.PriceMin > 0 || q.PriceMax > 0 {
		label := "Price"
		if q.PriceMin > 0 {
			label += " from " + strconv.FormatInt(q.PriceMin, 10)
		}
		if q.PriceMax > 0 {
			label += " up to " + strconv.FormatInt(q.PriceMax, 10)
		}
		add("price", "", label)
	}
	if q.Seats > 0 {
		add("seats", "", strconv.Itoa(q.Seats)+"+ seats")
	}
	if q.Wheelchair {
		add("wheelchair", "", "Wheelchair space")
	}
	return out
}

func movieProps(m MovieHit) views.MovieProps {
	p := views.MovieProps{Href: "/movies/" + m.Slug, Title: m.Title, PosterURL: m.PosterURL, Certification: m.Certification,
		Tagline: m.Tagline, Genres: m.Genres, Languages: m.Languages, ComingSoon: m.ComingSoon()}
	if m.Runtime > 0 {
		p.Runtime = strconv.Itoa(m.Runtime/60) + "h " + strconv.Itoa(m.Runtime%60) + "m"
	}
	if m.Rating != nil {
		p.Rating = strconv.FormatFloat(*m.Rating, 'f', 1, 64)
	}
	var people []string
	if m.Director != "" {
		people = append(people, "Dir. "+m.Director)
	}
	if len(m.TopCast) > 0 {
		people = append(people, "With "+strings.Join(m.TopCast, ", "))
	}
	p.People = strings.Join(people, " · ")
	if d, err := time.Parse(time.DateOnly, m.ReleaseDate); err == nil {
		p.Release = d.Format("2 January 2006")
	}
	for _, s := range m.Shows {
		p.Shows = append(p.Shows, views.ShowProps{Href: "/shows/" + strconv.FormatInt(s.ID, 10), Day: dayLabel(s.LocalDate),
			Time: s.LocalTime, Theater: s.Theater, Format: s.Format, Price: price(s.PriceFrom, s.Currency),
			SoldOut: s.SoldOut(), FillingFast: s.SeatsAvailable > 0 && s.SeatsAvailable <= 10, Wheelchair: s.Wheelchair})
	}
	p.MoreShows = m.ShowCount - len(m.Shows)
	return p
}

func price(minor int64, currency string) string {
	if currency == "" {
		return strconv.FormatInt(minor/100, 10)
	}
	return money.Format(minor, currency)
}
