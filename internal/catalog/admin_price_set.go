package catalog

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminPriceSet is POST /admin/theaters/:id/prices: adds a price rule, or
// replaces the amount of the rule for the same category, days and time.
// The amount is typed as a decimal (12.50) and stored in minor units. A
// rejected rule brings the theater page back with the form as typed (422).
// Errors: ErrNotFound.
func (h *Handler) adminPriceSet(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := views.PriceFormValues{
		Category: c.FormValue("category"), DayKind: c.FormValue("day_kind"),
		Daypart: c.FormValue("daypart"), Amount: c.FormValue("amount"),
	}
	rule := PriceRule{TheaterID: id, Category: Category(v.Category), DayKind: v.DayKind, Daypart: v.Daypart}
	amount, ok := money.Parse(v.Amount)
	errs := validate.Errors{}
	if !ok {
		errs.Add("amount", i18n.Msg("Enter the price as a number such as 12.50."))
	} else {
		rule.Amount = amount
		err = h.svc.SetPriceRule(ctx, rule)
		if fields, invalid := validate.Fields(err); invalid {
			errs = fields
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		p, err := h.theaterShowProps(ctx, id, v, errs)
		if err != nil {
			return err
		}
		return web.Render(c, http.StatusUnprocessableEntity, views.TheaterShow(p))
	}
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return err
	}
	city, err := h.svc.City(ctx, t.CitySlug)
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved {{.Seats}}, {{.Days}}, {{.Time}}: {{.Price}}. New shows get this price.",
		"Seats", i18n.T(ctx, rule.Category.Label()), "Days", lowerFirst(priceLabel(priceDayKinds(ctx), rule.DayKind)),
		"Time", lowerFirst(priceLabel(priceDayparts(ctx), rule.Daypart)), "Price", i18n.Money(ctx, rule.Amount, city.Currency)))
	return web.Redirect(c, fmt.Sprintf("/admin/theaters/%d#prices", id))
}
