package recommend

import (
	"context"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// homeFragment is GET /recommendations/home: "Recommended for you",
// "Showtimes for you" and "Theaters you may like" for a signed-in user,
// "Popular near you" for a visitor, in the chosen city;
// nothing before a city is chosen. The home page renders the same rail in
// place (HomeRail); the fragment stays for clients that load it apart.
func (h *Handler) homeFragment(c echo.Context) error {
	return h.fragment(c, func() (templ.Component, error) {
		return h.homeRail(c.Request().Context(), citySlug(c), userID(c))
	})
}

// HomeRail is the home page's rail of recommendations for the visitor in
// ctx in city (a slug), rendered with the page so that nothing moves once
// it has loaded. Recommendations are extras: a failure is logged and the
// page goes without them, as does a visitor with no city.
func (h *Handler) HomeRail(ctx context.Context, city string) templ.Component {
	var uid int64
	if u := webctx.From(ctx).User; u != nil {
		uid = u.ID
	}
	comp, err := h.homeRail(ctx, city, uid)
	if err != nil {
		h.svc.opts.Log.Error("home recommendations", "city", city,
			"id", webctx.From(ctx).RequestID, "err", err)
		return templ.NopComponent
	}
	return comp
}

func (h *Handler) homeRail(ctx context.Context, city string, uid int64) (templ.Component, error) {
	if city == "" {
		return templ.NopComponent, nil
	}
	picks, err := h.svc.ForUser(ctx, uid, city, railSize)
	if err != nil {
		return nil, err
	}
	p := views.RailProps{ID: "recommended", Title: i18n.Msg("Popular near you"),
		Subtitle: i18n.Msg("What people around you are booking this week"), Cards: cards(picks, SurfaceHome, uid != 0)}
	if uid == 0 {
		return views.Rail(p), nil
	}
	p.Title, p.Subtitle = i18n.Msg("Recommended for you"), i18n.Msg("Picked from what you book, rate and follow")
	shows, err := h.svc.ShowsForUser(ctx, uid, city, 0, showsOnPage)
	if err != nil {
		return nil, err
	}
	theaters, err := h.svc.TheatersForUser(ctx, uid, city, theatersOnPage)
	if err != nil {
		return nil, err
	}
	return views.HomeExtras(p, showsProps(ctx, "shows-for-you", shows, SurfaceHome),
		theatersProps("theaters-for-you", theaters, SurfaceHome)), nil
}
