package payments

import (
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

// maxWebhookBytes bounds a webhook body (Stripe's events are a few KB).
const maxWebhookBytes = 1 << 20

// stripeWebhook is POST /webhooks/stripe. It verifies the signature,
// stores the event once by its id with the job that applies it, and
// answers at once: 200 for a new or duplicate event, 400 for a forged or
// stale signature (Stripe then retries, and a real event will verify) and
// for a signed event that cannot be read.
func (h *Handler) stripeWebhook(c echo.Context) error {
	payload, err := io.ReadAll(io.LimitReader(c.Request().Body, maxWebhookBytes))
	if err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "unreadable body"})
	}
	stored, err := h.svc.ReceiveStripe(c.Request().Context(), payload, c.Request().Header.Get("Stripe-Signature"))
	if errors.Is(err, ErrBadSignature) {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "invalid signature"})
	}
	if errors.Is(err, ErrBadEvent) {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "unreadable event"})
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]bool{"received": true, "duplicate": !stored})
}
