package main

import (
	"context"
	"errors"
	"log/slog"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/sealer"
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
	// jobs is the insert-only River client every service enqueues through
	// (inside its transactions); the working client comes after them.
	jobs *jobs.Client
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

// errorStatuses joins every module's sentinel errors to HTTP statuses (each
// module's table sits next to its sentinels).
var errorStatuses = slices.Concat(web.CommonStatuses, catalog.ErrorStatuses, booking.ErrorStatuses,
	waitroom.ErrorStatuses, search.ErrorStatuses, payments.ErrorStatuses, recommend.ErrorStatuses,
	notify.ErrorStatuses, account.ErrorStatuses)
