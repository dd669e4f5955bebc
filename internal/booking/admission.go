package booking

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// Admission is the waiting room in front of on-sales (*waitroom.Service):
// whether a buyer may pick seats for a show now. A show without a room is
// answered from memory, so asking costs the hot path nothing.
type Admission interface {
	Admit(ctx context.Context, showID, movieID, userID int64) (waitroom.Decision, error)
}

// admit asks the waiting room about the buyer (0: a visitor) and the show.
// Errors: ErrNotFound for an unknown show.
func (h *Handler) admit(ctx context.Context, showID, userID int64) (waitroom.Decision, error) {
	d, err := h.svc.openShow(ctx, showID) // the show cache: no read while it is hot
	if err != nil {
		return waitroom.Decision{}, err
	}
	dec, err := h.opts.Admission.Admit(ctx, showID, d.Movie.ID, userID)
	if err != nil {
		return waitroom.Decision{}, fmt.Errorf("waiting room for show %d: %w", showID, err)
	}
	return dec, nil
}

// admitPage lets an admitted buyer on to a seat map page or hold, and
// sends anybody else to the waiting page, which brings them back to next
// (a local path) once it is their turn. It reports whether to go on.
func (h *Handler) admitPage(c echo.Context, showID int64, next string) (bool, error) {
	dec, err := h.admit(c.Request().Context(), showID, web.UserID(c))
	if err != nil || dec.Admitted {
		return err == nil, err
	}
	return false, web.Redirect(c, dec.WaitPath+"?next="+url.QueryEscape(next))
}

// apiWaiting is the problem+json body of a hold refused by the waiting
// room: where the caller stands, and when to ask again (Retry-After).
type apiWaiting struct {
	web.Problem
	Position    int    `json:"position"`
	WaitSeconds int    `json:"wait_seconds"`
	WaitingPage string `json:"waiting_page"`
}

// apiAdmit answers a caller the waiting room does not admit yet with 429
// waiting_room, their position and estimated wait, and Retry-After (the
// wait, at most a minute: the position is worth hearing again). It
// reports whether to go on.
func (h *Handler) apiAdmit(c echo.Context, showID int64) (bool, error) {
	dec, err := h.admit(c.Request().Context(), showID, web.UserID(c))
	if err != nil || dec.Admitted {
		return err == nil, err
	}
	secs := retrySeconds(dec.Wait)
	c.Response().Header().Set("Retry-After", strconv.Itoa(min(secs, 60)))
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(http.StatusTooManyRequests)
	return false, json.NewEncoder(c.Response()).Encode(apiWaiting{
		Problem: web.Problem{Type: "about:blank", Title: http.StatusText(http.StatusTooManyRequests),
			Status: http.StatusTooManyRequests, Code: "waiting_room",
			Detail: fmt.Sprintf("This show is selling through a waiting room. You are number %d in the queue; "+
				"ask again in %d seconds.", dec.Position, min(secs, 60)),
			RequestID: c.Response().Header().Get(echo.HeaderXRequestID)},
		Position: dec.Position, WaitSeconds: secs, WaitingPage: dec.WaitPath})
}
