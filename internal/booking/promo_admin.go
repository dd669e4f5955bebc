package booking

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// promoChoices returns the catalogue's movies and theaters.
func (h *Handler) promoChoices(ctx context.Context) (catalog.ScheduleChoices, error) {
	ch, err := h.svc.shows.ScheduleChoices(ctx)
	if err != nil {
		return catalog.ScheduleChoices{}, fmt.Errorf("movies and theaters for promo codes: %w", err)
	}
	return ch, nil
}

// promoList is GET /admin/promos: every promo code with its discount,
// limits and uses.
func (h *Handler) promoList(c echo.Context) error {
	ctx := c.Request().Context()
	promos, err := h.svc.Promos(ctx)
	if err != nil {
		return err
	}
	ch, err := h.promoChoices(ctx)
	if err != nil {
		return err
	}
	movies, theaters := map[int64]string{}, map[int64]string{}
	for _, m := range ch.Movies {
		movies[m.ID] = m.Title
	}
	for _, t := range ch.Theaters {
		theaters[t.ID] = t.Name
	}
	items := make([]views.PromoItem, len(promos))
	for i, p := range promos {
		items[i] = promoItem(ctx, p, movies, theaters)
	}
	return web.Render(c, http.StatusOK, views.PromoList(views.PromoListProps{Promos: items}))
}

// promoItem describes a promo code for the staff list in ctx's language.
func promoItem(ctx context.Context, p Promo, movies, theaters map[int64]string) views.PromoItem {
	it := views.PromoItem{ID: p.ID, Code: p.Code, Description: p.Description, Active: p.Active,
		Discount: i18n.T(ctx, "{{.Percent}}% off tickets", "Percent", strconv.FormatInt(p.PercentOff, 10)),
		Uses:     i18n.N(ctx, "Used {{.Count}} times", p.Uses)}
	if p.Kind == AmountOff {
		it.Discount = i18n.T(ctx, "{{.Amount}} off tickets", "Amount", i18n.Money(ctx, p.AmountOff, p.Currency))
	}
	if p.MaxUses > 0 {
		it.Uses = i18n.N(ctx, "{{.Used}} of {{.Count}} uses taken", p.MaxUses, "Used", i18n.Number(ctx, int64(p.Uses)))
	}
	switch {
	case p.MaxUsesPerUser == 1:
		it.PerUser = i18n.T(ctx, "Once per person")
	case p.MaxUsesPerUser > 1:
		it.PerUser = i18n.N(ctx, "Up to {{.Count}} times per person", p.MaxUsesPerUser)
	}
	if len(p.MovieIDs) > 0 {
		it.Limits = append(it.Limits, i18n.T(ctx, "Only {{.Movies}}", "Movies", promoNames(p.MovieIDs, movies, i18n.T(ctx, "movie"))))
	}
	if len(p.TheaterIDs) > 0 {
		it.Limits = append(it.Limits, i18n.T(ctx, "Only at {{.Theaters}}", "Theaters", promoNames(p.TheaterIDs, theaters, i18n.T(ctx, "theater"))))
	}
	// The dates are calendar dates (midnight UTC), shown as they are.
	switch from, until := p.ValidFrom, p.ValidUntil; {
	case !from.IsZero() && !until.IsZero():
		it.Limits = append(it.Limits, i18n.T(ctx, "For shows from {{.From}} to {{.Until}}", "From", i18n.Date(ctx, from), "Until", i18n.Date(ctx, until)))
	case !from.IsZero():
		it.Limits = append(it.Limits, i18n.T(ctx, "For shows from {{.From}}", "From", i18n.Date(ctx, from)))
	case !until.IsZero():
		it.Limits = append(it.Limits, i18n.T(ctx, "For shows until {{.Until}}", "Until", i18n.Date(ctx, until)))
	}
	if p.MinTickets > 1 {
		it.Limits = append(it.Limits, i18n.N(ctx, "At least {{.Count}} tickets", p.MinTickets))
	}
	return it
}

// promoNames joins the names of ids ("movie 12" for one no longer known).
func promoNames(ids []int64, names map[int64]string, kind string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if n, ok := names[id]; ok {
			out[i] = n
		} else {
			out[i] = kind + " " + strconv.FormatInt(id, 10)
		}
	}
	return strings.Join(out, ", ")
}

// promoDeactivate is POST /admin/promos/:id/deactivate: the code can no
// longer be applied; bookings that use it keep their discount.
// Errors: ErrNotFound.
func (h *Handler) promoDeactivate(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("promo code id %q: %w", c.Param("id"), ErrNotFound)
	}
	if err := h.svc.DeactivatePromo(c.Request().Context(), id); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "The promo code is switched off. Bookings that already use it keep their discount."))
	return web.Redirect(c, "/admin/promos")
}
