package waitroom

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// HandlerOptions wire the waiting room's pages to the rest of the app.
type HandlerOptions struct {
	// Sessions carries flash messages.
	Sessions *scs.SessionManager
	// RequireUser sends visitors to sign in (account module): a place in
	// the queue belongs to an account.
	RequireUser echo.MiddlewareFunc
	// RequireStaff guards the staff page (account module).
	RequireStaff echo.MiddlewareFunc
	// UserID returns the signed-in user's id from the request.
	UserID func(c echo.Context) int64
}

// Handler serves the waiting page and the staff page.
type Handler struct {
	svc  *Service
	opts HandlerOptions
}

// NewHandler returns the waiting room's HTTP handler.
func NewHandler(svc *Service, o HandlerOptions) *Handler { return &Handler{svc: svc, opts: o} }

// Routes registers
//
//	GET  /waiting/:id                     the waiting page (signed-in buyers)
//	GET  /waiting/:id/events?t=token      its live place (server-sent events)
//	GET  /admin/waiting-rooms             staff: the rooms, and the form
//	POST /admin/waiting-rooms             staff: put up or change a room
//	POST /admin/waiting-rooms/:id/delete  staff: take a room down
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/waiting/:id", h.waitingPage, h.signInFirst, web.Guard(h.opts.RequireUser, http.StatusUnauthorized))
	e.GET("/waiting/:id/events", h.waitingEvents)
	g := e.Group("/admin/waiting-rooms", web.Guard(h.opts.RequireStaff, http.StatusForbidden))
	g.GET("", h.roomsPage)
	g.POST("", h.roomSave)
	g.POST("/:id/delete", h.roomDelete)
}

// signInFirst sends a visitor to sign in, saying why, and back to the
// waiting page afterwards: places in the queue belong to accounts.
func (h *Handler) signInFirst(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if h.opts.UserID == nil || h.opts.UserID(c) != 0 || h.opts.Sessions == nil {
			return next(c)
		}
		web.SetFlash(c, h.opts.Sessions, webctx.FlashInfo, "Tickets for this show are selling through a queue. "+
			"Sign in to take your place: it's one place per account, kept if you reload.")
		return web.Redirect(c, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
	}
}

// roomID reads the :id of a room URL. Errors: ErrNotFound.
func roomID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("waiting room %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}

// localNext keeps only same-site paths as where to go once admitted.
func localNext(p string) string {
	// Browsers drop tabs and newlines and read a backslash as a slash, so
	// "/\t/evil.example" would leave the site: none of them may appear.
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\") ||
		strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "/"
	}
	return p
}
