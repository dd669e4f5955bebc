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

	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminShowList lists one day's shows, optionally of one theater and one
// movie. The day is the chosen theater's local day, or the UTC day when
// every theater is listed; each show's time is its theater's local time.
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
	choices, err := h.svc.ScheduleChoices(ctx)
	if err != nil {
		return err
	}
	loc, zone := time.UTC, "UTC day; choose a theater for its local day"
	if theaterID != 0 {
		t, ok := showTheaterIn(choices, theaterID)
		if !ok {
			return fmt.Errorf("theater %d: %w", theaterID, ErrNotFound)
		}
		loc = t.Location()
		zone = t.Name + " local time (" + loc.String() + ")"
	}
	now := h.svc.now().In(loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	if q := c.QueryParam("date"); q != "" {
		d, err := time.Parse(time.DateOnly, q)
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "Choose a day written like 2031-03-14.")
		}
		day = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	}
	shows, err := h.svc.AdminShows(ctx, ShowFilter{TheaterID: theaterID, MovieID: movieID, From: day, Until: day.AddDate(0, 0, 1)})
	if err != nil {
		return err
	}
	dayURL := func(d time.Time) string {
		q := url.Values{"date": {d.Format(time.DateOnly)}}
		if theaterID != 0 {
			q.Set("theater", strconv.FormatInt(theaterID, 10))
		}
		if movieID != 0 {
			q.Set("movie", strconv.FormatInt(movieID, 10))
		}
		return "/admin/shows?" + q.Encode()
	}
	prev, next := day.AddDate(0, 0, -1), day.AddDate(0, 0, 1)
	p := adminview.ShowListProps{
		Movies: showMovieOptions(choices.Movies), Theater: c.QueryParam("theater"), Movie: c.QueryParam("movie"),
		Date: day.Format(time.DateOnly), DayTitle: day.Format("Monday 2 January 2006"), DayZone: zone,
		PrevURL: dayURL(prev), NextURL: dayURL(next), PrevLabel: prev.Format("Mon 2 Jan"), NextLabel: next.Format("Mon 2 Jan"),
		Count: len(shows), Truncated: len(shows) >= AdminShowLimit,
	}
	for _, t := range choices.Theaters {
		p.Theaters = append(p.Theaters, adminview.ShowOption{Value: strconv.FormatInt(t.ID, 10), Label: t.Name + " · " + t.CityName})
	}
	// One group per theater, by name; within it by start time.
	slices.SortStableFunc(shows, func(a, b AdminShow) int {
		return cmp.Or(strings.Compare(a.TheaterName, b.TheaterName), cmp.Compare(a.TheaterID, b.TheaterID))
	})
	realNow := h.svc.now()
	for i, s := range shows {
		sl := s.Location()
		if i == 0 || shows[i-1].TheaterID != s.TheaterID {
			p.Groups = append(p.Groups, adminview.ShowGroup{Theater: s.TheaterName, Zone: s.TimeZone})
		}
		g := &p.Groups[len(p.Groups)-1]
		label, tone := showState(s.Status == Cancelled, s.StartsAt, s.EndsAt, s.SeatsAvailable, s.SeatsTotal, realNow)
		g.Rows = append(g.Rows, adminview.ShowRow{
			ID: s.ID, Time: s.StartsAt.In(sl).Format("15:04"), Zone: s.StartsAt.In(sl).Format("MST"),
			Ends: s.EndsAt.In(sl).Format("15:04"), Movie: s.MovieTitle, Screen: s.ScreenName,
			Details: showVersion(s.Format, s.Language, s.Subtitles), Status: label, Tone: tone,
			Sold: max(s.SeatsTotal-s.SeatsAvailable, 0), Total: s.SeatsTotal,
			Prices: showPriceLines(s.Prices, s.Currency), Cancelled: s.Status == Cancelled,
		})
	}
	return web.Render(c, http.StatusOK, adminview.ShowList(p))
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
		return 0, echo.NewHTTPError(http.StatusBadRequest, "That "+name+" filter is not one of the choices.")
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
