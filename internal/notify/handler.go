package notify

import (
	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

// HandlerOptions wire notify's pages to the rest of the app.
type HandlerOptions struct {
	// Sessions carries flash messages.
	Sessions *scs.SessionManager
	// RequireUser, RequireStaff and RequireAdmin guard pages (account).
	RequireUser  echo.MiddlewareFunc
	RequireStaff echo.MiddlewareFunc
	RequireAdmin echo.MiddlewareFunc
	// UserID returns the signed-in user's id (0 for visitors).
	UserID func(c echo.Context) int64
	// HasPhone reports whether the user gave a mobile number (profile).
	HasPhone func(c echo.Context, userID int64) (bool, error)
}

// Handler serves notify's pages.
type Handler struct {
	svc  *Service
	opts HandlerOptions
}

// NewHandler returns notify's HTTP handler.
func NewHandler(svc *Service, o HandlerOptions) *Handler { return &Handler{svc: svc, opts: o} }

// Routes registers notify's URLs.
func (h *Handler) Routes(e *echo.Echo) {
	user, staff, admin := h.opts.RequireUser, h.opts.RequireStaff, h.opts.RequireAdmin
	e.GET("/account/notifications", h.prefsPage, user)
	e.POST("/account/notifications", h.prefsSave, user)
	e.POST("/account/notifications/push", h.pushSubscribe, user)
	e.POST("/account/notifications/push/remove", h.pushUnsubscribe, user)
	e.GET("/movies/:slug/follow", h.followButton)
	e.POST("/movies/:slug/follow", h.followToggle, user)
	e.GET("/unsubscribe", h.unsubscribePage)
	e.POST("/unsubscribe", h.unsubscribe)
	// One-click unsubscribe (RFC 8058): mail providers POST here without
	// cookies; the signed token is the authority, so no CSRF token applies.
	e.POST("/api/v1/unsubscribe", h.unsubscribeOneClick)
	e.GET("/sw.js", serviceWorker)
	e.GET("/admin/outbox", h.outbox, staff)
	e.GET("/admin/outbox/:id", h.outboxMessage, staff)
	e.GET("/admin/outbox/:id/html", h.outboxHTML, staff)
	e.GET("/admin/announcements", h.announcements, staff)
	e.POST("/admin/announcements/preview", h.announcementPreview, staff)
	e.POST("/admin/announcements", h.announcementSend, staff, admin)
}
