package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// applyPromo is POST /bookings/:id/promo: applies the code in the form
// (replacing any other). htmx gets the price panel back; a plain form post
// is redirected to the checkout page. A refused code re-renders the panel
// or page with the reason and the code as typed, with status 422.
// Errors: ErrNotFound.
func (h *Handler) applyPromo(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	code := c.FormValue("code")
	co, err := h.svc.ApplyPromo(c.Request().Context(), web.UserID(c), id, code)
	if fields, ok := validate.Fields(err); ok {
		return h.promoRefused(c, id, code, fields["code"])
	}
	if err != nil {
		return err
	}
	notice := "Code " + co.Price.PromoCode + " applied."
	if co.Price.Discount > 0 {
		notice = fmt.Sprintf("Code %s applied: you save %s.", co.Price.PromoCode, money.Format(co.Price.Discount, co.Price.Currency))
	}
	return h.promoDone(c, co, notice)
}

// removePromo is POST /bookings/:id/promo/remove: takes the code off.
// Errors: ErrNotFound.
func (h *Handler) removePromo(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	co, err := h.svc.RemovePromo(c.Request().Context(), web.UserID(c), id)
	if fields, ok := validate.Fields(err); ok {
		return h.promoRefused(c, id, "", fields["code"])
	}
	if err != nil {
		return err
	}
	return h.promoDone(c, co, "Promo code removed.")
}

// promoDone answers a change of code: the new price panel for htmx, a
// flash and the checkout page otherwise.
func (h *Handler) promoDone(c echo.Context, co Checkout, notice string) error {
	if web.IsHTMX(c) {
		props := h.checkoutProps(co, views.CheckoutPriceProps{Notice: notice})
		return web.Render(c, http.StatusOK, views.CheckoutPrice(props.Price))
	}
	h.auth.Flash(c, webctx.FlashSuccess, notice)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout", co.Booking.ID))
}

// promoRefused shows why a code was refused next to the form, keeping what
// was typed. When the hold has ended meanwhile, the checkout page says so.
func (h *Handler) promoRefused(c echo.Context, id int64, code, msg string) error {
	co, err := h.svc.Checkout(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	if !co.Holding && web.IsHTMX(c) {
		return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout", id))
	}
	props := h.checkoutProps(co, views.CheckoutPriceProps{Code: code, Error: msg})
	if web.IsHTMX(c) {
		return web.Render(c, http.StatusUnprocessableEntity, views.CheckoutPrice(props.Price))
	}
	return web.Render(c, http.StatusUnprocessableEntity, views.Checkout(props))
}
