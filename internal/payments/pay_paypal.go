package payments

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// paypalSDK is PayPal's JavaScript SDK unless PAYPAL_SDK_URL says otherwise.
const paypalSDK = "https://www.paypal.com/sdk/js"

// paypalRoutes registers the buyer's capture after approving in PayPal's
// window (the page's and the app's) and PayPal's webhook.
func (h *Handler) paypalRoutes(e *echo.Echo, buyer echo.MiddlewareFunc) {
	e.POST("/pay/:id/paypal/capture", h.payPayPalCapture, buyer)
	e.POST("/api/v1/payments/:id/paypal/capture", h.apiPayPalCapture, web.APIOrGuest(h.auth.API))
	e.POST("/webhooks/paypal", h.paypalWebhook)
}

// CapturePayPal takes the money of the buyer's PayPal order once the buyer
// approved it, and applies the outcome at once rather than wait for the
// webhook (which then changes nothing). It goes through reconciliation's
// lookup, which captures an approved order idempotently by the payment's
// key: a payment that already has its outcome, or whose hold ran out, is
// not captured. When PayPal's answer is lost the payment is marked
// processing, so the page waits and reconciliation asks PayPal again.
// Errors: ErrNotFound (also another buyer's, or not a PayPal payment),
// ErrProvider.
func (s *Service) CapturePayPal(ctx context.Context, userID, paymentID int64) error {
	c, err := s.PaymentForBuyer(ctx, userID, paymentID)
	if err != nil {
		return err
	}
	p := c.Payment
	if p.Provider != ProviderPayPal {
		return fmt.Errorf("payment %d is not a PayPal payment: %w", paymentID, ErrNotFound)
	}
	if p.State.Final() {
		return nil
	}
	err = s.reconcilePayment(ctx, p, "paypal-approve")
	if !errors.Is(err, ErrProvider) || p.State != RequiresPayment || c.HoldOver {
		return err
	}
	// The capture may have happened: wait for PayPal's word instead of
	// letting the buyer approve again.
	noteCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), paypalTimeout)
	defer cancel()
	if terr := pg.InTx(noteCtx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		_, err := s.applyTransition(ctx, tx, p.ID, transition{to: Processing, source: "paypal-approve",
			note: "PayPal's answer to the capture was lost"})
		return err
	}); terr != nil {
		return errors.Join(err, terr)
	}
	return err
}

// payPayPalCapture is POST /pay/:id/paypal/capture, which the PayPal
// buttons' onApprove posts (CSRF token as every form): it captures and
// sends the buyer to the pay page, which shows the outcome (or waits for
// it when PayPal's answer was lost). Errors: ErrNotFound.
func (h *Handler) payPayPalCapture(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	err = h.svc.CapturePayPal(c.Request().Context(), h.buyer(c, id), id)
	if err != nil && !errors.Is(err, ErrProvider) {
		return err
	}
	if err != nil {
		h.svc.opts.Log.Warn("paypal capture: waiting for PayPal's word", "payment", id, "err", err)
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/pay/%d", id))
}

// apiPayPalCapture is POST /api/v1/payments/:id/paypal/capture, for an app
// once its buyer approved the order at the approve link: it captures and
// answers the payment as GET /api/v1/payments/:id does (processing when
// PayPal's answer was lost). Errors: ErrNotFound.
func (h *Handler) apiPayPalCapture(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := h.svc.CapturePayPal(c.Request().Context(), h.apiBuyer(c, id), id); err != nil && !errors.Is(err, ErrProvider) {
		return err
	}
	return h.apiPaymentNow(c, id)
}

// paypalPanel is the pay page's PayPal step: the SDK's buttons for the
// stored order.
func (h *Handler) paypalPanel(p Payment) views.PayPalPanel {
	sdk := h.svc.opts.PayPal.SDKURL
	if sdk == "" {
		sdk = paypalSDK
	}
	q := url.Values{"client-id": {h.svc.opts.PayPal.ClientID}, "currency": {strings.ToUpper(p.Currency)},
		"intent": {"capture"}, "components": {"buttons"}}
	base := "/pay/" + strconv.FormatInt(p.ID, 10)
	return views.PayPalPanel{SDKURL: sdk + "?" + q.Encode(), OrderID: p.ProviderID, CaptureAction: base + "/paypal/capture",
		NextHref: base}
}

// AppPayPal is what an app needs to pay a PayPal payment: the order, and
// the link where its buyer approves it (then POST
// /api/v1/payments/:id/paypal/capture).
type AppPayPal struct {
	OrderID    string `json:"order_id"`
	ApproveURL string `json:"approve_url"`
}

// appPayPal is p's AppPayPal (nil before its order exists).
func appPayPal(p Payment) *AppPayPal {
	if p.ProviderID == "" {
		return nil
	}
	return &AppPayPal{OrderID: p.ProviderID, ApproveURL: p.ClientSecret}
}
