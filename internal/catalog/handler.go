package catalog

import (
	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

// HandlerOptions wire the catalogue's pages to the rest of the app.
type HandlerOptions struct {
	// Sessions carries flash messages after admin actions.
	Sessions *scs.SessionManager
	// RequireStaff guards every /admin page and action: it must reject
	// anyone who is not staff or admin. The account module provides it.
	RequireStaff echo.MiddlewareFunc
	// SecureCookies marks the city cookie Secure.
	SecureCookies bool
}

// Handler serves the catalogue's public and admin pages.
type Handler struct {
	svc  *Service
	opts HandlerOptions
}

// NewHandler returns the catalogue's HTTP handler.
func NewHandler(svc *Service, o HandlerOptions) *Handler {
	return &Handler{svc: svc, opts: o}
}

// Routes registers the catalogue's URLs.
func (h *Handler) Routes(e *echo.Echo) {
	h.publicRoutes(e)
	admin := e.Group("/admin", h.opts.RequireStaff)
	h.adminDashboardRoutes(admin)
	h.adminMovieRoutes(admin)
	h.adminTheaterRoutes(admin)
	h.adminShowRoutes(admin)
}
