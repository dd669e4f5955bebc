package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// owedRefundViews lists, for the counter's start page, the refunds owed
// to counter sales at the till's theater whose show the cinema cancelled.
func (h *Handler) owedRefundViews(ctx context.Context, till Till) ([]views.OwedRefundView, error) {
	owed, err := h.svc.CounterRefundsOwed(ctx, till.TheaterID)
	if err != nil {
		return nil, err
	}
	out := make([]views.OwedRefundView, len(owed))
	for i, o := range owed {
		out[i] = views.OwedRefundView{Code: o.Code, Method: methodLabel(ctx, o.Method), Amount: i18n.Money(ctx, o.Amount, o.Currency),
			Voucher: o.VoucherRef, Seller: o.Seller, Action: "/admin/counter/refunds/" + o.Code + "/pay",
			PrintHref: "/admin/counter/bookings/" + o.Code + "/print"}
	}
	return out, nil
}

// counterRefundPay is POST /admin/counter/refunds/:code/pay: the clerk
// gives a counter sale of a cancelled show its money back from their open
// till (cash back, a card refund on the terminal or a voucher re-issued,
// as it was paid), once. Nothing owed to that code at the till's theater
// is 404.
func (h *Handler) counterRefundPay(c echo.Context) error {
	ctx := c.Request().Context()
	code, ok := parseBookingCode(c.Param("code"))
	if !ok {
		return fmt.Errorf("booking code %q: %w", c.Param("code"), ErrNotFound)
	}
	// Outside the clerk's theaters the sale does not exist for them, till
	// or no till.
	b, _, err := h.svc.StaffBookingByCode(ctx, code)
	if err != nil {
		return err
	}
	show, err := h.svc.shows.ShowDetail(ctx, b.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %s: %w", code, err)
	}
	if err := web.Allow(c, authz.Sell, show.Theater.Place()); err != nil {
		return err
	}
	r, err := h.svc.PayOwedRefund(ctx, web.UserID(c), code)
	if errors.Is(err, ErrNoOpenTill) {
		return web.Redirect(c, "/admin/till")
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Refund of {{.Amount}} paid out for {{.Code}} ({{.Method}}).",
		"Amount", i18n.Money(ctx, r.Amount, r.Currency), "Code", r.Code, "Method", methodLabel(ctx, r.Method)))
	return web.Redirect(c, "/admin/counter")
}
