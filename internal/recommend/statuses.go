package recommend

import (
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrorStatuses maps the module's sentinel errors to HTTP statuses and API
// error codes; the assembly joins every module's table into the one error
// edge, so a status is the same in a module test and in production.
var ErrorStatuses = []web.ErrorStatus{
	{Err: ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: ErrCannotRate, Status: http.StatusForbidden, Code: "cannot_rate"},
}
