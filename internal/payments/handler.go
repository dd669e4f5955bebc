package payments

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// HandlerOptions wire payments' pages to the rest of the app.
type HandlerOptions struct {
	// Sessions carries flash messages.
	Sessions *scs.SessionManager
	// RequireUser sends visitors to sign in; RequireStaff guards the
	// payments pages; RequireAdmin guards refunds and replays.
	RequireUser  echo.MiddlewareFunc
	RequireStaff echo.MiddlewareFunc
	RequireAdmin echo.MiddlewareFunc
	// UserID returns the signed-in user's id (0 if none); UserName names
	// them in the refunds they make.
	UserID   func(c echo.Context) int64
	UserName func(c echo.Context) string
	// BaseURL is the site's address (Stripe's return URL).
	BaseURL string
}

// Handler serves the pay pages, the Stripe webhook and the admin pages.
type Handler struct {
	svc  *Service
	opts HandlerOptions
}

// NewHandler returns payments' HTTP handler.
func NewHandler(svc *Service, o HandlerOptions) *Handler { return &Handler{svc: svc, opts: o} }

// Routes registers payments' URLs: /pay/:id and its actions (the buyer),
// POST /webhooks/stripe (signature-verified, no session, no CSRF), and
// /admin/payments, /admin/webhooks (staff; money-moving actions admin).
func (h *Handler) Routes(e *echo.Echo) {
	user, staff, admin := web.Guard(h.opts.RequireUser, http.StatusUnauthorized), web.Guard(h.opts.RequireStaff, http.StatusForbidden),
		web.Guard(h.opts.RequireAdmin, http.StatusForbidden)
	e.GET("/pay/:id", h.payPage, user)
	e.GET("/pay/:id/status", h.payStatus, user)
	e.GET("/pay/:id/return", h.payReturn, user)
	e.POST("/pay/:id/card", h.payCard, user)
	e.POST("/pay/:id/authenticate", h.payAuthenticate, user)

	e.POST("/webhooks/stripe", h.stripeWebhook)

	e.GET("/admin/payments", h.adminList, staff)
	e.GET("/admin/payments/:id", h.adminDetail, staff)
	e.POST("/admin/payments/:id/refund", h.adminRefund, staff, admin)
	e.GET("/admin/webhooks", h.adminWebhooks, staff)
	e.POST("/admin/webhooks/:id/replay", h.adminReplay, staff, admin)
}

func (h *Handler) userID(c echo.Context) int64 {
	if h.opts.UserID == nil {
		return 0
	}
	return h.opts.UserID(c)
}

// paramID reads the :id of a URL. Errors: ErrNotFound for anything but a
// positive integer.
func paramID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("id %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}
