package booking

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// kitchenPage is GET /admin/kitchen?theater=ID: the paid food orders of
// one theater the staff member may sell at (the first one when none is
// chosen) for shows from 3 hours ago to a day ahead. Another theater is
// not found.
func (h *Handler) kitchenPage(c echo.Context) error {
	ctx := c.Request().Context()
	places, err := h.staffPlacesFor(c, authz.Sell)
	if err != nil {
		return err
	}
	choices, err := h.svc.shows.ScheduleChoices(ctx)
	if err != nil {
		return fmt.Errorf("theaters for the kitchen: %w", err)
	}
	want, _ := strconv.ParseInt(c.QueryParam("theater"), 10, 64)
	if want != 0 && !places.has(want) {
		return fmt.Errorf("kitchen of theater %d: %w", want, ErrNotFound)
	}
	var p views.KitchenProps
	for _, t := range choices.Theaters {
		if !places.has(t.ID) {
			continue
		}
		if want == 0 {
			want = t.ID
		}
		p.Theaters = append(p.Theaters, views.KitchenTheater{ID: t.ID, Name: t.Name, Selected: t.ID == want})
	}
	if want != 0 {
		from, until := kitchenWindow(h.svc.opts.Now())
		shows, err := h.svc.shows.AdminShows(ctx, catalog.ShowFilter{TheaterID: want, From: from, Until: until})
		if err != nil {
			return fmt.Errorf("shows for the kitchen: %w", err)
		}
		orders, err := h.svc.KitchenOrders(ctx, want, shows)
		if err != nil {
			return err
		}
		for _, o := range orders {
			p.Orders = append(p.Orders, views.KitchenOrderView{Code: o.Code, Movie: o.Show.MovieTitle,
				ShowTime:  i18n.Time(ctx, o.Show.StartsAt.In(o.Show.Location())),
				Items:     foodLineViews(ctx, o.Food, o.Show.Currency),
				Collected: o.Collected, CollectAction: fmt.Sprintf("/admin/kitchen/%d/collected?theater=%d", o.BookingID, want)})
		}
	}
	return web.Render(c, http.StatusOK, views.Kitchen(p))
}

// kitchenCollected is POST /admin/kitchen/:id/collected: the order of
// booking :id was handed over (idempotent; recorded once with a booking
// event). A booking at a theater out of scope is not found.
func (h *Handler) kitchenCollected(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	places, err := h.staffPlacesFor(c, authz.Sell)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.svc.CollectFood(ctx, id, places.has); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Marked the order collected."))
	return web.Redirect(c, "/admin/kitchen?theater="+c.QueryParam("theater"))
}

// foodToCollect is the door's reminder of a booking's uncollected food:
// "Food to collect at the counter: 1 × Popcorn (Large) — Flavour: Sweet,
// 2 × Cola", or "";
// food added to the booking since its purchase counts too.
func (h *Handler) foodToCollect(ctx context.Context, bookingID int64) (string, error) {
	food, err := h.svc.BookingFoodWithAddons(ctx, bookingID)
	if err != nil {
		return "", err
	}
	var items []string
	for _, l := range food {
		if l.CollectedAt != nil || l.Refunded {
			continue
		}
		items = append(items, strconv.Itoa(l.Qty)+" × "+l.Title())
	}
	if len(items) == 0 {
		return "", nil
	}
	return i18n.T(ctx, "Food to collect at the counter: {{.Items}}", "Items", strings.Join(items, ", ")), nil
}
