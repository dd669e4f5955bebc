package catalog

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminShowPricesForm shows a show's price per seat category of its
// screen, ready to override.
func (h *Handler) adminShowPricesForm(c echo.Context) error {
	ctx := c.Request().Context()
	show, cats, err := h.showForPrices(c)
	if err != nil {
		return err
	}
	raw := map[Category]string{}
	for _, cat := range cats {
		if amount, ok := show.Prices[cat]; ok {
			raw[cat] = showFormatAmount(amount)
		}
	}
	return web.Render(c, http.StatusOK, adminview.ShowPrices(h.showPricesProps(ctx, show, cats, raw, nil, "")))
}

// adminShowPricesSave overrides a show's prices: every category its screen
// has needs one. 422 keeps what was typed; a cancelled show answers 409.
func (h *Handler) adminShowPricesSave(c echo.Context) error {
	ctx := c.Request().Context()
	show, cats, err := h.showForPrices(c)
	if err != nil {
		return err
	}
	prices, raw, errs := showPricesFromForm(ctx, c, cats)
	if show.Status == Cancelled {
		return web.Render(c, http.StatusConflict, adminview.ShowPrices(h.showPricesProps(ctx, show, cats, raw, nil,
			i18n.T(ctx, "This show is cancelled, so its prices can no longer change."))))
	}
	for _, cat := range cats {
		if raw[cat] == "" {
			errs.Add("price_"+string(cat), i18n.T(ctx, "Enter the {{.Kind}} price.", "Kind", categoryName(ctx, cat)))
		}
	}
	if len(errs) == 0 {
		err = h.svc.SetShowPrices(ctx, show.ID, prices)
		fields, invalid := validate.Fields(err)
		if !invalid && err != nil {
			return err
		}
		for k, m := range fields {
			errs.Add(strings.Replace(k, "prices_", "price_", 1), m)
		}
	}
	if len(errs) > 0 {
		return web.Render(c, http.StatusUnprocessableEntity, adminview.ShowPrices(h.showPricesProps(ctx, show, cats, raw, errs, "")))
	}
	h.showFlash(c, i18n.T(ctx, "Saved the prices of show #{{.ID}} ({{.Movie}}, {{.When}}).", "ID", show.ID,
		"Movie", show.MovieTitle, "When", showWhen(ctx, show.StartsAt.In(show.Location()))))
	return web.Redirect(c, showSummary(ctx, show, h.svc.now()).ListURL)
}

// showForPrices loads the show of the URL and the seat categories of its
// screen. Errors: ErrNotFound.
func (h *Handler) showForPrices(c echo.Context) (AdminShow, []Category, error) {
	ctx := c.Request().Context()
	id, err := showPathID(c)
	if err != nil {
		return AdminShow{}, nil, err
	}
	show, err := h.svc.ShowForAdmin(ctx, id)
	if err != nil {
		return AdminShow{}, nil, err
	}
	screen, err := h.svc.Screen(ctx, show.ScreenID)
	if err != nil {
		return AdminShow{}, nil, err
	}
	return show, screen.Layout.CategoriesUsed(), nil
}

// showPricesProps fills the prices form.
func (h *Handler) showPricesProps(ctx context.Context, show AdminShow, cats []Category, raw map[Category]string, errs validate.Errors, problem string) adminview.ShowPricesProps {
	p := adminview.ShowPricesProps{Show: showSummary(ctx, show, h.svc.now()), Currency: show.Currency, Error: problem}
	var order []string
	for _, cat := range cats {
		name := "price_" + string(cat)
		order = append(order, name)
		p.Fields = append(p.Fields, adminview.ShowPriceField{Name: name, Label: i18n.T(ctx, cat.Label()),
			Value: raw[cat], Error: errs[name]})
	}
	p.Summary = adminview.ShowMessages(errs, order...)
	return p
}
