package search

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiResponse is GET /api/v1/search.
type apiResponse struct {
	Query      string     `json:"query"`
	City       string     `json:"city,omitempty"`
	Total      int        `json:"total"`
	Page       int        `json:"page"`
	Pages      int        `json:"pages"`
	Exact      bool       `json:"exact"`
	DidYouMean string     `json:"did_you_mean,omitempty"`
	Movies     []MovieHit `json:"movies"`
	Facets     Facets     `json:"facets"`
	// Next is the URL of the next page ("" on the last).
	Next string `json:"next,omitempty"`
}

// api is GET /api/v1/search: the results page's search as JSON, with the
// same parameters (q, city, date, genre, language, format, certification,
// theater, time, price_min, price_max, seats, wheelchair, sort, page).
// Without city it searches every city. Errors: ErrInvalid (422 with the
// bad fields), ErrUnknownCity (422).
func (h *Handler) api(c echo.Context) error {
	q, err := ParseQuery(c.QueryParams())
	if err != nil {
		return err
	}
	res, err := h.svc.Search(c.Request().Context(), q)
	if err != nil {
		return err
	}
	out := apiResponse{Query: q.Text, City: q.City, Total: res.Total, Page: max(q.Page, 1), Pages: res.Pages,
		Exact: res.Exact, DidYouMean: res.DidYouMean, Movies: res.Movies, Facets: res.Facets}
	if out.Movies == nil {
		out.Movies = []MovieHit{}
	}
	if out.Page < res.Pages {
		next := q
		next.Page = out.Page + 1
		out.Next = "/api/v1/search?" + next.Values().Encode()
	}
	return c.JSON(http.StatusOK, out)
}
