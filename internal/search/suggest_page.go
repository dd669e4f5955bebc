package search

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/search"
)

// suggest is GET /search/suggest?q=: the dropdown fragment under the
// search box, for the visitor's city.
func (h *Handler) suggest(c echo.Context) error {
	text := strings.TrimSpace(c.QueryParam("q"))
	if len(text) > 200 {
		text = text[:200]
	}
	city := webctx.From(c.Request().Context()).CitySlug
	s, err := h.svc.Suggest(c.Request().Context(), text, city)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, 200, views.Suggest(suggestProps(s, city)))
}

func suggestProps(s Suggestions, city string) views.SuggestProps {
	if len([]rune(s.Text)) < MinSuggestLength {
		return views.SuggestProps{}
	}
	all := Query{Text: s.Text, City: city, Sort: SortRelevance}
	p := views.SuggestProps{Text: s.Text, AllHref: href(all)}
	for _, m := range s.Movies {
		meta := m.Certification
		if len(m.Genres) > 0 {
			meta += " · " + strings.Join(m.Genres[:min(2, len(m.Genres))], ", ")
		}
		sm := views.SuggestMovie{Href: "/movies/" + m.Slug, Title: m.Title, PosterURL: m.PosterURL, Meta: meta, ComingSoon: m.ComingSoon}
		switch {
		case m.NextTime != "":
			sm.Next = fmt.Sprintf("Next: %s %s · %s", dayLabel(m.NextDate), m.NextTime, m.NextTheater)
		case m.ComingSoon:
			sm.Next = "In cinemas " + m.ReleaseDate.Format("2 January")
		}
		p.Movies = append(p.Movies, sm)
	}
	for _, pe := range s.People {
		note := pe.KnownFor
		if pe.Movies > 1 {
			note = fmt.Sprintf("%s and %d more", pe.KnownFor, pe.Movies-1)
		}
		p.People = append(p.People, views.LinkProps{Label: pe.Name, Note: note,
			Href: href(Query{Text: pe.Name, City: city, Sort: SortRelevance})})
	}
	for _, t := range s.Theaters {
		p.Theaters = append(p.Theaters, views.LinkProps{Label: t.Name, Note: t.Address, Href: "/theaters/" + url.PathEscape(t.Slug)})
	}
	return p
}

// href is the results page URL of q.
func href(q Query) string { return "/search?" + q.Values().Encode() }

// dayLabel writes a local date ("2026-05-01") as "Fri 1 May".
func dayLabel(date string) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return d.Format("Mon 2 Jan")
}
