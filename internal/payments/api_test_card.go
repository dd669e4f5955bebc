package payments

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

// apiTestCardRequest is the body of POST /api/v1/payments/:id/test-card.
type apiTestCardRequest struct {
	Number   string `json:"number"`
	ExpMonth int    `json:"exp_month"`
	// ExpYear is 2030 or 30.
	ExpYear int    `json:"exp_year"`
	CVC     string `json:"cvc"`
	Name    string `json:"name"`
}

// card turns the request into the card page's form, so both are checked by
// the same rules (Card.check). The expiry's own shape is checked here, the
// one place the two forms differ; a malformed one is left empty.
func (r apiTestCardRequest) card() (Card, validate.Errors) {
	var errs validate.Errors
	year := r.ExpYear
	if year >= 2000 && year <= 2099 {
		year -= 2000
	}
	errs.Check(r.ExpMonth >= 1 && r.ExpMonth <= 12, "exp_month", "Enter the expiry month, 1 to 12.")
	errs.Check(year >= 0 && year <= 99 && r.ExpYear != 0, "exp_year", "Enter the expiry year, such as 2030.")
	c := Card{Number: r.Number, CVC: r.CVC, Name: r.Name}
	if len(errs) == 0 {
		c.Expiry = fmt.Sprintf("%02d/%02d", r.ExpMonth, year)
	}
	return c, errs
}

// apiTestCard is POST /api/v1/payments/:id/test-card: the test provider's
// card page for an app. The card's outcome (success, a decline with its
// reason, or a confirmation step first) goes out as an event and is applied
// by the same job as a Stripe webhook, so the booking confirms exactly as
// on the web; the answer is the payment, processing (or requires_action),
// and the app polls GET /api/v1/payments/:id for the outcome. With the
// Stripe provider this route answers 404. Errors: ErrNotFound (also another
// user's payment), ErrInvalid (422 with fields), ErrNotPayable (a card
// was already given), ErrHoldExpired.
func (h *Handler) apiTestCard(c echo.Context) error {
	id, err := h.apiTestPayment(c)
	if err != nil {
		return err
	}
	var in apiTestCardRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest,
			`Send JSON like {"number":"4242424242424242","exp_month":12,"exp_year":2030,"cvc":"123","name":"Ada Lovelace"}.`)
	}
	card, expiry := in.card()
	ctx := c.Request().Context()
	_, err = h.svc.PayWithTestCard(ctx, h.apiBuyer(c, id), id, card)
	if fields, ok := validate.Fields(err); ok {
		// The card page's "expiry" is exp_month and exp_year here: a
		// malformed one was reported above, an expired card is its year.
		var errs validate.Errors
		for f, msg := range fields {
			switch {
			case f != "expiry":
				errs.Add(f, msg)
			case len(expiry) == 0:
				errs.Add("exp_year", msg)
			}
		}
		for f, msg := range expiry {
			errs.Add(f, msg)
		}
		return fmt.Errorf("pay %d with a test card: %w", id, errs)
	}
	if err != nil {
		return err
	}
	return h.apiPaymentNow(c, id)
}

// apiTestAuthenticationRequest is the body of POST
// /api/v1/payments/:id/test-authentication.
type apiTestAuthenticationRequest struct {
	// Result is approve or fail.
	Result string `json:"result"`
}

// apiTestAuthentication is POST /api/v1/payments/:id/test-authentication
// {"result":"approve"|"fail"}: the buyer completes, or fails, the
// confirmation step test card 4000 0000 0000 3220 asks for (the bank's
// 3-D Secure screen). The outcome goes out as the card's does. With the
// Stripe provider this route answers 404. Errors: ErrNotFound, ErrInvalid,
// ErrNotPayable (no confirmation step is waiting), ErrHoldExpired.
func (h *Handler) apiTestAuthentication(c echo.Context) error {
	id, err := h.apiTestPayment(c)
	if err != nil {
		return err
	}
	var in apiTestAuthenticationRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"result":"approve"}.`)
	}
	if in.Result != "approve" && in.Result != "fail" {
		return validate.Errors{"result": "Send approve or fail."}
	}
	if _, err := h.svc.Authenticate(c.Request().Context(), h.apiBuyer(c, id), id, in.Result == "approve"); err != nil {
		return err
	}
	return h.apiPaymentNow(c, id)
}

// apiTestPayment reads the payment id of a test provider route, which is
// only there while the test provider takes payments, and checks that the
// payment is the caller's before its body is read. Errors: ErrNotFound.
func (h *Handler) apiTestPayment(c echo.Context) (int64, error) {
	id, err := paramID(c)
	if err != nil {
		return 0, err
	}
	if h.svc.ProviderName() != ProviderTest {
		return 0, fmt.Errorf("payment %d: test cards need the test provider: %w", id, ErrNotFound)
	}
	if _, err := h.svc.PaymentForBuyer(c.Request().Context(), h.apiBuyer(c, id), id); err != nil {
		return 0, err
	}
	return id, nil
}

// apiPaymentNow answers the payment as it is after a card step.
func (h *Handler) apiPaymentNow(c echo.Context, id int64) error {
	out, err := h.svc.AppPayment(c.Request().Context(), h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
