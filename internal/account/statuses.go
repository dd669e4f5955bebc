package account

import (
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrorStatuses maps the module's sentinel errors to HTTP statuses and API
// error codes; the assembly joins every module's table into the one error
// edge, so a status is the same in a module test and in production.
var ErrorStatuses = []web.ErrorStatus{
	{Err: ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: ErrEmailTaken, Status: http.StatusConflict, Code: "email_taken"},
	{Err: ErrLastAdmin, Status: http.StatusConflict, Code: "last_admin"},
	{Err: ErrBadCredentials, Status: http.StatusUnauthorized, Code: "invalid_credentials"},
	{Err: ErrTooManyAttempts, Status: http.StatusTooManyRequests, Code: "rate_limited"},
	{Err: ErrTokenInvalid, Status: http.StatusUnauthorized, Code: "token_invalid"},
	{Err: ErrRefreshReused, Status: http.StatusUnauthorized, Code: "refresh_reused"},
	{Err: ErrAPIKeyInvalid, Status: http.StatusUnauthorized, Code: "invalid_api_key"},
	{Err: ErrAPIKeyScope, Status: http.StatusForbidden, Code: "insufficient_scope"},
}
