package catalog

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// Paging of the dashboard: a page of theaters, each with its next few
// shows and a link to all of its day's shows (paged in the show list).
const (
	dashTheatersPerPage = 6
	dashNextShows       = 4
)

// adminDashboard is the admin home: the day's headline counts across every
// theater, then one page of theaters, each on its own local today, with its
// counts and the next shows still to finish.
func (h *Handler) adminDashboard(c echo.Context) error {
	ctx := c.Request().Context()
	// Counter and door staff manage no theater: their page is the one
	// their role works on.
	switch sc := web.Scope(c); {
	case sc.CanAnywhere(authz.Manage):
	case sc.CanAnywhere(authz.Sell):
		return c.Redirect(http.StatusSeeOther, "/admin/bookings")
	default:
		return c.Redirect(http.StatusSeeOther, "/admin/checkin")
	}
	page, err := queryPage(c)
	if err != nil {
		return err
	}
	d, err := h.svc.Dashboard(ctx, web.Scope(c).Filter(authz.Manage))
	if err != nil {
		return err
	}
	sold, total := d.SeatsSold()
	p := adminview.DashboardProps{ShowsToday: d.ShowsToday(), SeatsSold: sold, SeatsTotal: total,
		MoviesNowShowing: d.MoviesNowShowing, HasTheaters: len(d.Theaters) > 0}
	pg := pageOf(len(d.Theaters), dashTheatersPerPage, page)
	p.Pager = pagerView(ctx, pg, i18n.Msg("Theaters {{.From}}–{{.To}} of {{.Total}}"), i18n.T(ctx, "Theater pages"),
		func(n int) string { return "/admin?page=" + strconv.Itoa(n) })
	for _, t := range d.Theaters[pg.Start:pg.End] {
		p.Theaters = append(p.Theaters, dashboardTheater(ctx, t, d.Now))
	}
	return web.Render(c, http.StatusOK, adminview.Dashboard(p))
}

// dashboardTheater is one theater's today: its local date and time, its
// counts, and its next shows (those not yet over), linked to the show list.
func dashboardTheater(ctx context.Context, t DashboardTheater, now time.Time) adminview.DashboardTheater {
	loc := t.Location()
	local := now.In(loc)
	day := local.Format(time.DateOnly)
	vt := adminview.DashboardTheater{
		Name: t.Name, ShowCount: len(t.Shows), ListURL: showListURL(t.ID, day, 0),
		Day: i18n.LongDay(ctx, local) + " · " + i18n.Time(ctx, local) + " " + local.Format("MST"),
	}
	for _, s := range t.Shows {
		vt.Sold += s.Sold()
		vt.Total += s.SeatsTotal
		if !s.EndsAt.After(now) || len(vt.Shows) == dashNextShows {
			continue
		}
		label, tone := showState(false, s.StartsAt, s.EndsAt, s.SeatsAvailable, s.SeatsTotal, now)
		vt.Shows = append(vt.Shows, adminview.DashboardShow{
			Time: i18n.Time(ctx, s.StartsAt.In(loc)), Movie: s.MovieTitle, Screen: s.ScreenName,
			Details: showVersion(ctx, s.Format, s.Language, ""), Status: label, Tone: tone,
			Sold: s.Sold(), Total: s.SeatsTotal, URL: showListURL(t.ID, day, s.ID),
		})
	}
	return vt
}
