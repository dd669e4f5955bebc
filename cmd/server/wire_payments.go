package main

import (
	"context"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
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
// and refunds (bookingPayments), and it tells booking the outcomes
// (*booking.Service satisfies payments.Bookings).
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
	b.SetPayments(bookingPayments{svc})
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

// bookingPayments is booking's Payments port over the payments service.
type bookingPayments struct{ p *payments.Service }

// Begin starts or resumes paying for a booking.
func (a bookingPayments) Begin(ctx context.Context, r booking.PaymentRequest) (string, error) {
	return a.p.Begin(ctx, payments.PaymentRequest{BookingID: r.BookingID, Code: r.Code, UserID: r.UserID, Amount: r.Amount,
		Currency: r.Currency, Description: r.Description, ReturnPath: r.ReturnPath, HoldExpiresAt: r.HoldExpiresAt})
}

// Refund asks for money back inside the cancelling transaction.
func (a bookingPayments) Refund(ctx context.Context, tx pgx.Tx, r booking.RefundRequest) error {
	return a.p.Refund(ctx, tx, payments.RefundRequest{BookingID: r.BookingID, Amount: r.Amount, Reason: r.Reason, Key: r.Key})
}
