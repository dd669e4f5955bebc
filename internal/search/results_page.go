package search

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/search"
)

// results is GET /search: the results page. Without a city in the URL it
// searches the visitor's city. Bad filters re-render the page with the
// filters' messages (422), searching without them.
func (h *Handler) results(c echo.Context) error {
	ctx := c.Request().Context()
	v := c.QueryParams()
	if _, ok := v["city"]; !ok {
		v.Set("city", webctx.From(ctx).CitySlug)
	}
	webctx.From(ctx).SearchText = strings.TrimSpace(v.Get("q"))
	q, err := ParseQuery(v)
	status := http.StatusOK
	fields, invalid := validate.Fields(err)
	if invalid {
		status = http.StatusUnprocessableEntity
		for f := range fields {
			v.Del(f)
		}
		if q, err = ParseQuery(v); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	res, err := h.svc.Search(ctx, q)
	if errors.Is(err, ErrUnknownCity) {
		status, fields = http.StatusUnprocessableEntity, validate.Errors{"city": ErrUnknownCity.Error()}
		q.City = ""
		res, err = h.svc.Search(ctx, q)
	}
	if f, ok := validate.Fields(err); ok {
		status, fields = http.StatusUnprocessableEntity, f
		q.Dates = nil
		res, err = h.svc.Search(ctx, q)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, status, views.Results(resultsProps(ctx, res, fields)))
}

func resultsProps(ctx context.Context, r Results, errs validate.Errors) views.ResultsProps {
	q := r.Query
	p := views.ResultsProps{Text: q.Text, CityName: r.City.Name, Total: r.Total, Page: max(q.Page, 1), Pages: r.Pages,
		Currency: r.Facets.Currency, Errors: errs}
	if p.Currency == "" {
		p.Currency = r.City.Currency
	}
	p.Heading = heading(ctx, r)
	if r.DidYouMean != "" {
		p.DidYouMean = r.DidYouMean
		p.DidYouMeanHref = href(Query{Text: r.DidYouMean, City: q.City, Sort: SortRelevance})
	}
	for _, m := range r.Movies {
		p.Movies = append(p.Movies, movieProps(ctx, m))
	}
	for _, t := range r.Theaters {
		p.Theaters = append(p.Theaters, views.LinkProps{Label: t.Name, Note: t.Address, Href: "/theaters/" + url.PathEscape(t.Slug)})
	}
	p.Groups = groups(ctx, r)
	p.Active = active(ctx, r)
	p.ClearAll = href(Query{Text: q.Text, City: q.City, Sort: q.Sort})
	for _, s := range Sorts() {
		x := q
		x.Sort, x.Page = s, 1
		p.Sorts = append(p.Sorts, views.LinkProps{Label: sortLabel(ctx, s), Href: href(x), Current: s == q.Sort})
	}
	if p.Page > 1 {
		x := q
		x.Page = p.Page - 1
		p.Prev = href(x)
	}
	if p.Page < r.Pages {
		x := q
		x.Page = p.Page + 1
		p.Next = href(x)
	}
	for k, vals := range q.Values() {
		if k == "price_min" || k == "price_max" || k == "seats" || k == "page" {
			continue
		}
		for _, val := range vals {
			p.Hidden = append(p.Hidden, views.HiddenField{Name: k, Value: val})
		}
	}
	slices.SortFunc(p.Hidden, func(a, b views.HiddenField) int { return strings.Compare(a.Name+a.Value, b.Name+b.Value) })
	if q.PriceMin > 0 {
		p.PriceMin = strconv.FormatInt(q.PriceMin, 10)
	}
	if q.PriceMax > 0 {
		p.PriceMax = strconv.FormatInt(q.PriceMax, 10)
	}
	if q.Seats > 0 {
		p.Seats = strconv.Itoa(q.Seats)
	}
	if f := r.Facets; f.PriceHigh > 0 {
		p.PriceHint = i18n.T(ctx, "Seats from {{.Low}} to {{.High}}", "Low", price(ctx, f.PriceLow, f.Currency),
			"High", price(ctx, f.PriceHigh, f.Currency))
	}
	return p
}

// heading sums up the search: "12 movies for “drama” in London".
func heading(ctx context.Context, r Results) string {
	text, city := r.Query.Text, r.City.Name
	switch {
	case text != "" && city != "":
		return i18n.N(ctx, "{{.Count}} movies for “{{.Text}}” in {{.City}}", r.Total, "Text", text, "City", city)
	case text != "":
		return i18n.N(ctx, "{{.Count}} movies for “{{.Text}}” in every city", r.Total, "Text", text)
	case city != "":
		return i18n.N(ctx, "{{.Count}} movies in {{.City}}", r.Total, "City", city)
	}
	return i18n.N(ctx, "{{.Count}} movies in every city", r.Total)
}

func sortLabel(ctx context.Context, s string) string {
	switch s {
	case SortSoonest:
		return i18n.T(ctx, "Soonest show")
	case SortRating:
		return i18n.T(ctx, "Rating")
	case SortPopularity:
		return i18n.T(ctx, "Popularity")
	}
	return i18n.T(ctx, "Best match")
}
