package app

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/ratelimit"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// rateLimits is the gateway's table of every abuse-prone route and the
// budgets its requests spend (RATE_* and HOLD_RATE_* in README's
// Configuration), counted in Redis when the instances share one. It runs
// after the session is loaded, so a signed-in buyer's budget is their
// account's on every device.
func (a *App) rateLimits() echo.MiddlewareFunc {
	cfg := a.deps.Config
	r := cfg.RateLimits
	store := ratelimit.NewStore(a.deps.Redis)
	limit := func(name string, by ratelimit.By, perMinute int) ratelimit.Limit {
		return ratelimit.Limit{Counter: store.Counter(name, perMinute), By: by}
	}
	rejected := ratelimit.NewRejectedCounter()
	// One registry per App: registering twice is a programming error.
	a.Metrics.Registerer().MustRegister(rejected)
	return ratelimit.Middleware(ratelimit.Options{
		Rejected: rejected,
		Log:      a.deps.Log,
		Account:  a.accountOf,
		Rules: []ratelimit.Rule{
			{Routes: []string{"POST /signup"}, Limits: []ratelimit.Limit{limit("signup_ip", ratelimit.ByIP, r.SignUpPerIP)}},
			{
				Routes: []string{"POST /login", "POST /api/v1/auth/token"},
				Limits: []ratelimit.Limit{limit("signin_ip", ratelimit.ByIP, r.SignInPerIP)},
			},
			{
				// Finding a guest booking by code and email: as signing in.
				Routes: []string{"POST /bookings/find"},
				Limits: []ratelimit.Limit{limit("guest_find_ip", ratelimit.ByIP, r.SignInPerIP)},
			},
			{
				Routes: []string{"POST /password/forgot", "POST /password/reset"},
				Limits: []ratelimit.Limit{limit("password_reset_ip", ratelimit.ByIP, r.PasswordResetPerIP)},
			},
			{
				Routes: []string{"POST /account/verify/resend", "POST /account/email"},
				Limits: []ratelimit.Limit{limit("verify_mail_account", ratelimit.ByAccount, r.VerifyMailPerAccount)},
			},
			{
				Routes: []string{"GET /search", "GET /search/suggest", "GET /api/v1/search"},
				Limits: []ratelimit.Limit{limit("search_ip", ratelimit.ByIP, r.SearchPerIP)},
			},
			{
				Routes: []string{"POST /shows/:id/hold", "POST /shows/:id/hold/guest", "POST /api/v1/shows/:id/holds",
					"POST /api/v1/shows/:id/holds/guest"},
				Limits: booking.HoldRateLimits(store.Counter("hold_account", cfg.HoldRatePerAccount),
					store.Counter("hold_ip", cfg.HoldRatePerIP)),
			},
			{
				Routes: []string{"POST /bookings/:id/pay", "POST /pay/:id/card", "POST /pay/:id/authenticate", "POST /bookings/:id/promo"},
				Limits: []ratelimit.Limit{limit("pay_account", ratelimit.ByAccount, r.PayPerAccount)},
			},
			{
				Routes: payments.GiftCardBalanceRoutes(),
				Limits: payments.GiftCardBalanceLimits(store.Counter("gift_card_ip", r.GiftCardPerIP),
					store.Counter("gift_card_code", r.GiftCardPerCode)),
			},
			{
				Routes: []string{"GET /api/*", "POST /api/*", "PATCH /api/*", "PUT /api/*", "DELETE /api/*"},
				Limits: []ratelimit.Limit{limit("api_token", ratelimit.ByToken, r.APIPerToken), limit("api_ip", ratelimit.ByIP, r.APIPerIP)},
			},
		},
	})
}

// accountOf is the account a request speaks for: the signed-in web user,
// or the user a valid access token was issued to (its signature is checked
// here; whether it was revoked, the route's own guard asks).
func (a *App) accountOf(c echo.Context, bearer string) string {
	if id := web.UserID(c); id != 0 {
		return strconv.FormatInt(id, 10)
	}
	if bearer == "" {
		return ""
	}
	if id, err := a.Account.VerifyAccessToken(bearer); err == nil {
		return strconv.FormatInt(id, 10)
	}
	return ""
}
