package search

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
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
	ctx := c.Request().Context()
	city := webctx.From(ctx).CitySlug
	s, err := h.svc.Suggest(ctx, text, city)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, 200, views.Suggest(suggestProps(ctx, s, city)))
}

func suggestProps(ctx context.Context, s Suggestions, city string) views.SuggestProps {
	if len([]rune(s.Text)) < MinSuggestLength {
		return views.SuggestProps{}
	}
	all := Query{Text: s.Text, City: city, Sort: SortRelevance}
	p := views.SuggestProps{Text: s.Text, AllHref: href(all)}
	for _, m := range s.Movies {
		meta := m.Certification
		if len(m.Genres) > 0 {
			meta += " · " + strings.Join(i18n.Genres(ctx, m.Genres[:min(2, len(m.Genres))]), ", ")
		}
		sm := views.SuggestMovie{Href: "/movies/" + m.Slug, Title: m.Title, PosterURL: m.PosterURL, Meta: meta, ComingSoon: m.ComingSoon}
		switch {
		case m.NextTime != "":
			sm.Next = i18n.T(ctx, "Next: {{.Day}} {{.Time}} · {{.Theater}}", "Day", dayLabel(ctx, m.NextDate),
				"Time", clockLabel(ctx, m.NextTime), "Theater", m.NextTheater)
		case m.ComingSoon:
			sm.Next = i18n.T(ctx, "In cinemas {{.Date}}", "Date", i18n.Date(ctx, m.ReleaseDate))
		}
		p.Movies = append(p.Movies, sm)
	}
	for _, pe := range s.People {
		note := pe.KnownFor
		if pe.Movies > 1 {
			note = i18n.N(ctx, "{{.Title}} and {{.Count}} more", pe.Movies-1, "Title", pe.KnownFor)
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

// dayLabel writes a local date ("2026-05-01") as "Fri 1 May" in ctx's
// language.
func dayLabel(ctx context.Context, date string) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return i18n.Day(ctx, d)
}

// clockLabel writes a local clock time ("21:30") as ctx's language does
// ("9:30 pm" in Hindi).
func clockLabel(ctx context.Context, clock string) string {
	t, err := time.Parse("15:04", clock)
	if err != nil {
		return clock
	}
	return i18n.Time(ctx, t)
}
