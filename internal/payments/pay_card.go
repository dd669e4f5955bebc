package payments

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// payCard is POST /pay/:id/card: the test provider's card form. A refused
// form comes back with its errors (422); otherwise the panel moves on to
// the confirmation step or the waiting state, which polls for the outcome.
// A second submission finds the payment already under way and shows that.
// Errors: ErrNotFound, ErrHoldExpired.
func (h *Handler) payCard(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	card := Card{Number: c.FormValue("number"), Expiry: c.FormValue("expiry"), CVC: c.FormValue("cvc"), Name: c.FormValue("name")}
	_, err = h.svc.PayWithTestCard(c.Request().Context(), h.buyer(c, id), id, card)
	var fields validate.Errors
	switch {
	case errors.As(err, &fields):
		co, cerr := h.checkout(c)
		if cerr != nil {
			return cerr
		}
		if web.IsHTMX(c) {
			return web.Render(c, http.StatusUnprocessableEntity, views.Panel(h.panel(c.Request().Context(), co, fields, card)))
		}
		props, err := h.payProps(c.Request().Context(), co, fields, card)
		if err != nil {
			return err
		}
		return web.Render(c, http.StatusUnprocessableEntity, views.Pay(props))
	case err != nil && !errors.Is(err, ErrNotPayable):
		return err
	}
	return h.showStep(c, id)
}

// payAuthenticate is POST /pay/:id/authenticate: the buyer completes or
// fails the test provider's confirmation step. Errors: ErrNotFound,
// ErrHoldExpired.
func (h *Handler) payAuthenticate(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	_, err = h.svc.Authenticate(c.Request().Context(), h.buyer(c, id), id, c.FormValue("result") == "approve")
	if err != nil && !errors.Is(err, ErrNotPayable) {
		return err
	}
	return h.showStep(c, id)
}

// showStep answers a pay form: the current panel for htmx, the pay page
// (by redirect) otherwise.
func (h *Handler) showStep(c echo.Context, id int64) error {
	if !web.IsHTMX(c) {
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/pay/%d", id))
	}
	co, err := h.checkout(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Panel(h.panel(c.Request().Context(), co, nil, Card{})))
}
