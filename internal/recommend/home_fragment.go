package recommend

import (
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// homeFragment is GET /recommendations/home: "Recommended for you" for a
// signed-in user, "Popular near you" for a visitor, in the chosen city;
// nothing before a city is chosen.
func (h *Handler) homeFragment(c echo.Context) error {
	return h.fragment(c, func() (templ.Component, error) {
		city := citySlug(c)
		if city == "" {
			return templ.NopComponent, nil
		}
		uid := userID(c)
		picks, err := h.svc.ForUser(c.Request().Context(), uid, city, railSize)
		if err != nil {
			return nil, err
		}
		p := views.RailProps{ID: "recommended", Title: "Popular near you",
			Subtitle: "What people around you are booking this week", Cards: cards(picks, SurfaceHome, uid != 0)}
		if uid != 0 {
			p.Title, p.Subtitle = "Recommended for you", "Picked from what you book, rate and follow"
		}
		return views.Rail(p), nil
	})
}
