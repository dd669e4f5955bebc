package search

import (
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrorStatuses maps the module's sentinel errors to HTTP statuses and API
// error codes; the assembly joins every module's table into the one error
// edge, so a status is the same in a module test and in production.
var ErrorStatuses = []web.ErrorStatus{
	{Err: ErrUnknownCity, Status: http.StatusUnprocessableEntity, Code: "unknown_city"},
	{Err: ErrNotLoaded, Status: http.StatusServiceUnavailable, Code: "search_unavailable"},
}
