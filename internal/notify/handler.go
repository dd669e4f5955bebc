package notify

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// Handler serves notify's pages.
type Handler struct {
	svc  *Service
	auth web.Auth
}

// NewHandler returns notify's HTTP handler, guarded by auth.
func NewHandler(svc *Service, auth web.Auth) *Handler { return &Handler{svc: svc, auth: auth} }

// Routes registers notify's URLs.
func (h *Handler) Routes(e *echo.Echo) {
	user, admin := h.auth.User, h.auth.Admin
	// The outbox and announcements are about the whole site: Marquee's
	// own staff only.
	staff := func(next echo.HandlerFunc) echo.HandlerFunc { return h.auth.Staff(h.auth.Platform(next)) }
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
	v1 := e.Group("/api/v1", h.auth.API)
	v1.GET("/me/notifications", h.apiPrefs)
	v1.PUT("/me/notifications", h.apiPrefsPut)
	v1.GET("/me/push-registrations", h.apiPushRegistrations)
	v1.POST("/me/push-registrations", h.apiPushRegister)
	v1.DELETE("/me/push-registrations/:id", h.apiPushUnregister)
	e.GET("/sw.js", serviceWorker)
	e.GET("/admin/outbox", h.outbox, staff)
	e.GET("/admin/outbox/:id", h.outboxMessage, staff)
	e.GET("/admin/outbox/:id/html", h.outboxHTML, staff)
	e.GET("/admin/announcements", h.announcements, staff)
	e.POST("/admin/announcements/preview", h.announcementPreview, staff)
	e.POST("/admin/announcements", h.announcementSend, staff, admin)
}
