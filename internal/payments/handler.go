package payments

import (
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// Handler serves the pay pages, the Stripe webhook and the admin pages.
type Handler struct {
	svc  *Service
	auth web.Auth
	// baseURL is the site's address (Stripe's return URL).
	baseURL string
}

// NewHandler returns payments' HTTP handler, guarded by auth; baseURL is
// the site's address, for Stripe's return URL.
func NewHandler(svc *Service, auth web.Auth, baseURL string) *Handler {
	return &Handler{svc: svc, auth: auth, baseURL: baseURL}
}

// Routes registers payments' URLs: /pay/:id and its actions (the buyer),
// POST /webhooks/stripe (signature-verified, no session, no CSRF), and
// /admin/payments, /admin/webhooks (staff; money-moving actions admin),
// and the app's /api/v1/payments (bearer token).
func (h *Handler) Routes(e *echo.Echo) {
	user, admin := h.auth.User, h.auth.Admin
	// Payments and webhooks are the site's ledger: Marquee's own staff
	// only (cinema staff refund through their bookings).
	staff := func(next echo.HandlerFunc) echo.HandlerFunc { return h.auth.Staff(h.auth.Platform(next)) }
	// The buyer: signed in, or a guest whose session may reach the
	// payment's booking (buyer checks which).
	buyer := web.UserOrGuest(h.auth.Sessions, user)
	e.GET("/pay/:id", h.payPage, buyer)
	e.GET("/pay/:id/status", h.payStatus, buyer)
	e.GET("/pay/:id/return", h.payReturn, buyer)
	e.POST("/pay/:id/card", h.payCard, buyer)
	e.POST("/pay/:id/authenticate", h.payAuthenticate, buyer)
	e.POST("/pay/:id/method", h.payMethod, buyer)
	e.POST("/pay/:id/gift-card", h.payGiftCard, buyer)

	e.POST("/webhooks/stripe", h.stripeWebhook)
	h.paypalRoutes(e, buyer)

	e.GET("/admin/payments", h.adminList, staff)
	e.GET("/admin/payments/:id", h.adminDetail, staff)
	e.POST("/admin/payments/:id/refund", h.adminRefund, staff, admin)
	e.GET("/admin/webhooks", h.adminWebhooks, staff)
	// The ways to pay: Marquee's staff, and a chain's admin for the chain.
	methods := func(next echo.HandlerFunc) echo.HandlerFunc { return h.auth.Staff(requireMethodStaff(next)) }
	e.GET("/admin/payment-methods", h.adminMethods, methods)
	e.POST("/admin/payment-methods", h.adminMethodsSave, methods)
	e.POST("/admin/payment-methods/clear", h.adminMethodsClear, methods)
	e.POST("/admin/webhooks/:id/replay", h.adminReplay, staff, admin)
	h.receiptRoutes(e)

	// The JSON API for the mobile apps (booking starts a payment at
	// POST /api/v1/bookings/:id/payment); the test card routes answer 404
	// unless the test provider takes payments.
	// An app's guest token (booking's X-Guest-Token) admits the payments
	// of its one booking.
	v1 := e.Group("/api/v1")
	app := web.APIOrGuest(h.auth.API)
	v1.GET("/payments/:id", h.apiPayment, app)
	v1.POST("/payments/:id/method", h.apiMethod, app)
	v1.POST("/payments/:id/gift-card", h.apiGiftCard, app)
	v1.POST("/payments/:id/test-card", h.apiTestCard, app)
	v1.POST("/payments/:id/test-authentication", h.apiTestAuthentication, app)
	h.razorpayRoutes(e, buyer)

	h.giftCardRoutes(e)
	h.giftOrderRoutes(e)
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
