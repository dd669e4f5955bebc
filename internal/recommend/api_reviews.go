package recommend

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiReview is a published review in the API.
type apiReview struct {
	ID        int64  `json:"id"`
	Stars     int    `json:"stars"`
	Review    string `json:"review"`
	Author    string `json:"author"`
	UpdatedAt string `json:"updated_at"`
}

// apiRatingSummary is a movie's audience rating.
type apiRatingSummary struct {
	// Average is in stars (1-5), 0 when no one has rated the movie.
	Average float64 `json:"average"`
	Count   int     `json:"count"`
}

type apiReviewsPage struct {
	Summary    apiRatingSummary `json:"summary"`
	Items      []apiReview      `json:"items"`
	NextCursor string           `json:"next_cursor,omitempty"`
}

// apiReviews is GET /api/v1/movies/:id/reviews?cursor=&limit=: the
// movie's reviews that staff have not hidden, newest first, with its
// rating summary (every rating counts, with or without text, hidden or
// not). Errors: ErrNotFound, web.ErrBadCursor, web.ErrBadLimit.
func (h *Handler) apiReviews(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	limit, err := web.PageLimit(c)
	if err != nil {
		return err
	}
	var after ReviewsCursor
	if err := web.DecodeCursor(c, &after); err != nil {
		return err
	}
	reviews, next, err := h.svc.ReviewsPage(ctx, id, after, limit)
	if err != nil {
		return err
	}
	sum, err := h.svc.Summary(ctx, id)
	if err != nil {
		return err
	}
	out := apiReviewsPage{Summary: apiRatingSummary(sum), Items: make([]apiReview, len(reviews))}
	for i, r := range reviews {
		out.Items[i] = apiReview{ID: r.ID, Stars: r.Stars, Review: r.Review, Author: r.Author,
			UpdatedAt: r.UpdatedAt.UTC().Format(time.RFC3339)}
	}
	if next != nil {
		out.NextCursor = web.EncodeCursor(*next)
	}
	return web.CacheableJSON(c, reviewsMaxAge, out)
}

// reviewsMaxAge is how long an app may reuse a page of reviews: a new
// review may wait that long to appear.
const reviewsMaxAge = time.Minute
