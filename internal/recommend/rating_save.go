package recommend

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// saveRating is POST /recommendations/movie/:slug/rating (stars, review):
// saves the signed-in user's rating. htmx gets the reviews section back,
// updated or with the problems marked; a plain form post goes back to the
// movie page, or to a page of its own to correct the form. Errors:
// ErrNotFound, ErrCannotRate.
func (h *Handler) saveRating(c echo.Context) error {
	ctx := c.Request().Context()
	m, err := h.svc.catalog.MovieBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	u := user(c)
	stars, _ := strconv.Atoi(c.FormValue("stars"))
	in := RatingInput{Stars: stars, Review: c.FormValue("review")}
	_, err = h.svc.Rate(ctx, u.ID, u.Name, m.ID, in)
	fields, invalid := validate.Fields(err)
	if err != nil && !invalid {
		return err
	}
	p, perr := h.reviewsProps(ctx, c, m, u.ID)
	if perr != nil {
		return perr
	}
	if invalid {
		p.Stars, p.Review, p.Errors = in.Stars, in.Review, fields
		if web.IsHTMX(c) {
			return web.Render(c, http.StatusUnprocessableEntity, views.Reviews(p))
		}
		return web.Render(c, http.StatusUnprocessableEntity, views.RatePage(p, movieHref(m)))
	}
	if web.IsHTMX(c) {
		p.Saved = true
		return web.Render(c, http.StatusOK, views.Reviews(p))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Thanks! Your rating of {{.Title}} is saved.", "Title", m.Title))
	return web.Redirect(c, movieHref(m)+"#reviews")
}
