// Package webctx carries the per-request facts every page needs (CSRF token,
// flash message, request id, current path) from the web middleware to the
// templ views, through the request context. It imports nothing of Marquee's,
// so both sides can depend on it (authz, a leaf package too, is the one
// import).
package webctx

import (
	"context"

	"github.com/marqueehq/marquee/internal/platform/authz"
)

// FlashKind styles a flash message.
type FlashKind string

// Flash kinds.
const (
	FlashSuccess FlashKind = "success"
	FlashInfo    FlashKind = "info"
	FlashError   FlashKind = "error"
)

// Flash is a one-time message shown on the next page a user sees.
type Flash struct {
	Kind FlashKind
	Text string
}

// User is the signed-in user as views see them.
type User struct {
	ID    int64
	Name  string
	Email string
	// Staff is true for anyone who works somewhere (Scope.IsStaff): they
	// see the staff pages' link. Admin is true for Marquee's admins only.
	Staff bool
	Admin bool
	// Scope is where the user may do what: Marquee's own staff anywhere,
	// cinema staff at the chains and theaters of their roles.
	Scope authz.Scope
	// Lang is the account's chosen language, "" when none was chosen.
	Lang string
}

// Request is what views may know about the current request.
type Request struct {
	CSRFToken string
	RequestID string
	Path      string
	Flash     *Flash
	// User is nil for visitors who are not signed in.
	User *User
	// City is the chosen city's name, "" until one is chosen; CitySlug is
	// its slug.
	City     string
	CitySlug string
	// SearchText refills the header's search box on the results page.
	SearchText string
	// Lang is the language the visitor asked for, by the switcher's cookie
	// or Accept-Language ("" for none); i18n.Lang decides with the
	// account's preference.
	Lang string
}

type key struct{}

// With returns ctx carrying r.
func With(ctx context.Context, r *Request) context.Context {
	return context.WithValue(ctx, key{}, r)
}

// From returns the request facts in ctx, or an empty Request (never nil), so
// views render in tests and emails without the middleware.
func From(ctx context.Context) *Request {
	if r, ok := ctx.Value(key{}).(*Request); ok {
		return r
	}
	return &Request{}
}
