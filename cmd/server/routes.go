package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	"github.com/marqueehq/marquee/internal/recommend"
	"github.com/marqueehq/marquee/internal/search"
	"github.com/marqueehq/marquee/internal/waitroom"
	accountviews "github.com/marqueehq/marquee/web/templates/account"
)

// serverDeps is everything the HTTP side needs; tests build it the same way.
type serverDeps struct {
	cfg     config.Config
	log     *slog.Logger
	db      *database
	metrics *metrics.Metrics
	sealer  *sealer.Sealer
	jwtKeys *account.SigningKeys
	tickets *booking.TicketKeys
	// live streams seat changes to open seat maps; serve runs it.
	live *booking.Live
}

// newServer assembles the middleware and the complete route table: every URL
// Marquee answers is registered from here.
func newServer(d serverDeps, svc *services) *echo.Echo {
	sessions := account.NewSessionManager(d.db.pool, account.SessionOptions{Secure: d.cfg.Secure(), Production: d.cfg.Production()})
	e := web.New(web.Options{
		Log:            d.log,
		Sessions:       sessions,
		Secure:         d.cfg.Secure(),
		Production:     d.cfg.Production(),
		TrustProxy:     d.cfg.TrustProxy,
		MaxBodyBytes:   d.cfg.MaxBodyBytes,
		Statuses:       errorStatuses,
		Metrics:        d.metrics.Middleware(),
		RequestTimeout: d.cfg.RequestTimeout,
	})

	// Operations.
	web.HealthRoutes(e, d.ready)
	e.GET("/metrics", d.metrics.Handler())
	web.StaticRoutes(e)

	// Accounts: /login, /logout, /signup, /verify, /password/..., /account/...;
	// who is signed in, for every page.
	accounts := account.NewHandler(svc.account, sessions, profileChoices(svc.catalog))
	if d.cfg.GoogleClientID != "" {
		accounts.AddSSO(account.SSOProvider{Key: "google", Label: "Google", Issuer: "https://accounts.google.com",
			ClientID: d.cfg.GoogleClientID, ClientSecret: d.cfg.GoogleClientSecret})
	}
	if d.cfg.OIDCIssuer != "" {
		accounts.AddSSO(account.SSOProvider{Key: "sso", Label: d.cfg.OIDCLabel, Issuer: d.cfg.OIDCIssuer,
			ClientID: d.cfg.OIDCClientID, ClientSecret: d.cfg.OIDCClientSecret})
	}
	e.Use(accounts.CurrentUser())
	accounts.Routes(e)

	// Catalogue: /, /cities, /movies/:slug, /theaters/:slug, /shows/:id, /media/..., /admin/...
	catalogPages := catalog.NewHandler(svc.catalog, catalog.HandlerOptions{
		Sessions:      sessions,
		RequireStaff:  accounts.RequireStaff,
		SecureCookies: d.cfg.Secure(),
	})
	e.Use(catalogPages.CityContext())
	catalogPages.Routes(e)

	// Booking: /shows/:id/seats, /bookings/..., /admin/bookings, /admin/checkin, /api/v1/shows/:id/holds...
	bookingPages := booking.NewHandler(svc.booking, booking.HandlerOptions{
		Sessions:           sessions,
		RequireUser:        accounts.RequireUser,
		RequireStaff:       accounts.RequireStaff,
		RequireAPIUser:     accounts.RequireAPIUser,
		UserID:             webUserID,
		APIUserID:          func(c echo.Context) int64 { return account.APIUserID(c.Request().Context()) },
		AllowStrandedSeats: d.cfg.AllowStrandedSeats,
		Admission:          svc.waitroom,
		HoldRate:           holdRate(d),
	})
	bookingPages.Routes(e)
	// Waiting rooms for on-sales: /waiting/:id, /admin/waiting-rooms.
	waitroomRoutes(e, svc, sessions, accounts)
	// Payments: /pay/..., /webhooks/stripe, /admin/payments, /admin/webhooks.
	svc.payments.routes(e, d, accounts, sessions)
	d.live.Routes(e) // GET /shows/:id/seats/events (server-sent events)
	// E-tickets, the door check-in and staff booking pages.
	bookingPages.StaffRoutes(e, booking.StaffOptions{
		Tickets: booking.NewTickets(d.tickets), Users: accountUsers{svc.account}, Schedule: svc.catalog,
	})

	// Search: /search, /search/suggest, /api/v1/search.
	svc.search.routes(e)

	// Recommendations: /recommendations/..., /admin/reviews, /api/v1/recommendations.
	recommendRoutes(e, svc, sessions, accounts)

	// Notifications: /account/notifications, /movies/:slug/follow, /unsubscribe,
	// /sw.js, /admin/outbox, /admin/announcements.
	svc.notify.routes(e, accounts, sessions)

	// Admin-only account pages: /admin/users, /admin/audit.
	accounts.AdminRoutes(e.Group("/admin", accounts.RequireStaff))

	// JSON API for mobile apps: /api/v1/auth/{token,refresh,logout}, /api/v1/me.
	api := e.Group("/api/v1")
	accounts.APIRoutes(api)

	return e
}

