package catalog

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminShowNew is the form that schedules one show; movie, screen and date
// may be given in the query to start from.
func (h *Handler) adminShowNew(c echo.Context) error {
	ctx := c.Request().Context()
	choices, err := h.scheduleChoices(c)
	if err != nil {
		return err
	}
	v := adminview.ShowNewValues{Movie: c.QueryParam("movie"), Screen: c.QueryParam("screen"), Date: c.QueryParam("date")}
	return web.Render(c, http.StatusOK, adminview.ShowNew(showNewProps(ctx, choices, v, nil, nil, nil)))
}

// adminShowCreate schedules one show at a local date and time of the
// screen's theater: 303 to the list on success, the form again with 422
// (invalid) or 409 (overlap, naming the show in the way).
func (h *Handler) adminShowCreate(c echo.Context) error {
	ctx := c.Request().Context()
	choices, err := h.scheduleChoices(c)
	if err != nil {
		return err
	}
	v := adminview.ShowNewValues{
		Movie: c.FormValue("movie"), Screen: c.FormValue("screen"), Date: strings.TrimSpace(c.FormValue("date")),
		Time: strings.TrimSpace(c.FormValue("time")), Format: c.FormValue("format"),
		Language: c.FormValue("language"), Subtitles: c.FormValue("subtitles"),
	}
	prices, raw, errs := showPricesFromForm(ctx, c, Categories())
	movieID, err := strconv.ParseInt(v.Movie, 10, 64)
	if err != nil {
		errs.Add("movie", i18n.T(ctx, "Choose a movie."))
	}
	screenID, _ := strconv.ParseInt(v.Screen, 10, 64)
	screen, theater, ok := choices.ScreenByID(screenID)
	if !ok {
		errs.Add("screen", i18n.T(ctx, "Choose a screen."))
	}
	day, err := time.Parse(time.DateOnly, v.Date)
	if err != nil {
		errs.Add("date", i18n.T(ctx, "Enter the date of the show."))
	}
	clock, err := parseClock(v.Time)
	if err != nil {
		errs.Add("time", i18n.T(ctx, "Enter the start time, like 18:45."))
	}
	errs.Check(v.Format != "", "format", i18n.T(ctx, "Choose a format."))
	errs.Check(v.Language != "", "language", i18n.T(ctx, "Choose a language."))
	if len(errs) > 0 {
		return web.Render(c, http.StatusUnprocessableEntity, adminview.ShowNew(showNewProps(ctx, choices, v, raw, errs, nil)))
	}
	loc := theater.Location()
	start := time.Date(day.Year(), day.Month(), day.Day(), int(clock/time.Hour), int(clock%time.Hour/time.Minute), 0, 0, loc)
	show, err := h.svc.ScheduleShow(ctx, ShowInput{MovieID: movieID, ScreenID: screen.ID, StartsAt: start,
		Language: v.Language, Format: v.Format, Subtitles: v.Subtitles, Prices: prices})
	if fields, ok := validate.Fields(err); ok {
		for k, m := range fields {
			if k == "starts_at" {
				k = "time"
			}
			errs.Add(k, m)
		}
		return web.Render(c, http.StatusUnprocessableEntity, adminview.ShowNew(showNewProps(ctx, choices, v, raw, errs, nil)))
	}
	var ce *ConflictError
	if errors.As(err, &ce) {
		conflicts, err := h.showConflictViews(ctx, ce.Conflicts, func(string) (*time.Location, string) { return loc, "" })
		if err != nil {
			return err
		}
		return web.Render(c, http.StatusConflict, adminview.ShowNew(showNewProps(ctx, choices, v, raw, nil, conflicts)))
	}
	if err != nil {
		return err
	}
	h.showFlash(c, i18n.T(ctx, "Scheduled show #{{.ID}} on {{.Screen}} at {{.Theater}}, {{.When}}.", "ID", show.ID,
		"Screen", screen.Name, "Theater", theater.Name, "When", showWhen(ctx, show.StartsAt.In(loc))))
	return web.Redirect(c, showListURL(theater.ID, start.Format(time.DateOnly), show.ID))
}

// showNewProps fills the schedule form: choices, the values typed, the
// price inputs as typed, and what went wrong.
func showNewProps(ctx context.Context, choices ScheduleChoices, v adminview.ShowNewValues, raw map[Category]string, errs validate.Errors, conflicts []adminview.ShowConflict) adminview.ShowNewProps {
	movies := choices.Schedulable()
	languages, subtitles := showLanguageChoices(movies)
	p := adminview.ShowNewProps{
		Movies: showMovieOptions(movies), Screens: showScreenGroups(ctx, choices), Formats: Formats(),
		Languages: languages, Subtitles: subtitles, Values: v, Errors: errs, Conflicts: conflicts,
		Summary: adminview.ShowMessages(errs, "movie", "screen", "date", "time", "format", "language", "prices"),
	}
	for _, cat := range Categories() {
		name := "price_" + string(cat)
		p.Prices = append(p.Prices, adminview.ShowPriceField{Name: name, Label: i18n.T(ctx, cat.Label()), Value: raw[cat], Error: errs[name]})
	}
	return p
}

// showPricesFromForm reads the price_<category> inputs of cats: the
// amounts typed, the text as typed, and a message per unreadable amount.
// Blank inputs are left out.
func showPricesFromForm(ctx context.Context, c echo.Context, cats []Category) (Prices, map[Category]string, validate.Errors) {
	prices, raw, errs := Prices{}, map[Category]string{}, validate.Errors{}
	for _, cat := range cats {
		text := strings.TrimSpace(c.FormValue("price_" + string(cat)))
		raw[cat] = text
		if text == "" {
			continue
		}
		amount, err := showParseAmount(text)
		if err != nil {
			errs.Add("price_"+string(cat), i18n.T(ctx, "Enter the {{.Kind}} price as an amount like 12.50.", "Kind", categoryName(ctx, cat)))
			continue
		}
		prices[cat] = amount
	}
	return prices, raw, errs
}

// showFlash keeps a success message for the page after the redirect.
func (h *Handler) showFlash(c echo.Context, text string) {
	h.auth.Flash(c, webctx.FlashSuccess, text)
}
