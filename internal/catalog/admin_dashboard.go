package catalog

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminDashboard is the admin home: today's shows at every theater (each
// theater's own local today) with their occupancy, and headline counts.
func (h *Handler) adminDashboard(c echo.Context) error {
	d, err := h.svc.Dashboard(c.Request().Context())
	if err != nil {
		return err
	}
	sold, total := d.SeatsSold()
	p := adminview.DashboardProps{ShowsToday: d.ShowsToday(), SeatsSold: sold, SeatsTotal: total, MoviesNowShowing: d.MoviesNowShowing}
	for _, t := range d.Theaters {
		loc := t.Location()
		local := d.Now.In(loc)
		day := local.Format(time.DateOnly)
		vt := adminview.DashboardTheater{Name: t.Name, Day: local.Format("Monday 2 January · 15:04 MST"), ListURL: showListURL(t.ID, day, 0)}
		for _, s := range t.Shows {
			label, tone := showState(false, s.StartsAt, s.EndsAt, s.SeatsAvailable, s.SeatsTotal, d.Now)
			vt.Shows = append(vt.Shows, adminview.DashboardShow{
				Time: s.StartsAt.In(loc).Format("15:04"), Movie: s.MovieTitle, Screen: s.ScreenName,
				Details: showVersion(s.Format, s.Language, ""), Status: label, Tone: tone,
				Sold: s.Sold(), Total: s.SeatsTotal, URL: showListURL(t.ID, day, s.ID),
			})
		}
		p.Theaters = append(p.Theaters, vt)
	}
	return web.Render(c, http.StatusOK, adminview.Dashboard(p))
}
