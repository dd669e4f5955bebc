package booking

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiFreeBooking answers POST /api/v1/bookings/:id/payment for a booking
// that costs nothing (a 100% promo code): no payment is needed, and the
// booking is confirmed.
type apiFreeBooking struct {
	BookingID int64  `json:"booking_id"`
	Status    Status `json:"status"`
	Amount    int64  `json:"amount"`
	Currency  string `json:"currency"`
}

// apiPay is POST /api/v1/bookings/:id/payment: the app's Pay button, with
// the web's rules (StartPayment: a held booking of the caller, whose hold
// is extended once, or one whose card failed while the hold lasts) and the
// web's Begin. It answers 201 with the payment: for Stripe the
// PaymentIntent's client secret and the publishable key for the native
// SDKs, for the test provider the test card URL and numbers. Calling it
// again while the payment waits for a card returns the same payment, so a
// retried request never makes a second charge; after a failed card it
// starts the next attempt. An optional body {"method": "razorpay"} picks
// the provider among the payment's methods (the booking's first when
// absent). A free booking is confirmed at once (200).
// Errors: ErrNotFound (also another user's booking), ErrNotPayable (the
// hold ran out, or the booking was cancelled), ErrPaid, and payments'
// ErrTooManyAttempts and ErrProvider.
func (h *Handler) apiPay(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	var body struct {
		Method string `json:"method"`
	}
	badBody := json.NewDecoder(c.Request().Body).Decode(&body)
	ctx, user := c.Request().Context(), h.apiBuyer(c, id)
	// Price the hold as the checkout page does before its Pay button (fees,
	// taxes, a promo code's current terms): the app may go straight from
	// holding to paying. It also keeps others' bookings 404, whatever
	// their body.
	if _, err := h.svc.Checkout(ctx, user, id); err != nil {
		return err
	}
	if badBody != nil && !errors.Is(badBody, io.EOF) {
		return echo.NewHTTPError(http.StatusBadRequest, `Send no body, or JSON like {"method":"razorpay"}.`)
	}
	req, err := h.svc.StartPayment(ctx, user, id)
	if err != nil {
		return err
	}
	req.Method = body.Method
	c.Response().Header().Set("Cache-Control", "no-store")
	if req.Amount == 0 {
		return c.JSON(http.StatusOK, apiFreeBooking{BookingID: req.BookingID, Status: Confirmed, Currency: req.Currency})
	}
	p, err := h.opts.Payments.BeginForApp(ctx, req)
	if err != nil {
		return fmt.Errorf("begin payment of booking %d: %w", id, err)
	}
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/v1/payments/%d", p.ID))
	return c.JSON(http.StatusCreated, p)
}
