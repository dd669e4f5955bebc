package recommend

import (
	"context"
	"fmt"
	"net/url"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

// reviewsOnPage is how many reviews a movie page lists.
const reviewsOnPage = 10

// movieFragment is GET /recommendations/movie/:slug, loaded by the movie
// page: ratings and reviews with the viewer's rating form, "Showtimes for
// you" of the movie and "More like this". It records the view of a signed-in user.
func (h *Handler) movieFragment(c echo.Context) error {
	return h.fragment(c, func() (templ.Component, error) {
		ctx := c.Request().Context()
		m, err := h.svc.catalog.MovieBySlug(ctx, c.Param("slug"))
		if err != nil {
			return nil, err
		}
		uid := userID(c)
		if uid != 0 {
			if err := h.svc.Viewed(ctx, uid, m.ID); err != nil {
				return nil, err
			}
		}
		reviews, err := h.reviewsProps(ctx, c, m, uid)
		if err != nil {
			return nil, err
		}
		picks, err := h.svc.MoreLikeThis(ctx, m.ID, uid, citySlug(c), railSize)
		if err != nil {
			return nil, err
		}
		more := views.RailProps{ID: "more-like-this", Title: i18n.Msg("More like this"), Cards: cards(picks, SurfaceMovie, uid != 0)}
		var shows views.ShowsProps
		if city := citySlug(c); uid != 0 && city != "" {
			if shows, err = h.movieShows(ctx, uid, city, m.ID); err != nil {
				return nil, err
			}
		}
		return views.MovieExtras(views.MovieExtrasProps{Reviews: reviews, Shows: shows, More: more}), nil
	})
}

// movieShows is "Showtimes for you" of one movie, for a user whose
// visits rank its shows (nothing for one without visits: the movie page
// lists every show already).
func (h *Handler) movieShows(ctx context.Context, uid int64, city string, movieID int64) (views.ShowsProps, error) {
	picks, err := h.svc.ShowsForUser(ctx, uid, city, movieID, showsOnPage)
	if err != nil || len(picks) == 0 || !picks[0].Personal {
		return views.ShowsProps{}, err
	}
	return showsProps(ctx, "shows-for-you", picks, SurfaceMovie), nil
}

// reviewsProps gathers a movie's rating, the latest reviews and the
// viewer's own rating.
func (h *Handler) reviewsProps(ctx context.Context, c echo.Context, m catalog.Movie, uid int64) (views.ReviewsProps, error) {
	p := views.ReviewsProps{MovieTitle: m.Title, SignedIn: uid != 0,
		Action:     fmt.Sprintf("/recommendations/movie/%s/rating", m.Slug),
		SignInHref: "/login?" + url.Values{"next": {movieHref(m) + "#reviews"}}.Encode()}
	sum, err := h.svc.Summary(ctx, m.ID)
	if err != nil {
		return p, err
	}
	if sum.Count > 0 {
		p.Average, p.Count = fmt.Sprintf("%.1f", sum.Average), sum.Count
	}
	list, err := h.svc.Reviews(ctx, m.ID, reviewsOnPage)
	if err != nil {
		return p, err
	}
	for _, r := range list {
		p.Reviews = append(p.Reviews, views.ReviewProps{Author: r.Author, Stars: r.Stars, Text: r.Review,
			Date: i18n.Date(ctx, r.UpdatedAt)})
	}
	if uid == 0 {
		return p, nil
	}
	if p.CanRate, err = h.svc.CanRate(ctx, uid, m); err != nil {
		return p, err
	}
	mine, ok, err := h.svc.MyRating(ctx, uid, m.ID)
	if err != nil {
		return p, err
	}
	if ok {
		p.Rated, p.Stars, p.Review = true, mine.Stars, mine.Review
	}
	return p, nil
}
