package catalog

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// showsPerPage is how many shows one page of the admin list holds.
const showsPerPage = 25

// adminShowList lists one day's shows, optionally of one theater and one
// movie, a page at a time. The day is each theater's own local day (a show
// at 01:00 in Mumbai on the 14th is on the 14th, whatever UTC says), and
// each show's time is its theater's local time. ?show= opens the page that
// holds that show.
func (h *Handler) adminShowList(c echo.Context) error {
	ctx := c.Request().Context()
	theaterID, err := showQueryID(c, "theater")
	if err != nil {
		return err
	}
	movieID, err := showQueryID(c, "movie")
	if err != nil {
		return err
	}
	focus, err := showQueryID(c, "show")
	if err != nil {
		return err
	}
	page, err := queryPage(c)
	if err != nil {
		return err
	}
	choices, err := h.scheduleChoices(c)
	if err != nil {
		return err
	}
	var theater *Theater
	if theaterID != 0 {
		t, ok := showTheaterIn(choices, theaterID)
		if !ok {
			return fmt.Errorf("theater %d: %w", theaterID, ErrNotFound)
		}
		theater = &t
	}
	day := showListToday(choices, theater, h.svc.now())
	if q := c.QueryParam("date"); q != "" {
		if day, err = time.Parse(time.DateOnly, q); err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, i18n.Msg("Choose a day written like 2031-03-14."))
		}
	}
	shows, truncated, err := h.showsOnLocalDay(c, ShowFilter{TheaterID: theaterID, MovieID: movieID}, theater, day)
	if err != nil {
		return err
	}
	// One group per theater, by name; within it by start time.
	slices.SortStableFunc(shows, func(a, b AdminShow) int {
		return cmp.Or(strings.Compare(a.TheaterName, b.TheaterName), cmp.Compare(a.TheaterID, b.TheaterID))
	})
	if i := slices.IndexFunc(shows, func(s AdminShow) bool { return s.ID == focus }); focus != 0 && i >= 0 {
		page = i/showsPerPage + 1
	}
	pg := pageOf(len(shows), showsPerPage, page)
	listURL := func(d time.Time, page int) string {
		q := url.Values{"date": {d.Format(time.DateOnly)}}
		if theaterID != 0 {
			q.Set("theater", strconv.FormatInt(theaterID, 10))
		}
		if movieID != 0 {
			q.Set("movie", strconv.FormatInt(movieID, 10))
		}
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		return "/admin/shows?" + q.Encode()
	}
	prev, next := day.AddDate(0, 0, -1), day.AddDate(0, 0, 1)
	p := adminview.ShowListProps{
		Movies: showMovieOptions(choices.Movies), Theater: c.QueryParam("theater"), Movie: c.QueryParam("movie"),
		Date: day.Format(time.DateOnly), DayTitle: i18n.LongDate(ctx, day), DayZone: showListZone(c, theater),
		PrevURL: listURL(prev, 1), NextURL: listURL(next, 1), PrevLabel: i18n.Day(ctx, prev), NextLabel: i18n.Day(ctx, next),
		Count: len(shows), Truncated: truncated,
		Pager: pagerView(ctx, pg, i18n.Msg("Shows {{.From}}–{{.To}} of {{.Total}}"), i18n.T(ctx, "Show list pages"),
			func(n int) string { return listURL(day, n) }),
	}
	for _, t := range choices.Theaters {
		p.Theaters = append(p.Theaters, adminview.ShowOption{Value: strconv.FormatInt(t.ID, 10), Label: t.Name + " · " + t.CityName})
	}
	p.Groups = showListGroups(c, shows[pg.Start:pg.End], h.svc.now())
	return web.Render(c, http.StatusOK, adminview.ShowList(p))
}

// showListGroups groups a page of shows (sorted by theater) per theater,
// each show at its theater's local time.
func showListGroups(c echo.Context, shows []AdminShow, now time.Time) []adminview.ShowGroup {
	ctx := c.Request().Context()
	var groups []adminview.ShowGroup
	for i, s := range shows {
		sl := s.Location()
		if i == 0 || shows[i-1].TheaterID != s.TheaterID {
			groups = append(groups, adminview.ShowGroup{Theater: s.TheaterName, Zone: s.TimeZone})
		}
		g := &groups[len(groups)-1]
		label, tone := showState(s.Status == Cancelled, s.StartsAt, s.EndsAt, s.SeatsAvailable, s.SeatsTotal, now)
		g.Rows = append(g.Rows, adminview.ShowRow{
			ID: s.ID, Time: i18n.Time(ctx, s.StartsAt.In(sl)), Zone: s.StartsAt.In(sl).Format("MST"),
			Ends: i18n.Time(ctx, s.EndsAt.In(sl)), Movie: s.MovieTitle, Screen: s.ScreenName,
			Details: showVersion(ctx, s.Format, s.Language, s.Subtitles), Status: label, Tone: tone,
			Sold: max(s.SeatsTotal-s.SeatsAvailable, 0), Total: s.SeatsTotal,
			Prices: showPriceLines(ctx, s.Prices, s.Currency), Cancelled: s.Status == Cancelled,
		})
	}
	return groups
}

// showListZone says whose day the list shows, in words.
func showListZone(c echo.Context, theater *Theater) string {
	ctx := c.Request().Context()
	if theater == nil {
		return i18n.T(ctx, "Each theater's local day and time")
	}
	return i18n.T(ctx, "{{.Theater}} local time ({{.Zone}})", "Theater", theater.Name, "Zone", theater.Location().String())
}

// showQueryID reads an optional id filter: 0 when absent, 400 when it is
// not an id.
func showQueryID(c echo.Context, name string) (int64, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return 0, echo.NewHTTPError(http.StatusBadRequest, i18n.Msg("That filter is not one of the choices."))
	}
	return id, nil
}

// showPathID reads the show id of the URL; one that cannot be an id is
// answered like an unknown show.
func showPathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, fmt.Errorf("show %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}

// showTheaterIn finds a theater among the scheduling choices.
func showTheaterIn(c ScheduleChoices, id int64) (Theater, bool) {
	for _, t := range c.Theaters {
		if t.ID == id {
			return t.Theater, true
		}
	}
	return Theater{}, false
}
