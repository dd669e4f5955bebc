package booking

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffOccupancy is GET /admin/shows/:id/occupancy: the show's seat grid
// coloured free, held, sold, checked in or blocked, with the counts. The
// page reloads the grid every 15 seconds (htmx asks for the panel alone).
// Errors: ErrNotFound.
func (h *Handler) staffOccupancy(c echo.Context) error {
	id, err := staffShowID(c.Param("id"))
	if err != nil || id == 0 {
		return fmt.Errorf("show %q: %w", c.Param("id"), ErrNotFound)
	}
	o, err := h.svc.Occupancy(c.Request().Context(), id)
	if err != nil {
		return err
	}
	show := o.Map.Show
	loc := show.Theater.Location()
	live := occupancyLive(o)
	live.RefreshHref = fmt.Sprintf("/admin/shows/%d/occupancy", id)
	live.Updated = h.svc.opts.Now().In(loc).Format("15:04:05")
	if web.IsHTMX(c) {
		return web.Render(c, http.StatusOK, views.StaffOccupancyPanel(live))
	}
	return web.Render(c, http.StatusOK, views.StaffOccupancy(views.StaffOccupancyProps{Movie: show.Movie.Title,
		When: show.StartsAt.In(loc).Format("Monday 2 January 2006, 15:04"), Where: show.Theater.Name + " · " + show.Screen.Name,
		Live: live, BookingsHref: fmt.Sprintf("/admin/bookings?show=%d", id), CheckInHref: fmt.Sprintf("/admin/checkin?show=%d", id)}))
}

// occupancyLive lays the seats out row by row (gaps where the layout has
// none) and counts them by state.
func occupancyLive(o Occupancy) views.StaffOccupancyLive {
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
			cell.Title = s.Seat + " · free"
		case Blocked:
			cell.Title = s.Seat + " · blocked"
		case HeldBy:
			cell.Title = s.Seat + " · held"
		case Sold:
			cell.State, cell.Title = "sold", s.Seat+" · sold"
			if owned && b.CheckedInAt != nil {
				cell.State, cell.Title = "in", s.Seat+" · checked in at "+b.CheckedInAt.In(loc).Format("15:04")
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
		Summary: strconv.Itoa(sold) + " of " + strconv.Itoa(seats) + " seats sold · " + strconv.Itoa(count["in"]) + " checked in",
		Counts: []views.StaffSeatCount{{State: "in", Label: "Checked in", Count: count["in"]},
			{State: "sold", Label: "Sold, not in yet", Count: count["sold"]}, {State: "held", Label: "Held", Count: count["held"]},
			{State: "free", Label: "Free", Count: count["free"]}, {State: "blocked", Label: "Blocked", Count: count["blocked"]}}}
}
