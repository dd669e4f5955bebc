package main

import (
	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// paymentsWiring is the payments module.
type paymentsWiring struct {
	svc *payments.Service
}

// newPayments builds payments over booking: booking asks it for payments
// and refunds (*payments.Service satisfies booking.Payments), and it tells
// booking the outcomes (*booking.Service satisfies payments.Bookings).
func newPayments(d serverDeps, b *booking.Service) (*paymentsWiring, error) {
	w := &paymentsWiring{}
	svc, err := payments.NewService(d.db.pool, b, &payments.RiverJobs{Client: d.jobs}, payments.Options{
		Provider: d.cfg.PaymentProvider, StripeSecretKey: d.cfg.StripeSecretKey, StripePublishableKey: d.cfg.StripePublishableKey,
		StripeWebhookSecret: d.cfg.StripeWebhookSecret, StripeAPIBase: d.cfg.StripeAPIBase, Log: d.log,
	})
	if err != nil {
		return nil, err
	}
	w.svc = svc
	b.SetPayments(svc)
	return w, nil
}

// routes registers /pay/..., /webhooks/stripe, /admin/payments and
// /admin/webhooks.
func (w *paymentsWiring) routes(e *echo.Echo, d serverDeps, accounts *account.Handler, sessions *scs.SessionManager) {
	payments.NewHandler(w.svc, payments.HandlerOptions{
		Sessions: sessions, RequireUser: accounts.RequireUser, RequireStaff: accounts.RequireStaff,
		RequireAdmin: accounts.RequireAdmin, UserID: webUserID, BaseURL: d.cfg.BaseURL,
		UserName: func(c echo.Context) string {
			if u := webctx.From(c.Request().Context()).User; u != nil {
				return u.Email
			}
			return "staff"
		},
	}).Routes(e)
}
