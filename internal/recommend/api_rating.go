package recommend

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiMyRating is the caller's rating of a movie.
type apiMyRating struct {
	MovieID int64  `json:"movie_id"`
	Stars   int    `json:"stars"`
	Review  string `json:"review"`
	// Hidden: staff hid the review; the stars still count.
	Hidden    bool   `json:"hidden"`
	UpdatedAt string `json:"updated_at"`
}

func myRating(r Rating) apiMyRating {
	return apiMyRating{MovieID: r.MovieID, Stars: r.Stars, Review: r.Review, Hidden: r.Hidden,
		UpdatedAt: r.UpdatedAt.UTC().Format(time.RFC3339)}
}

// apiRatingInput is PUT /api/v1/movies/:id/rating's body.
type apiRatingInput struct {
	Stars  *int   `json:"stars"`
	Review string `json:"review"`
}

// apiRatingGet is GET /api/v1/movies/:id/rating: the caller's rating.
// Errors: ErrNotFound (no such movie, or not rated).
func (h *Handler) apiRatingGet(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	r, ok, err := h.svc.MyRating(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("rating of movie %d: %w", id, ErrNotFound)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, myRating(r))
}

// apiRatingPut is PUT /api/v1/movies/:id/rating {stars, review}: saves
// the caller's rating under the web form's rules (Service.Rate: 1-5 stars,
// a review of at most MaxReview characters, only after a booking of the
// released movie), replacing an earlier one. Errors: ErrInvalid (422),
// ErrNotFound, ErrCannotRate (403), 400 for unreadable JSON.
func (h *Handler) apiRatingPut(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var in apiRatingInput
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send a JSON object with stars (1 to 5) and an optional review.")
	}
	ri := RatingInput{Review: in.Review}
	if in.Stars != nil {
		ri.Stars = *in.Stars
	}
	u := web.CurrentUser(c)
	saved, err := h.svc.Rate(ctx, u.ID, u.Name, id, ri)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, myRating(saved))
}

// apiRatingDelete is DELETE /api/v1/movies/:id/rating: removes the
// caller's rating and review. Errors: ErrNotFound (not rated).
func (h *Handler) apiRatingDelete(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteRating(c.Request().Context(), web.UserID(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
