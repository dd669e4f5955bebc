package notify

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// followProps describes the "Notify me" button of the movie at :slug; only
// coming-soon movies have one.
func (h *Handler) followProps(c echo.Context) (views.FollowProps, Movie, error) {
	ctx := c.Request().Context()
	m, err := h.svc.movies.MovieBySlug(ctx, c.Param("slug"))
	if err != nil {
		return views.FollowProps{}, Movie{}, err
	}
	p := views.FollowProps{Slug: m.Slug, Title: m.Title, Hidden: m.Status != "coming_soon"}
	if userID := web.UserID(c); userID != 0 && !p.Hidden {
		p.SignedIn = true
		if p.Following, err = h.svc.Following(ctx, userID, m.ID); err != nil {
			return views.FollowProps{}, Movie{}, err
		}
	}
	return p, m, nil
}

func (h *Handler) followButton(c echo.Context) error {
	p, _, err := h.followProps(c)
	if errors.Is(err, ErrNotFound) {
		p.Hidden = true
	} else if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return web.Render(c, http.StatusOK, views.Follow(p))
}

func (h *Handler) followToggle(c echo.Context) error {
	p, m, err := h.followProps(c)
	if err != nil {
		return err
	}
	if !p.Hidden {
		follow := c.FormValue("follow") == "1"
		if err := h.svc.SetFollow(c.Request().Context(), web.UserID(c), m.ID, follow); err != nil {
			return err
		}
		p.Following = follow
	}
	if !web.IsHTMX(c) {
		return web.Redirect(c, "/movies/"+m.Slug)
	}
	return web.Render(c, http.StatusOK, views.Follow(p))
}
