package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// ErrRazorpayUnverified: what Razorpay Checkout handed back is not signed
// with the account's key for this payment's order; nothing was changed.
var ErrRazorpayUnverified = errors.New("razorpay's signature of the checkout result does not verify")

// msgRazorpayUnverified tells the buyer a checkout result did not verify.
var msgRazorpayUnverified = i18n.Msg("We couldn't verify this payment with Razorpay, so nothing has changed. If money left your account, it will be matched to your booking or refunded.")

// RazorpayPaid is what Razorpay Checkout hands the page (or the app's
// native SDK) when the buyer has paid: the Razorpay payment, its order,
// and Razorpay's signature of the two.
type RazorpayPaid struct {
	PaymentID string `json:"razorpay_payment_id" form:"razorpay_payment_id"`
	OrderID   string `json:"razorpay_order_id" form:"razorpay_order_id"`
	Signature string `json:"razorpay_signature" form:"razorpay_signature"`
}

// AppRazorpay is what an app's Razorpay SDK needs to open checkout for a
// payment (amount in minor units, paise for INR).
type AppRazorpay struct {
	KeyID    string `json:"key_id"`
	OrderID  string `json:"order_id"`
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// appRazorpay is p's checkout for the app (nil: not a Razorpay payment,
// or its order is not made yet).
func (s *Service) appRazorpay(p Payment) *AppRazorpay {
	if p.Provider != ProviderRazorpay || p.ProviderID == "" {
		return nil
	}
	return &AppRazorpay{KeyID: s.opts.Razorpay.KeyID, OrderID: p.ProviderID, Amount: p.Amount, Currency: strings.ToUpper(p.Currency)}
}

// RazorpayCheckoutURL is the script Razorpay Checkout is loaded from.
func (s *Service) RazorpayCheckoutURL() string {
	if u := s.opts.Razorpay.CheckoutURL; u != "" {
		return u
	}
	return razorpayCheckoutURL
}

// ConfirmRazorpay takes what Razorpay Checkout handed the buyer's page
// for userID's payment: it checks Razorpay's signature,
// hex(HMAC-SHA256(order_id + "|" + payment_id, key secret)), and that the
// order is this payment's, then asks Razorpay at once what the order's
// payments are and applies it (the webhook may come later, and changes
// nothing then). Errors: ErrNotFound (also another user's payment, or
// not a Razorpay payment), ErrRazorpayUnverified, ErrProvider.
func (s *Service) ConfirmRazorpay(ctx context.Context, userID, paymentID int64, paid RazorpayPaid) error {
	c, err := s.PaymentForBuyer(ctx, userID, paymentID)
	if err != nil {
		return err
	}
	p := c.Payment
	if p.Provider != ProviderRazorpay {
		return fmt.Errorf("payment %d is not a razorpay payment: %w", paymentID, ErrNotFound)
	}
	if paid.OrderID == "" || paid.PaymentID == "" || paid.OrderID != p.ProviderID ||
		!validRazorpaySignature(paid.OrderID+"|"+paid.PaymentID, paid.Signature, s.opts.Razorpay.KeySecret) {
		s.opts.Log.Warn("razorpay checkout result did not verify", "payment", p.ID, "order", paid.OrderID,
			"razorpay_payment", paid.PaymentID)
		return fmt.Errorf("payment %d: %w", paymentID, ErrRazorpayUnverified)
	}
	if p.State.Final() && p.State != Failed {
		return nil
	}
	return s.reconcilePayment(ctx, p, "checkout")
}

// payRazorpay is POST /pay/:id/razorpay, where the pay page posts what
// Razorpay Checkout handed it (a form with the CSRF token). A verified
// payment goes on to the pay page, which goes on to the booking once
// paid; one that does not verify is a 400 page saying so.
// Errors: ErrNotFound, ErrProvider.
func (h *Handler) payRazorpay(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	paid := RazorpayPaid{PaymentID: c.FormValue("razorpay_payment_id"), OrderID: c.FormValue("razorpay_order_id"),
		Signature: c.FormValue("razorpay_signature")}
	if err := h.confirmRazorpay(c, h.buyer(c, id), id, paid); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/pay/%d", id))
}

// apiRazorpay is POST /api/v1/payments/:id/razorpay {razorpay_payment_id,
// razorpay_order_id, razorpay_signature}: what the app's Razorpay SDK
// handed it, verified as on the web. The answer is the payment (succeeded
// once Razorpay says the money is taken). Errors: ErrNotFound, 400 when
// it does not verify, ErrProvider.
func (h *Handler) apiRazorpay(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	buyer := h.apiBuyer(c, id)
	if _, err := h.svc.PaymentForBuyer(c.Request().Context(), buyer, id); err != nil {
		return err
	}
	var paid RazorpayPaid
	if err := json.NewDecoder(c.Request().Body).Decode(&paid); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest,
			`Send JSON like {"razorpay_payment_id":"pay_...","razorpay_order_id":"order_...","razorpay_signature":"..."}.`)
	}
	if err := h.confirmRazorpay(c, buyer, id, paid); err != nil {
		return err
	}
	return h.apiPaymentNow(c, id)
}

func (h *Handler) confirmRazorpay(c echo.Context, buyer, id int64, paid RazorpayPaid) error {
	ctx := c.Request().Context()
	err := h.svc.ConfirmRazorpay(ctx, buyer, id, paid)
	if errors.Is(err, ErrRazorpayUnverified) {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, msgRazorpayUnverified)).SetInternal(err)
	}
	return err
}

// razorpayRoutes registers Razorpay's routes: the pay page's checkout
// result (the buyer), its webhook (signature-verified, no session, no
// CSRF) and the app's checkout result (bearer or guest token).
func (h *Handler) razorpayRoutes(e *echo.Echo, buyer echo.MiddlewareFunc) {
	e.POST("/pay/:id/razorpay", h.payRazorpay, buyer)
	e.POST("/webhooks/razorpay", h.razorpayWebhook)
	e.POST("/api/v1/payments/:id/razorpay", h.apiRazorpay, web.APIOrGuest(h.auth.API))
}

// razorpayPanel is what the pay page's Razorpay panel needs for p.
func (h *Handler) razorpayPanel(p Payment) views.RazorpayProps {
	return views.RazorpayProps{KeyID: h.svc.opts.Razorpay.KeyID, OrderID: p.ProviderID, Amount: p.Amount,
		Currency: strings.ToUpper(p.Currency), Description: p.Description, PaymentID: strconv.FormatInt(p.ID, 10),
		Action: fmt.Sprintf("/pay/%d/razorpay", p.ID), CheckoutURL: h.svc.RazorpayCheckoutURL()}
}
