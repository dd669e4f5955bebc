package waitroom

import (
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// Handler serves the waiting page and the staff page.
type Handler struct {
	svc  *Service
	auth web.Auth
}

// NewHandler returns the waiting room's HTTP handler, guarded by auth (a
// place in the queue belongs to an account).
func NewHandler(svc *Service, auth web.Auth) *Handler { return &Handler{svc: svc, auth: auth} }

// Routes registers
//
//	GET  /waiting/:id                     the waiting page (signed-in buyers)
//	GET  /waiting/:id/events?t=token      its live place (server-sent events)
//	GET  /admin/waiting-rooms             staff: the rooms, and the form
//	POST /admin/waiting-rooms             staff: put up or change a room
//	POST /admin/waiting-rooms/:id/delete  staff: take a room down
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/waiting/:id", h.waitingPage, h.signInFirst, h.auth.User)
	e.GET("/waiting/:id/events", h.waitingEvents)
	// Admission to hot shows is run site-wide: Marquee's own staff only.
	g := e.Group("/admin/waiting-rooms", h.auth.Staff, h.auth.Platform)
	g.GET("", h.roomsPage)
	g.POST("", h.roomSave)
	g.POST("/:id/delete", h.roomDelete)
}

// signInFirst sends a visitor to sign in, saying why, and back to the
// waiting page afterwards: places in the queue belong to accounts.
func (h *Handler) signInFirst(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if web.UserID(c) != 0 {
			return next(c)
		}
		h.auth.Flash(c, webctx.FlashInfo, "Tickets for this show are selling through a queue. "+
			"Sign in to take your place: it's one place per account, kept if you reload.")
		return web.Redirect(c, web.SignInURL(c.Request().URL.RequestURI()))
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
