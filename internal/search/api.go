package search

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiSearch is GET /api/v1/search's answer.
type apiSearch struct {
	Query string `json:"query"`
	// City is the searched city's slug (omitted when searching every city).
	City       string          `json:"city,omitempty"`
	Total      int             `json:"total"`
	Exact      bool            `json:"exact"`
	DidYouMean string          `json:"did_you_mean,omitempty"`
	Items      []MovieHit      `json:"items"`
	Theaters   []apiTheaterHit `json:"theaters"`
	Facets     Facets          `json:"facets"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

// apiTheaterHit is a theater whose name matches the text.
type apiTheaterHit struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	Address string `json:"address"`
}

// searchCursor is the opaque position in a search's results: results are
// ranked in memory by relevance, popularity and the soonest show, so the
// position is the page of that ranking (PageSize movies each).
type searchCursor struct {
	Page int `json:"p"`
}

// api is GET /api/v1/search: the results page's search as JSON, under the
// same rules (ParseQuery: q, city, date, genre, language, format,
// certification, theater, time, price_min, price_max, seats, wheelchair,
// sort), PageSize movies a page, paged by cursor. Without q it lists every
// movie the filters leave, as the results page does; without city it
// searches every city. Errors: ErrInvalid (422 with the bad fields),
// ErrUnknownCity (422), web.ErrBadCursor (400), ErrNotLoaded (503).
func (h *Handler) api(c echo.Context) error {
	v := c.QueryParams()
	v.Del("page")
	q, err := ParseQuery(v)
	if err != nil {
		return err
	}
	cur := searchCursor{Page: 1}
	if err := web.DecodeCursor(c, &cur); err != nil {
		return err
	}
	if cur.Page < 1 || cur.Page > 500 {
		return web.ErrBadCursor
	}
	q.Page = cur.Page
	res, err := h.svc.Search(c.Request().Context(), q)
	if err != nil {
		return err
	}
	out := apiSearch{Query: q.Text, City: q.City, Total: res.Total, Exact: res.Exact, DidYouMean: res.DidYouMean,
		Items: make([]MovieHit, len(res.Movies)), Theaters: []apiTheaterHit{}, Facets: apiFacets(res.Facets)}
	// res may be the answer cache's own: copy, never write into it.
	for i, m := range res.Movies {
		out.Items[i] = apiMovieHit(m)
	}
	for _, t := range res.Theaters {
		out.Theaters = append(out.Theaters, apiTheaterHit(t))
	}
	if q.Page < res.Pages {
		out.NextCursor = web.EncodeCursor(searchCursor{Page: q.Page + 1})
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiMovieHit gives a hit's lists as [] rather than null, so an app reads
// one type per field.
func apiMovieHit(m MovieHit) MovieHit {
	m.Genres, m.Languages, m.TopCast = nonNil(m.Genres), nonNil(m.Languages), nonNil(m.TopCast)
	if m.Shows == nil {
		m.Shows = []ShowHit{}
	}
	return m
}

// apiFacets gives every facet list as [] rather than null.
func apiFacets(f Facets) Facets {
	for _, l := range []*[]FacetValue{&f.Genre, &f.Language, &f.Format, &f.Certification, &f.Theater, &f.Date, &f.Time} {
		if *l == nil {
			*l = []FacetValue{}
		}
	}
	return f
}
