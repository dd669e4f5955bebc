package catalog

import (
	"context"
	"errors"
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
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminShowBulkForm is the form that schedules many shows at once.
func (h *Handler) adminShowBulkForm(c echo.Context) error {
	ctx := c.Request().Context()
	choices, err := h.scheduleChoices(c)
	if err != nil {
		return err
	}
	v := adminview.ShowBulkValues{Movie: c.QueryParam("movie")}
	return web.Render(c, http.StatusOK, adminview.ShowBulk(showBulkProps(ctx, choices, v, nil, nil, nil)))
}

// adminShowBulkCreate schedules a movie on every chosen screen, every day
// of the range, at every time; all or nothing. Overlaps answer 409 listing
// each one with the show in its way.
func (h *Handler) adminShowBulkCreate(c echo.Context) error {
	ctx := c.Request().Context()
	choices, err := h.scheduleChoices(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "That form could not be read."))
	}
	v := adminview.ShowBulkValues{
		Movie: form.Get("movie"), FirstDay: strings.TrimSpace(form.Get("first_day")), LastDay: strings.TrimSpace(form.Get("last_day")),
		Times: strings.TrimSpace(form.Get("times")), Format: form.Get("format"), Language: form.Get("language"),
		Subtitles: form.Get("subtitles"),
	}
	screenValues := form["screens"]
	var errs validate.Errors
	movieID, err := strconv.ParseInt(v.Movie, 10, 64)
	if err != nil {
		errs.Add("movie", i18n.T(ctx, "Choose a movie."))
	}
	var screenIDs []int64
	theaters := map[int64]Theater{} // of the chosen screens, by screen
	for _, sv := range screenValues {
		id, _ := strconv.ParseInt(sv, 10, 64)
		_, t, ok := choices.ScreenByID(id)
		if !ok {
			errs.Add("screens", i18n.T(ctx, "Choose screens from the list."))
			continue
		}
		screenIDs = append(screenIDs, id)
		theaters[id] = t
	}
	errs.Check(len(screenValues) > 0, "screens", i18n.T(ctx, "Choose at least one screen."))
	first, err := time.Parse(time.DateOnly, v.FirstDay)
	if err != nil {
		errs.Add("first_day", i18n.T(ctx, "Enter the first day."))
	}
	last, err := time.Parse(time.DateOnly, v.LastDay)
	if err != nil {
		errs.Add("last_day", i18n.T(ctx, "Enter the last day."))
	}
	times := strings.FieldsFunc(v.Times, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
	errs.Check(len(times) > 0, "times", i18n.T(ctx, "Enter at least one start time, like 10:30."))
	errs.Check(v.Format != "", "format", i18n.T(ctx, "Choose a format."))
	errs.Check(v.Language != "", "language", i18n.T(ctx, "Choose a language."))
	if len(errs) > 0 {
		return web.Render(c, http.StatusUnprocessableEntity, adminview.ShowBulk(showBulkProps(ctx, choices, v, screenValues, errs, nil)))
	}
	shows, err := h.svc.ScheduleShows(ctx, BulkShowInput{MovieID: movieID, ScreenIDs: screenIDs, FirstDay: first, LastDay: last,
		Times: times, Language: v.Language, Format: v.Format, Subtitles: v.Subtitles})
	if fields, ok := validate.Fields(err); ok {
		for k, m := range fields {
			switch k {
			case "dates":
				k = "last_day"
			case "starts_at":
				k = "times"
			}
			errs.Add(k, m)
		}
		return web.Render(c, http.StatusUnprocessableEntity, adminview.ShowBulk(showBulkProps(ctx, choices, v, screenValues, errs, nil)))
	}
	var ce *ConflictError
	if errors.As(err, &ce) {
		conflicts, err := h.showConflictViews(ctx, ce.Conflicts, showWhereByScreenName(choices, screenIDs, theaters))
		if err != nil {
			return err
		}
		return web.Render(c, http.StatusConflict, adminview.ShowBulk(showBulkProps(ctx, choices, v, screenValues, nil, conflicts)))
	}
	if err != nil {
		return err
	}
	var theaterID int64
	for _, t := range theaters {
		if theaterID != 0 && theaterID != t.ID {
			theaterID = 0 // several theaters: list them all
			break
		}
		theaterID = t.ID
	}
	h.showFlash(c, i18n.N(ctx, "Scheduled {{.Count}} shows.", len(shows)))
	return web.Redirect(c, showListURL(theaterID, first.Format(time.DateOnly), 0))
}

// showWhereByScreenName finds the theater of a chosen screen by the
// screen's name (conflicts name screens, not ids): its time zone, and its
// name when the chosen screens span several theaters. UTC when no chosen
// screen has the name.
func showWhereByScreenName(choices ScheduleChoices, screenIDs []int64, theaters map[int64]Theater) func(string) (*time.Location, string) {
	several := false
	for _, t := range theaters {
		several = several || t.ID != theaters[screenIDs[0]].ID
	}
	return func(name string) (*time.Location, string) {
		for _, id := range screenIDs {
			if sc, t, ok := choices.ScreenByID(id); ok && sc.Name == name {
				if several {
					return t.Location(), t.Name
				}
				return t.Location(), ""
			}
		}
		return time.UTC, ""
	}
}

// showBulkProps fills the bulk form: choices, the values typed, the
// screens ticked and what went wrong.
func showBulkProps(ctx context.Context, choices ScheduleChoices, v adminview.ShowBulkValues, screens []string, errs validate.Errors, conflicts []adminview.ShowConflict) adminview.ShowBulkProps {
	movies := choices.Schedulable()
	languages, subtitles := showLanguageChoices(movies)
	p := adminview.ShowBulkProps{
		Movies: showMovieOptions(movies), Formats: Formats(), Languages: languages, Subtitles: subtitles,
		Values: v, Errors: errs, Conflicts: conflicts, MaxShows: MaxBulkShows,
		Summary: adminview.ShowMessages(errs, "movie", "screens", "first_day", "last_day", "times", "format", "language"),
	}
	for _, t := range choices.Theaters {
		if len(t.Screens) == 0 {
			continue
		}
		g := adminview.ShowScreenGroup{Theater: t.Name, City: t.CityName}
		for _, sc := range t.Screens {
			id := strconv.FormatInt(sc.ID, 10)
			g.Screens = append(g.Screens, adminview.ShowCheck{Value: id, Checked: slices.Contains(screens, id),
				Label: fmt.Sprintf("%s (%s)", sc.Name, strings.Join(sc.Formats, ", "))})
		}
		p.Theaters = append(p.Theaters, g)
	}
	return p
}
