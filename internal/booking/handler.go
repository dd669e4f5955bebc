package booking

import (
	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

// HandlerOptions wire booking's pages to the rest of the app.
type HandlerOptions struct {
	// Sessions carries flash messages.
	Sessions *scs.SessionManager
	// RequireUser sends visitors to sign in (account module).
	RequireUser echo.MiddlewareFunc
	// RequireStaff guards staff pages (account module).
	RequireStaff echo.MiddlewareFunc
	// RequireAPIUser checks the API's bearer token (account module).
	RequireAPIUser echo.MiddlewareFunc
	// UserID returns the signed-in user's id from the request (0 if none).
	UserID func(c echo.Context) int64
	// APIUserID returns the API caller's user id.
	APIUserID func(c echo.Context) int64
	// AllowStrandedSeats turns off the rule that refuses a selection
	// leaving a single empty seat between taken ones.
	AllowStrandedSeats bool
	// Admission is the waiting room in front of on-sales (waitroom
	// module); nil admits everybody.
	Admission Admission
	// HoldRate caps holds a minute per account and per IP address.
	HoldRate HoldRate
}

// Handler serves booking's pages and API.
type Handler struct {
	svc  *Service
	opts HandlerOptions
}

// NewHandler returns booking's HTTP handler.
func NewHandler(svc *Service, o HandlerOptions) *Handler { return &Handler{svc: svc, opts: o} }

// Routes registers booking's URLs.
func (h *Handler) Routes(e *echo.Echo) {
	h.seatMapRoutes(e)
	h.checkoutRoutes(e)
	h.payRoutes(e)
	h.apiRoutes(e.Group("/api/v1"))
}
