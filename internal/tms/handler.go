package tms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/tms"
)

// Handler serves a theater's theater-management-system page.
type Handler struct {
	svc  *Service
	auth web.Auth
}

// NewHandler returns the handler; auth.Staff guards every page and
// auth.Admin the connection's settings.
func NewHandler(svc *Service, auth web.Auth) *Handler { return &Handler{svc: svc, auth: auth} }

// Routes registers the pages: staff see the connection and its runs and
// may sync now; only admins change the feed's address and key. Each page
// exists only for those who manage the theater (404 elsewhere).
func (h *Handler) Routes(e *echo.Echo) {
	g := e.Group("/admin/theaters/:id/tms", h.auth.Staff)
	g.GET("", h.page, h.inScope)
	g.POST("", h.save, h.inScope, h.auth.Admin)
	g.POST("/sync", h.syncNow, h.inScope)
}

// inScope answers 404 unless the signed-in staff member manages the
// theater :id: another theater's connection does not exist for its staff.
func (h *Handler) inScope(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := theaterID(c)
		if err != nil {
			return err
		}
		th, err := h.svc.Theater(c.Request().Context(), id)
		if err != nil {
			return echo.NewHTTPError(http.StatusNotFound, i18n.T(c.Request().Context(), "No such theater."))
		}
		if err := web.Allow(c, authz.Manage, th.Place()); err != nil {
			return err
		}
		return next(c)
	}
}

// shownRuns is how many runs the page lists.
const shownRuns = 20

// page is GET /admin/theaters/:id/tms.
func (h *Handler) page(c echo.Context) error {
	id, err := theaterID(c)
	if err != nil {
		return err
	}
	return h.render(c, id, http.StatusOK, nil, nil)
}

// save is POST /admin/theaters/:id/tms (admins).
func (h *Handler) save(c echo.Context) error {
	id, err := theaterID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.svc.Theater(ctx, id); err != nil {
		return echo.NewHTTPError(http.StatusNotFound, i18n.T(ctx, "No such theater."))
	}
	interval, _ := strconv.Atoi(c.FormValue("interval_minutes"))
	in := ConnectionInput{FeedURL: c.FormValue("feed_url"), Key: c.FormValue("key"), Enabled: c.FormValue("enabled") != "",
		IntervalMinutes: interval}
	_, err = h.svc.SaveConnection(ctx, id, in)
	if fields, ok := validate.Fields(err); ok {
		return h.render(c, id, http.StatusUnprocessableEntity, fields, &in)
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved the connection."))
	return web.Redirect(c, fmt.Sprintf("/admin/theaters/%d/tms", id))
}

// syncNow is POST /admin/theaters/:id/tms/sync: a sync job is queued (one
// per connection at a time) and its run appears on the page.
func (h *Handler) syncNow(c echo.Context) error {
	id, err := theaterID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	conn, err := h.svc.Connection(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound, i18n.T(ctx, "This theater is not connected yet."))
	}
	if err != nil {
		return err
	}
	if err := h.svc.EnqueueSync(ctx, conn.ID); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "A sync is on its way; its run appears below in a moment."))
	return web.Redirect(c, fmt.Sprintf("/admin/theaters/%d/tms", id))
}

func (h *Handler) render(c echo.Context, theaterID int64, status int, fields map[string]string, in *ConnectionInput) error {
	ctx := c.Request().Context()
	p, err := h.props(ctx, theaterID)
	if err != nil {
		return err
	}
	u := web.CurrentUser(c)
	p.CanEdit = u != nil && u.Admin
	p.Errors = fields
	if in != nil {
		p.FeedURL, p.Enabled, p.Interval = in.FeedURL, in.Enabled, in.IntervalMinutes
	}
	return web.Render(c, status, views.Connection(p))
}

func (h *Handler) props(ctx context.Context, theaterID int64) (views.ConnectionProps, error) {
	th, err := h.svc.Theater(ctx, theaterID)
	if err != nil {
		return views.ConnectionProps{}, echo.NewHTTPError(http.StatusNotFound, i18n.T(ctx, "No such theater."))
	}
	p := views.ConnectionProps{TheaterID: th.ID, TheaterName: th.Name, Interval: 15, LastRun: i18n.T(ctx, "never")}
	conn, err := h.svc.Connection(ctx, theaterID)
	if errors.Is(err, ErrNotFound) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	loc := th.Location()
	p.Connected, p.FeedURL, p.HasKey, p.Enabled, p.Interval = true, conn.FeedURL, conn.HasKey, conn.Enabled, conn.IntervalMinutes
	if conn.LastRunAt != nil {
		p.LastRun = i18n.DayTime(ctx, conn.LastRunAt.In(loc)) + " " + conn.LastRunAt.In(loc).Format("MST")
	}
	runs, err := h.svc.Runs(ctx, conn.ID, shownRuns)
	if err != nil {
		return p, err
	}
	for _, r := range runs {
		rp := views.RunProps{ID: r.ID, Started: i18n.Day(ctx, r.StartedAt.In(loc)) + " " + r.StartedAt.In(loc).Format("15:04:05"), Status: r.Status, StatusText: i18n.T(ctx, runStatusText[r.Status]),
			Summary: i18n.T(ctx, "{{.Scheduled}} scheduled, {{.Moved}} moved, {{.Cancelled}} cancelled, {{.Repriced}} repriced, {{.Blocked}} seats blocked, {{.Refused}} refused",
				"Scheduled", r.Scheduled, "Moved", r.Moved, "Cancelled", r.Cancelled, "Repriced", r.Repriced, "Blocked", r.SeatsBlocked, "Refused", r.Refused)}
		if r.FinishedAt != nil {
			rp.Started += fmt.Sprintf(" (%s)", r.FinishedAt.Sub(r.StartedAt).Round(time.Millisecond))
		}
		for _, l := range r.Log {
			rp.Lines = append(rp.Lines, views.LineProps{Level: l.Level, Message: l.Message})
		}
		p.Runs = append(p.Runs, rp)
	}
	return p, nil
}

func theaterID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound, "No such theater.")
	}
	return id, nil
}

// runStatusText names a run's status for staff.
var runStatusText = map[string]string{
	StatusOK: i18n.Msg("ok"), StatusRefused: i18n.Msg("refused"), StatusFailed: i18n.Msg("failed"),
}
