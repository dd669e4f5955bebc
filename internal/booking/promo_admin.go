package booking

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/money"
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
		items[i] = promoItem(p, movies, theaters)
	}
	return web.Render(c, http.StatusOK, views.PromoList(views.PromoListProps{Promos: items}))
}

// promoItem describes a promo code for the staff list.
func promoItem(p Promo, movies, theaters map[int64]string) views.PromoItem {
	it := views.PromoItem{ID: p.ID, Code: p.Code, Description: p.Description, Active: p.Active,
		Discount: strconv.FormatInt(p.PercentOff, 10) + "% off tickets", Uses: fmt.Sprintf("Used %d times", p.Uses)}
	if p.Kind == AmountOff {
		it.Discount = money.Format(p.AmountOff, p.Currency) + " off tickets"
	}
	if p.MaxUses > 0 {
		it.Uses = fmt.Sprintf("%d of %d uses taken", p.Uses, p.MaxUses)
	}
	switch {
	case p.MaxUsesPerUser == 1:
		it.PerUser = "Once per person"
	case p.MaxUsesPerUser > 1:
		it.PerUser = fmt.Sprintf("Up to %d times per person", p.MaxUsesPerUser)
	}
	if len(p.MovieIDs) > 0 {
		it.Limits = append(it.Limits, "Only "+promoNames(p.MovieIDs, movies, "movie"))
	}
	if len(p.TheaterIDs) > 0 {
		it.Limits = append(it.Limits, "Only at "+promoNames(p.TheaterIDs, theaters, "theater"))
	}
	if !p.ValidFrom.IsZero() || !p.ValidUntil.IsZero() {
		it.Limits = append(it.Limits, "For "+p.dateRange())
	}
	if p.MinTickets > 1 {
		it.Limits = append(it.Limits, fmt.Sprintf("At least %d tickets", p.MinTickets))
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
	h.auth.Flash(c, webctx.FlashSuccess, "The promo code is switched off. Bookings that already use it keep their discount.")
	return web.Redirect(c, "/admin/promos")
}
