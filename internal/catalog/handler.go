package catalog

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// HandlerOptions wire the catalogue's pages to the rest of the app.
type HandlerOptions struct {
	// SecureCookies marks the city cookie Secure.
	SecureCookies bool
}

// Handler serves the catalogue's public and admin pages.
type Handler struct {
	svc  *Service
	auth web.Auth
	opts HandlerOptions
}

// NewHandler returns the catalogue's HTTP handler; auth.Staff guards every
// /admin page and action.
func NewHandler(svc *Service, auth web.Auth, o HandlerOptions) *Handler {
	return &Handler{svc: svc, auth: auth, opts: o}
}

// Routes registers the catalogue's URLs.
func (h *Handler) Routes(e *echo.Echo) {
	h.publicRoutes(e)
	admin := e.Group("/admin", h.auth.Staff)
	h.adminDashboardRoutes(admin)
	h.adminMovieRoutes(admin)
	h.adminTheaterRoutes(admin)
	h.adminShowRoutes(admin)
}
