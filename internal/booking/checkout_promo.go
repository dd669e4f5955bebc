package booking

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
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
	co, err := h.svc.ApplyPromo(c.Request().Context(), h.buyer(c, id), id, code)
	if fields, ok := validate.Fields(err); ok {
		return h.promoRefused(c, id, code, fields["code"])
	}
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	notice := i18n.T(ctx, "Code {{.Code}} applied.", "Code", co.Price.PromoCode)
	if co.Price.Discount > 0 {
		notice = i18n.T(ctx, "Code {{.Code}} applied: you save {{.Amount}}.", "Code", co.Price.PromoCode,
			"Amount", i18n.Money(ctx, co.Price.Discount, co.Price.Currency))
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
	co, err := h.svc.RemovePromo(c.Request().Context(), h.buyer(c, id), id)
	if fields, ok := validate.Fields(err); ok {
		return h.promoRefused(c, id, "", fields["code"])
	}
	if err != nil {
		return err
	}
	return h.promoDone(c, co, i18n.T(c.Request().Context(), "Promo code removed."))
}

// promoDone answers a change of code: the new price panel for htmx, a
// flash and the checkout page otherwise.
func (h *Handler) promoDone(c echo.Context, co Checkout, notice string) error {
	ctx := c.Request().Context()
	if web.IsHTMX(c) {
		props := h.checkoutProps(ctx, co, views.CheckoutPriceProps{Notice: notice, Swap: true})
		return web.Render(c, http.StatusOK, views.CheckoutPrice(props.Price))
	}
	h.auth.Flash(c, webctx.FlashSuccess, notice)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout", co.Booking.ID))
}

// promoRefused shows why a code was refused next to the form, keeping what
// was typed. When the hold has ended meanwhile, the checkout page says so.
func (h *Handler) promoRefused(c echo.Context, id int64, code, msg string) error {
	ctx := c.Request().Context()
	co, err := h.svc.Checkout(ctx, h.buyer(c, id), id)
	if err != nil {
		return err
	}
	if msg != "" {
		msg = i18n.T(ctx, msg) // the rules' messages are marked with i18n.Msg
	}
	if !co.Holding && web.IsHTMX(c) {
		return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout", id))
	}
	props := h.checkoutProps(ctx, co, views.CheckoutPriceProps{Code: code, Error: msg, Swap: web.IsHTMX(c)})
	if web.IsHTMX(c) {
		return web.Render(c, http.StatusUnprocessableEntity, views.CheckoutPrice(props.Price))
	}
	return web.Render(c, http.StatusUnprocessableEntity, views.Checkout(props))
}
