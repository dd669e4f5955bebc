package recommend

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiFeedbackInput is POST /api/v1/recommendations/feedback's body.
type apiFeedbackInput struct {
	MovieID int64  `json:"movie_id"`
	Action  string `json:"action"`
}

// Feedback actions an app reports.
const (
	feedbackDismiss = "dismiss" // "Not interested": never recommend it again
	feedbackClick   = "click"   // opened a recommended movie
)

// apiFeedback is POST /api/v1/recommendations/feedback {movie_id, action}:
// the caller's "Not interested" (dismiss: the movie leaves their
// recommendations for good, as the web's button does) or a tap on a
// recommendation (click: a booking of the movie in the next week is
// attributed to it, surface "api"). Answers 204. Errors: ErrInvalid (422),
// ErrNotFound (no such movie), 400 for unreadable JSON.
func (h *Handler) apiFeedback(c echo.Context) error {
	ctx := c.Request().Context()
	var in apiFeedbackInput
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send a JSON object with movie_id and action (dismiss or click).")
	}
	var e validate.Errors
	e.Check(in.MovieID > 0, "movie_id", "Say which movie (its id).")
	e.Check(in.Action == feedbackDismiss || in.Action == feedbackClick, "action", "The action is dismiss or click.")
	if err := e.Err(); err != nil {
		return err
	}
	uid := web.UserID(c)
	switch in.Action {
	case feedbackDismiss:
		if err := h.svc.Dismiss(ctx, uid, in.MovieID); err != nil {
			return err
		}
	case feedbackClick:
		if _, err := h.svc.catalog.Movie(ctx, in.MovieID); err != nil {
			return fmt.Errorf("click on movie %d: %w", in.MovieID, ErrNotFound)
		}
		if err := h.svc.Clicked(ctx, uid, in.MovieID, SurfaceAPI); err != nil {
			return err
		}
	}
	return c.NoContent(http.StatusNoContent)
}
