package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// SwitchMethod makes the buyer's waiting payment a new attempt with
// another provider (the old one is superseded, which uses up no try). The
// same method again returns the same payment. Errors: ErrNotFound (also
// another user's payment), ErrNotPayable (paid, under way or replaced
// already), ErrHoldExpired, ErrInvalid (a method the booking is not
// offered), ErrTooManyAttempts, ErrProvider.
func (s *Service) SwitchMethod(ctx context.Context, userID, paymentID int64, method string) (Payment, error) {
	p, err := s.buyersPayment(ctx, userID, paymentID)
	if err != nil {
		return Payment{}, err
	}
	switch {
	case p.State != RequiresPayment || p.RequiresAction:
		return Payment{}, fmt.Errorf("switch method of payment %d: %w", p.ID, ErrNotPayable)
	case !s.opts.Now().Before(p.HoldExpiresAt):
		return Payment{}, fmt.Errorf("switch method of payment %d: %w", p.ID, ErrHoldExpired)
	}
	return s.begin(ctx, PaymentRequest{BookingID: p.BookingID, Code: p.BookingCode, UserID: p.UserID, Amount: p.Amount,
		Currency: p.Currency, Description: p.Description, ReturnPath: p.ReturnPath, HoldExpiresAt: p.HoldExpiresAt,
		Method: method})
}

// buyersPayment is userID's payment, as stored (no provider call).
// Errors: ErrNotFound (also another user's payment).
func (s *Service) buyersPayment(ctx context.Context, userID, paymentID int64) (Payment, error) {
	row, err := s.q.PaymentGet(ctx, s.pool, paymentID)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(row.UserID, userID)) {
		return Payment{}, fmt.Errorf("payment %d: %w", paymentID, ErrNotFound)
	}
	if err != nil {
		return Payment{}, fmt.Errorf("get payment %d: %w", paymentID, err)
	}
	return paymentFromRow(row), nil
}

// payMethod is POST /pay/:id/method: the buyer chooses another way to
// pay; the pay page of the new attempt follows. Errors: ErrNotFound,
// ErrHoldExpired, ErrInvalid, ErrTooManyAttempts.
func (h *Handler) payMethod(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	p, err := h.svc.SwitchMethod(c.Request().Context(), h.buyer(c, id), id, c.FormValue("method"))
	if errors.Is(err, ErrNotPayable) {
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/pay/%d", id))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, p.Path())
}

// apiMethod is POST /api/v1/payments/:id/method {"method": "razorpay"}:
// the app switches how the buyer pays and gets the new attempt. Errors:
// as SwitchMethod.
func (h *Handler) apiMethod(c echo.Context) error {
	return h.apiReplace(c, "method", `{"method":"razorpay"}`, h.svc.SwitchMethod)
}

// apiReplace answers an app's request that replaces the buyer's waiting
// payment (another way to pay, a gift card): field of the JSON body is
// given to do, and the answer is the payment to make now. Another buyer's
// payment is 404 whatever the body.
func (h *Handler) apiReplace(c echo.Context, field, example string,
	do func(ctx context.Context, buyer, paymentID int64, value string) (Payment, error)) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx, buyer := c.Request().Context(), h.apiBuyer(c, id)
	if _, err := h.svc.buyersPayment(ctx, buyer, id); err != nil {
		return err
	}
	var body map[string]string
	if err := json.NewDecoder(c.Request().Body).Decode(&body); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send JSON like "+example+".")
	}
	p, err := do(ctx, buyer, id, body[field])
	if err != nil {
		return err
	}
	out, err := h.svc.AppPayment(ctx, buyer, p.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// methodChoices are the ways booking's payment p may be made, for the pay
// page (none while p is not waiting for the buyer).
func (h *Handler) methodChoices(ctx context.Context, co Checkout) (views.MethodsProps, error) {
	p := co.Payment
	if p.State != RequiresPayment || p.RequiresAction || co.HoldOver {
		return views.MethodsProps{}, nil
	}
	methods, err := h.svc.Methods(ctx, p.BookingID)
	if err != nil {
		return views.MethodsProps{}, err
	}
	m := views.MethodsProps{Action: fmt.Sprintf("/pay/%d/method", p.ID)}
	for _, name := range methods {
		label, detail := MethodLabel(ctx, name)
		m.Choices = append(m.Choices, views.MethodChoice{Name: name, Label: label, Detail: detail, Current: name == p.Provider})
	}
	return m, nil
}

// MethodLabel names a provider for buyers and staff, in ctx's language:
// what they pay with, and through whom.
func MethodLabel(ctx context.Context, provider string) (label, detail string) {
	switch provider {
	case ProviderRazorpay:
		return i18n.T(ctx, "UPI, cards, netbanking or wallets"), "Razorpay"
	case ProviderPayPal:
		return "PayPal", i18n.T(ctx, "PayPal account or card")
	case ProviderStripe:
		return i18n.T(ctx, "Card"), "Apple Pay, Google Pay"
	}
	return i18n.T(ctx, "Card"), i18n.T(ctx, "Test cards")
}

// methodStaffLabel names a provider on the staff settings page, provider
// first.
func methodStaffLabel(ctx context.Context, provider string) string {
	switch provider {
	case ProviderRazorpay:
		return i18n.T(ctx, "Razorpay (UPI, cards, netbanking, wallets)")
	case ProviderPayPal:
		return "PayPal"
	case ProviderStripe:
		return i18n.T(ctx, "Stripe (cards, Apple Pay, Google Pay)")
	}
	return i18n.T(ctx, "Test cards")
}
