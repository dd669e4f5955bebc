package recommend

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// dismiss is POST /recommendations/:movie_id/dismiss ("Not interested"):
// the movie leaves the user's recommendations for good. htmx removes the
// card (an empty answer replaces it); a plain form post goes back home.
// Errors: ErrNotFound.
func (h *Handler) dismiss(c echo.Context) error {
	id, err := idParam(c, "movie_id")
	if err != nil {
		return err
	}
	if err := h.svc.Dismiss(c.Request().Context(), userID(c), id); err != nil {
		return err
	}
	if web.IsHTMX(c) {
		return c.HTML(http.StatusOK, "")
	}
	h.auth.Flash(c, webctx.FlashInfo, i18n.T(c.Request().Context(), "Got it. We won't recommend that movie again."))
	return web.Redirect(c, "/")
}

// click is GET /recommendations/click/:movie_id?from=<surface>: records a
// signed-in user's click on a recommendation (a booking of the movie in
// the next week is attributed to it) and goes on to the movie's page.
// Errors: ErrNotFound.
func (h *Handler) click(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "movie_id")
	if err != nil {
		return err
	}
	m, err := h.svc.catalog.Movie(ctx, id)
	if err != nil {
		return err
	}
	if uid := userID(c); uid != 0 {
		if err := h.svc.Clicked(ctx, uid, m.ID, c.QueryParam("from")); err != nil {
			h.svc.opts.Log.Error("record recommendation click", "movie", m.ID, "err", err)
		}
	}
	return c.Redirect(http.StatusSeeOther, movieHref(m))
}
