package recommend

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// statsWindow is how far back the moderation page counts clicks.
const statsWindow = 30 * 24 * time.Hour

// adminReviews is GET /admin/reviews?hidden=1&page=N (staff): reviews
// newest first with hide and show buttons, and how recommendations did:
// clicks and attributed bookings per list (movies, shows, theaters) and
// surface.
func (h *Handler) adminReviews(c echo.Context) error {
	ctx := c.Request().Context()
	onlyHidden := c.QueryParam("hidden") == "1"
	page, _ := strconv.Atoi(c.QueryParam("page"))
	page = max(page, 1)
	list, err := h.svc.ReviewsForModeration(ctx, onlyHidden, page)
	if err != nil {
		return err
	}
	ids := make([]int64, len(list))
	for i, r := range list {
		ids[i] = r.MovieID
	}
	movies, err := h.svc.catalog.MoviesByIDs(ctx, ids)
	if err != nil {
		return err
	}
	titles, slugs := map[int64]string{}, map[int64]string{}
	for _, m := range movies {
		titles[m.ID], slugs[m.ID] = m.Title, m.Slug
	}
	p := views.AdminReviewsProps{OnlyHidden: onlyHidden}
	for _, r := range list {
		action := "/admin/reviews/" + strconv.FormatInt(r.ID, 10) + "/hide"
		if r.Hidden {
			action = "/admin/reviews/" + strconv.FormatInt(r.ID, 10) + "/show"
		}
		p.Reviews = append(p.Reviews, views.AdminReviewProps{Movie: titles[r.MovieID], MovieHref: "/movies/" + slugs[r.MovieID],
			Author: r.Author, Stars: r.Stars, Text: r.Review, Date: r.UpdatedAt.Format("2 Jan 2006 15:04"),
			Hidden: r.Hidden, Action: action})
	}
	pageHref := func(n int) string {
		q := url.Values{"page": {strconv.Itoa(n)}}
		if onlyHidden {
			q.Set("hidden", "1")
		}
		return "/admin/reviews?" + q.Encode()
	}
	if page > 1 {
		p.PrevHref = pageHref(page - 1)
	}
	if len(list) == ReviewPageSize {
		p.NextHref = pageHref(page + 1)
	}
	stats, err := h.svc.PerformanceByList(ctx, h.svc.opts.Now().Add(-statsWindow))
	if err != nil {
		return err
	}
	for _, s := range stats {
		p.Stats = append(p.Stats, views.StatProps{List: i18n.T(ctx, listLabel(s.List)), Surface: i18n.T(ctx, surfaceLabel(s.Surface)),
			Clicks: s.Clicks, Bookings: s.Bookings})
	}
	return web.Render(c, http.StatusOK, views.AdminReviews(p))
}

func listLabel(l string) string {
	return map[string]string{ListMovies: i18n.Msg("Recommended movies"), ListShows: i18n.Msg("Showtimes for you"),
		ListTheaters: i18n.Msg("Theaters you may like")}[l]
}

func surfaceLabel(s string) string {
	return map[string]string{SurfaceHome: i18n.Msg("Home page"), SurfaceMovie: i18n.Msg("Movie pages"),
		SurfaceBooking: i18n.Msg("After booking"), SurfaceEmail: i18n.Msg("Emails"), SurfaceAPI: i18n.Msg("Apps")}[s]
}

// adminHide is POST /admin/reviews/:id/hide. Errors: ErrNotFound.
func (h *Handler) adminHide(c echo.Context) error { return h.moderate(c, true) }

// adminShow is POST /admin/reviews/:id/show. Errors: ErrNotFound.
func (h *Handler) adminShow(c echo.Context) error { return h.moderate(c, false) }

func (h *Handler) moderate(c echo.Context, hidden bool) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	r, err := h.svc.SetReviewHidden(c.Request().Context(), id, hidden)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	msg := i18n.T(ctx, "Review by {{.Author}} is shown again.", "Author", r.Author)
	if hidden {
		msg = i18n.T(ctx, "Review by {{.Author}} is hidden from the movie page.", "Author", r.Author)
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	back := "/admin/reviews"
	if ref, err := url.Parse(c.Request().Referer()); err == nil && ref.Path == "/admin/reviews" && ref.RawQuery != "" {
		back += "?" + ref.RawQuery
	}
	return web.Redirect(c, back)
}
