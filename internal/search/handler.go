package search

import (
	"github.com/labstack/echo/v4"
)

// Handler serves the search pages and API.
type Handler struct{ svc *Service }

// NewHandler returns search's HTTP handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes registers search's URLs: the results page, the suggestions
// fragment and the JSON API (search, suggestions).
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/search", h.results)
	e.GET("/search/suggest", h.suggest)
	e.GET("/api/v1/search", h.api)
	e.GET("/api/v1/suggestions", h.apiSuggest)
}
