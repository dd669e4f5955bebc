package web

import (
	"net/http"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// Auth is how every module guards its routes and learns who is asking. The
// account module builds the one value the assembly hands to every handler.
type Auth struct {
	// Sessions carries flash messages from an action to the next page.
	Sessions *scs.SessionManager
	// User sends visitors to sign in (GET) or answers 401.
	User echo.MiddlewareFunc
	// Staff admits anyone who works somewhere: Marquee's staff and admins
	// and cinema staff with a role at a chain or theater. Visitors are sent
	// to sign in and customers get 403. Handlers then check the place with
	// Allow.
	Staff echo.MiddlewareFunc
	// Platform admits Marquee's own staff and admins only (403 for cinema
	// staff); it runs after Staff. Pages about the whole site (payments,
	// messages, reviews, waiting rooms, the film catalogue) use it.
	Platform echo.MiddlewareFunc
	// Admin admits admins only (403 otherwise); it runs after Staff.
	Admin echo.MiddlewareFunc
	// API checks the bearer access token and puts its user in the request
	// exactly as a signed-in web user is (see UserID); 401 otherwise.
	API echo.MiddlewareFunc
	// Key checks the staff API key in X-API-Key (401 code invalid_api_key
	// when missing, unknown or revoked) and that it has scope (403 code
	// insufficient_scope), and puts the key in the request (see APIKeyFrom).
	Key func(scope string) echo.MiddlewareFunc
}

// APIKey is the staff API key a theater management system called with.
type APIKey struct {
	ID     int64
	Name   string
	Scopes []string
	// TheaterIDs are the theaters the key may touch; empty means all.
	TheaterIDs []int64
}

// AllowsTheater reports whether the key may touch the theater.
func (k APIKey) AllowsTheater(id int64) bool {
	if len(k.TheaterIDs) == 0 {
		return true
	}
	for _, t := range k.TheaterIDs {
		if t == id {
			return true
		}
	}
	return false
}

// apiKeyContextKey holds the request's *APIKey in the echo context.
const apiKeyContextKey = "marquee.api_key"

// SetAPIKey puts the caller's staff API key in the request (Auth.Key does).
func SetAPIKey(c echo.Context, k APIKey) { c.Set(apiKeyContextKey, k) }

// APIKeyFrom is the staff API key the request came with; ok is false on
// routes without Auth.Key.
func APIKeyFrom(c echo.Context) (k APIKey, ok bool) {
	k, ok = c.Get(apiKeyContextKey).(APIKey)
	return k, ok
}

// Flash shows text on the next page the user sees.
func (a Auth) Flash(c echo.Context, kind webctx.FlashKind, text string) {
	SetFlash(c, a.Sessions, kind, text)
}

// CurrentUser is the signed-in web user or the API caller, nil for visitors.
func CurrentUser(c echo.Context) *webctx.User {
	return webctx.From(c.Request().Context()).User
}

// Scope is where the signed-in user may do what (empty for visitors and
// customers).
func Scope(c echo.Context) authz.Scope {
	if u := CurrentUser(c); u != nil {
		return u.Scope
	}
	return authz.Scope{}
}

// Allow answers nil when the signed-in user may do a at p, and 404
// otherwise: another theater's pages do not exist for its staff, exactly
// as another buyer's booking does not.
func Allow(c echo.Context, a authz.Action, p authz.Place) error {
	if Scope(c).Can(a, p) {
		return nil
	}
	return echo.ErrNotFound
}

// RequireAnywhere admits staff whose roles allow a somewhere (403
// otherwise): the lists and forms of a theater's work, which would be
// empty for door or box office staff. Each place is checked again with
// Allow.
func RequireAnywhere(a authz.Action) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !Scope(c).CanAnywhere(a) {
				return echo.NewHTTPError(http.StatusForbidden, i18n.T(c.Request().Context(), "Your role at the cinema does not include that page."))
			}
			return next(c)
		}
	}
}

// UserID is the signed-in web user's or the API caller's id, 0 for
// visitors.
func UserID(c echo.Context) int64 {
	if u := CurrentUser(c); u != nil {
		return u.ID
	}
	return 0
}
