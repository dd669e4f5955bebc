package recommend

import (
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// afterBookingFragment is GET /recommendations/after/movies/:slug, on the
// page of a confirmed booking: "You might also like", starting with movies
// like the one just booked, and "Theaters you may like" (nothing for
// visitors).
func (h *Handler) afterBookingFragment(c echo.Context) error {
	return h.fragment(c, func() (templ.Component, error) {
		ctx := c.Request().Context()
		uid := userID(c)
		if uid == 0 {
			return templ.NopComponent, nil
		}
		m, err := h.svc.catalog.MovieBySlug(ctx, c.Param("slug"))
		if err != nil {
			return nil, err
		}
		picks, err := h.svc.AfterBooking(ctx, m.ID, uid, citySlug(c), railSize)
		if err != nil {
			return nil, err
		}
		var theaters []TheaterPick
		if city := citySlug(c); city != "" {
			if theaters, err = h.svc.TheatersForUser(ctx, uid, city, theatersOnPage); err != nil {
				return nil, err
			}
		}
		return views.HomeExtras(views.RailProps{ID: "also-like", Title: i18n.Msg("You might also like"),
			Cards: cards(picks, SurfaceBooking, true)}, views.ShowsProps{},
			theatersProps("theaters-for-you", theaters, SurfaceBooking)), nil
	})
}
