package booking

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffOccupancy is GET /admin/shows/:id/occupancy: the show's seat grid
// coloured free, held, sold, checked in or blocked, with the counts. The
// page reloads the grid every 15 seconds (htmx asks for the panel alone).
// Staff see it where they may sell. Errors: ErrNotFound (also for a show
// at another theater).
func (h *Handler) staffOccupancy(c echo.Context) error {
	id, err := staffShowID(c.Param("id"))
	if err != nil || id == 0 {
		return fmt.Errorf("show %q: %w", c.Param("id"), ErrNotFound)
	}
	ctx := c.Request().Context()
	o, err := h.svc.Occupancy(ctx, id)
	if err != nil {
		return err
	}
	show := o.Map.Show
	if err := web.Allow(c, authz.Sell, show.Theater.Place()); err != nil {
		return err
	}
	loc := show.Theater.Location()
	live := occupancyLive(ctx, o)
	live.RefreshHref = fmt.Sprintf("/admin/shows/%d/occupancy", id)
	live.Updated = i18n.T(ctx, "Updated {{.Time}}", "Time", h.svc.opts.Now().In(loc).Format("15:04:05"))
	if web.IsHTMX(c) {
		return web.Render(c, http.StatusOK, views.StaffOccupancyPanel(live))
	}
	return web.Render(c, http.StatusOK, views.StaffOccupancy(views.StaffOccupancyProps{Movie: show.Movie.Title,
		When: i18n.LongDateTime(ctx, show.StartsAt.In(loc)), Where: show.Theater.Name + " · " + show.Screen.Name,
		Live: live, BookingsHref: fmt.Sprintf("/admin/bookings?show=%d", id), CheckInHref: fmt.Sprintf("/admin/checkin?show=%d", id)}))
}

// occupancyLive lays the seats out row by row (gaps where the layout has
// none) and counts them by state, in ctx's language.
func occupancyLive(ctx context.Context, o Occupancy) views.StaffOccupancyLive {
	loc := o.Map.Show.Theater.Location()
	count := map[string]int{}
	width := 0
	for _, s := range o.Map.Seats {
		width = max(width, s.Col+1)
	}
	var rows []views.StaffSeatRow
	rowAt := map[int]int{}
	for _, s := range o.Map.Seats {
		i, ok := rowAt[s.Row]
		if !ok {
			rows = append(rows, views.StaffSeatRow{Label: strings.TrimRight(s.Seat, "0123456789"), Cells: make([]views.StaffSeatCell, width)})
			for c := range rows[len(rows)-1].Cells {
				rows[len(rows)-1].Cells[c].State = "gap"
			}
			i = len(rows) - 1
			rowAt[s.Row] = i
		}
		cell := views.StaffSeatCell{Label: s.Seat, State: string(s.State)}
		b, owned := o.Bookings[s.BookingID]
		switch s.State {
		case Free:
			cell.Title = s.Seat + " · " + i18n.T(ctx, "free")
		case Blocked:
			cell.Title = s.Seat + " · " + i18n.T(ctx, "blocked")
		case HeldBy:
			cell.Title = s.Seat + " · " + i18n.T(ctx, "held")
		case Sold:
			cell.State, cell.Title = "sold", s.Seat+" · "+i18n.T(ctx, "sold")
			if owned && b.CheckedInAt != nil {
				cell.State, cell.Title = "in", s.Seat+" · "+i18n.T(ctx, "checked in at {{.Time}}", "Time", i18n.Time(ctx, b.CheckedInAt.In(loc)))
			}
		}
		if owned && s.BookingID != 0 {
			cell.Href, cell.Title = "/admin/bookings/"+b.Code, cell.Title+" · "+b.Code
		}
		count[cell.State]++
		rows[i].Cells[s.Col] = cell
	}
	seats := len(o.Map.Seats) - count["blocked"]
	sold := count["sold"] + count["in"]
	density := ""
	switch {
	case width <= 14:
		density = "roomy"
	case width > 24:
		density = "dense"
	}
	return views.StaffOccupancyLive{Rows: rows, Density: density,
		Summary: i18n.N(ctx, "{{.Sold}} of {{.Count}} seats sold · {{.In}} checked in", seats,
			"Sold", i18n.Number(ctx, int64(sold)), "In", i18n.Number(ctx, int64(count["in"]))),
		Counts: []views.StaffSeatCount{{State: "in", Label: i18n.T(ctx, "Checked in"), Count: count["in"]},
			{State: "sold", Label: i18n.T(ctx, "Sold, not in yet"), Count: count["sold"]}, {State: "held", Label: i18n.T(ctx, "Held"), Count: count["held"]},
			{State: "free", Label: i18n.T(ctx, "Free"), Count: count["free"]}, {State: "blocked", Label: i18n.T(ctx, "Blocked"), Count: count["blocked"]}}}
}