// accountUsers finds customers by email for booking's staff search.
type accountUsers struct{ a *account.Service }

// UserIDByEmail returns the account's id, or 0 when no account has that email.
func (u accountUsers) UserIDByEmail(ctx context.Context, email string) (int64, error) {
	usr, err := u.a.UserByEmail(ctx, email)
	if errors.Is(err, account.ErrNotFound) {
		return 0, nil
	}
	return usr.ID, err
}

// webUserID is the signed-in web user's id, 0 for visitors.
func webUserID(c echo.Context) int64 {
	if u := webctx.From(c.Request().Context()).User; u != nil {
		return u.ID
	}
	return 0
}

// profileChoices offers the catalogue's cities, languages and genres on the
// account profile form.
func profileChoices(c *catalog.Service) account.ProfileChoices {
	return func(ctx context.Context) ([]accountviews.Choice, []string, []string, error) {
		cities, err := c.Cities(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		choices := make([]accountviews.Choice, len(cities))
		for i, city := range cities {
			choices[i] = accountviews.Choice{Value: city.Slug, Label: city.Name}
		}
		langs, err := c.Languages(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		genres, err := c.Genres(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		return choices, langs, genres, nil
	}
}

// ready reports whether this instance can serve: the database answers and
// every migration is applied.
func (d serverDeps) ready(ctx context.Context) error {
	if err := d.db.admin.Ping(ctx); err != nil {
		return errors.New("database unreachable")
	}
	pending, err := d.db.migrator.Pending(ctx)
	if err != nil {
		return errors.New("cannot read migration state")
	}
	if pending {
		return errors.New("migrations pending")
	}
	return nil
}

// errorStatuses maps each module's sentinel errors to HTTP statuses, in one
// place. Modules add theirs here as they grow.
var errorStatuses = []web.ErrorStatus{
	{Err: validate.ErrInvalid, Status: http.StatusUnprocessableEntity, Code: "invalid"},
	{Err: catalog.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: catalog.ErrShowOverlap, Status: http.StatusConflict, Code: "show_overlap"},
	{Err: catalog.ErrSeatsBooked, Status: http.StatusConflict, Code: "seats_booked"},
	{Err: catalog.ErrShowCancelled, Status: http.StatusConflict, Code: "show_cancelled"},
	{Err: catalog.ErrLayoutChanged, Status: http.StatusConflict, Code: "layout_changed"},
	{Err: booking.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: booking.ErrSeatTaken, Status: http.StatusConflict, Code: "seat_taken"},
	{Err: booking.ErrNotOnSale, Status: http.StatusConflict, Code: "not_on_sale"},
	{Err: booking.ErrHoldLimit, Status: http.StatusTooManyRequests, Code: "hold_limit"},
	{Err: waitroom.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: booking.ErrCancelClosed, Status: http.StatusConflict, Code: "cancel_closed"},
	{Err: booking.ErrNotCancellable, Status: http.StatusConflict, Code: "not_cancellable"},
	{Err: search.ErrUnknownCity, Status: http.StatusUnprocessableEntity, Code: "unknown_city"},
	{Err: booking.ErrNotPayable, Status: http.StatusConflict, Code: "not_payable"},
	{Err: booking.ErrPaid, Status: http.StatusConflict, Code: "already_paid"},
	{Err: payments.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: payments.ErrTooManyAttempts, Status: http.StatusConflict, Code: "too_many_attempts"},
	{Err: payments.ErrHoldExpired, Status: http.StatusConflict, Code: "hold_expired"},
	{Err: payments.ErrNotPayable, Status: http.StatusConflict, Code: "not_payable"},
	{Err: payments.ErrNotRefundable, Status: http.StatusConflict, Code: "not_refundable"},
	{Err: payments.ErrBadSignature, Status: http.StatusBadRequest, Code: "bad_signature"},
	{Err: payments.ErrProvider, Status: http.StatusServiceUnavailable, Code: "provider_unavailable"},
	{Err: payments.ErrEventBusy, Status: http.StatusServiceUnavailable, Code: "busy"},
	{Err: recommend.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: recommend.ErrCannotRate, Status: http.StatusForbidden, Code: "cannot_rate"},
	{Err: notify.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: notify.ErrBadUnsubscribe, Status: http.StatusBadRequest, Code: "bad_unsubscribe"},
	{Err: notify.ErrPushOff, Status: http.StatusConflict, Code: "push_off"},
	{Err: account.ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: account.ErrEmailTaken, Status: http.StatusConflict, Code: "email_taken"},
	{Err: account.ErrLastAdmin, Status: http.StatusConflict, Code: "last_admin"},
	{Err: account.ErrBadCredentials, Status: http.StatusUnauthorized, Code: "invalid_credentials"},
	{Err: account.ErrTooManyAttempts, Status: http.StatusTooManyRequests, Code: "rate_limited"},
	{Err: account.ErrTokenInvalid, Status: http.StatusUnauthorized, Code: "token_invalid"},
	{Err: account.ErrRefreshReused, Status: http.StatusUnauthorized, Code: "refresh_reused"},
}
