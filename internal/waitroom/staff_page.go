package waitroom

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/waitroom"
)

// formTime is how the form's datetime-local field writes a time.
const formTime = "2006-01-02T15:04"

// roomsPage is GET /admin/waiting-rooms: the rooms with their queues, and
// the form; ?edit=id fills the form with a room to change it.
func (h *Handler) roomsPage(c echo.Context) error {
	f := views.RoomForm{Scope: "show", Rate: "300"}
	if id, err := strconv.ParseInt(c.QueryParam("edit"), 10, 64); err == nil && id > 0 {
		r, err := h.svc.Room(c.Request().Context(), id)
		if err != nil {
			return err
		}
		f = views.RoomForm{Scope: "show", ShowID: itoa(r.ShowID), OnSaleAt: r.OnSaleAt.In(r.Location()).Format(formTime),
			TimeZone: r.TimeZone, Rate: strconv.Itoa(r.Rate)}
		if r.MovieID != 0 {
			f.Scope, f.ShowID, f.MovieID = "movie", "", itoa(r.MovieID)
		}
	}
	return h.roomsRender(c, http.StatusOK, f, nil)
}

// roomSave is POST /admin/waiting-rooms: puts up a room or changes the one
// in front of the same show or movie, then back to the list; a form with
// mistakes comes back with a message per field (422).
func (h *Handler) roomSave(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(c.Request().Context(), "That form could not be read."))
	}
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := views.RoomForm{Scope: get("scope"), ShowID: get("show_id"), MovieID: get("movie_id"), OnSaleAt: get("on_sale_at"),
		TimeZone: get("time_zone"), Rate: get("rate")}
	in, errs := roomParse(c.Request().Context(), f)
	if len(errs) == 0 {
		_, err = h.svc.SaveRoom(c.Request().Context(), in)
		fields, ok := validate.Fields(err)
		if !ok && err != nil {
			return err
		}
		errs = fields
	}
	if len(errs) > 0 {
		return h.roomsRender(c, http.StatusUnprocessableEntity, f, errs)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Waiting room saved. Buyers queue from now and are let in from the on-sale time."))
	return web.Redirect(c, "/admin/waiting-rooms")
}

// roomParse reads the form: the scope picks which of show and movie counts.
func roomParse(ctx context.Context, f views.RoomForm) (RoomInput, validate.Errors) {
	var errs validate.Errors
	in := RoomInput{TimeZone: f.TimeZone}
	switch f.Scope {
	case "show":
		id, err := strconv.ParseInt(f.ShowID, 10, 64)
		errs.Check(err == nil && id > 0, "show_id", i18n.T(ctx, "Enter the show's number, like 1234."))
		in.ShowID = id
	case "movie":
		id, err := strconv.ParseInt(f.MovieID, 10, 64)
		errs.Check(err == nil && id > 0, "movie_id", i18n.T(ctx, "Choose a movie from the list."))
		in.MovieID = id
	default:
		errs.Add("scope", i18n.T(ctx, "Choose either one show or a movie's opening."))
	}
	loc, err := time.LoadLocation(f.TimeZone)
	if err != nil || f.TimeZone == "" {
		errs.Add("time_zone", i18n.T(ctx, "Choose a time zone from the list."))
		loc = time.UTC
	}
	if t, err := time.ParseInLocation(formTime, f.OnSaleAt, loc); err == nil {
		in.OnSaleAt = t
	} else {
		errs.Add("on_sale_at", i18n.T(ctx, "Enter the date and time tickets go on sale, like 2031-03-14 09:00."))
	}
	rate, err := strconv.Atoi(f.Rate)
	if err != nil || rate < 1 || rate > MaxRate {
		errs.Add("rate", i18n.T(ctx, "Enter how many buyers to let in per minute, from 1 to {{.Max}}.", "Max", MaxRate))
	}
	in.Rate = rate
	return in, errs
}

// roomDelete is POST /admin/waiting-rooms/:id/delete: the room and its
// queue go; the show sells without one. Errors: ErrNotFound.
func (h *Handler) roomDelete(c echo.Context) error {
	id, err := roomID(c)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteRoom(c.Request().Context(), id); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Waiting room taken down: its shows sell without a queue."))
	return web.Redirect(c, "/admin/waiting-rooms")
}

// roomsRender shows the list and the form (with errs, if any).
func (h *Handler) roomsRender(c echo.Context, status int, f views.RoomForm, errs validate.Errors) error {
	ctx := c.Request().Context()
	rooms, err := h.svc.Rooms(ctx)
	if err != nil {
		return err
	}
	ch, err := h.svc.opts.Catalog.ScheduleChoices(ctx)
	if err != nil {
		return fmt.Errorf("movies and theaters for waiting rooms: %w", err)
	}
	p := views.RoomsProps{Form: f, Errors: errs}
	for _, m := range ch.Schedulable() {
		p.Movies = append(p.Movies, views.Choice{Value: itoa(m.ID), Label: m.Title})
	}
	for _, t := range ch.Theaters {
		if !slices.Contains(p.Zones, t.TimeZone) {
			p.Zones = append(p.Zones, t.TimeZone)
		}
	}
	for _, z := range []string{f.TimeZone, "UTC"} { // a room's own zone, even with its theater gone
		if _, err := time.LoadLocation(z); err == nil && z != "" && !slices.Contains(p.Zones, z) {
			p.Zones = append(p.Zones, z)
		}
	}
	for _, r := range rooms {
		row := views.RoomRow{ID: r.ID, Label: r.Label, OnSale: onSaleText(ctx, r.OnSaleAt.In(r.Location())),
			Rate: r.Rate, Waiting: positionText(r.Waiting), Admitted: positionText(r.Admitted), EditHref: "/admin/waiting-rooms?edit=" + itoa(r.ID)}
		row.Scope = i18n.T(ctx, "Show {{.ID}}", "ID", itoa(r.ShowID))
		if r.MovieID != 0 {
			row.Scope = i18n.T(ctx, "Opening: every show of the movie")
		}
		p.Rooms = append(p.Rooms, row)
	}
	return web.Render(c, status, views.Rooms(p))
}

// onSaleText writes a room's on-sale moment in its own zone.
func onSaleText(ctx context.Context, t time.Time) string {
	return i18n.LongDateTime(ctx, t) + " " + t.Format("MST")
}
