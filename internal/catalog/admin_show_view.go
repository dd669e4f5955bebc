package catalog

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// This file turns shows and scheduling choices into what the admin show
// pages print.

// showListURL links the admin list of a theater's day (every theater when
// theaterID is 0), scrolled to showID when it is not 0.
func showListURL(theaterID int64, day string, showID int64) string {
	q := url.Values{}
	if theaterID != 0 {
		q.Set("theater", strconv.FormatInt(theaterID, 10))
	}
	if day != "" {
		q.Set("date", day)
	}
	if showID != 0 {
		// The list is paged: show= opens the page the show is on.
		q.Set("show", strconv.FormatInt(showID, 10))
		return "/admin/shows?" + q.Encode() + "#show-" + strconv.FormatInt(showID, 10)
	}
	return "/admin/shows?" + q.Encode()
}

// showState labels a show for staff: cancelled, finished, playing now, sold
// out, filling up or on sale, with the badge tone to draw it in. The label
// is an i18n message id: render it with i18n.T.
func showState(cancelled bool, starts, ends time.Time, available, total int, now time.Time) (label, tone string) {
	switch {
	case cancelled:
		return i18n.Msg("Cancelled"), "danger"
	case !now.Before(ends):
		return i18n.Msg("Finished"), ""
	case !now.Before(starts):
		return i18n.Msg("Playing now"), "ok"
	case available <= 0:
		return i18n.Msg("Sold out"), "warn"
	case available*5 <= total:
		return i18n.Msg("Filling up"), "warn"
	}
	return i18n.Msg("On sale"), "ok"
}

// showVersion reads "2D · English · Hindi subtitles".
func showVersion(ctx context.Context, format, language, subtitles string) string {
	s := format + " · " + language
	if subtitles != "" {
		s += " · " + i18n.T(ctx, "{{.Language}} subtitles", "Language", subtitles)
	}
	return s
}

// showPriceLines lists a show's prices in category order: "Standard £10".
func showPriceLines(ctx context.Context, p Prices, currency string) []string {
	var out []string
	for _, c := range Categories() {
		if amount, ok := p[c]; ok {
			out = append(out, i18n.T(ctx, c.Label())+" "+i18n.Money(ctx, amount, currency))
		}
	}
	return out
}

// showSummary describes a show on the pages that act on it.
func showSummary(ctx context.Context, a AdminShow, now time.Time) adminview.ShowSummary {
	loc := a.Location()
	label, tone := showState(a.Status == Cancelled, a.StartsAt, a.EndsAt, a.SeatsAvailable, a.SeatsTotal, now)
	start := a.StartsAt.In(loc)
	return adminview.ShowSummary{
		ID: a.ID, Movie: a.MovieTitle, Theater: a.TheaterName, Screen: a.ScreenName,
		When:    i18n.Weekday(ctx, start) + " " + i18n.Date(ctx, start) + ", " + i18n.Time(ctx, start) + " " + start.Format("MST"),
		Details: showVersion(ctx, a.Format, a.Language, a.Subtitles), Status: label, Tone: tone,
		Sold: max(a.SeatsTotal-a.SeatsAvailable, 0), Total: a.SeatsTotal,
		ListURL:   showListURL(a.TheaterID, a.StartsAt.In(loc).Format(time.DateOnly), a.ID),
		Cancelled: a.Status == Cancelled,
	}
}

// showWhen is a show's start in its theater's zone for messages:
// "Fri 14 Mar 18:00 GMT".
func showWhen(ctx context.Context, t time.Time) string {
	return i18n.Day(ctx, t) + " " + i18n.Time(ctx, t) + " " + t.Format("MST")
}

// localizedErrors translates validation messages (i18n ids, or text
// already in ctx's language, which stays as it is) for a form.
func localizedErrors(ctx context.Context, errs validate.Errors) validate.Errors {
	if errs == nil {
		return nil
	}
	out := make(validate.Errors, len(errs))
	for k, m := range errs {
		out[k] = i18n.T(ctx, m)
	}
	return out
}

// showMovieOptions offers movies by title.
func showMovieOptions(movies []Movie) []adminview.ShowOption {
	out := make([]adminview.ShowOption, len(movies))
	for i, m := range movies {
		out[i] = adminview.ShowOption{Value: strconv.FormatInt(m.ID, 10), Label: m.Title}
	}
	return out
}

// showScreenGroups offers screens grouped by theater, with their formats.
func showScreenGroups(ctx context.Context, c ScheduleChoices) []adminview.ShowOptionGroup {
	var out []adminview.ShowOptionGroup
	for _, t := range c.Theaters {
		if len(t.Screens) == 0 {
			continue
		}
		g := adminview.ShowOptionGroup{Label: t.Name + " · " + t.CityName}
		for _, sc := range t.Screens {
			g.Options = append(g.Options, adminview.ShowOption{Value: strconv.FormatInt(sc.ID, 10),
				Label: sc.Name + " · " + strings.Join(sc.Formats, ", ") + " · " + i18n.N(ctx, "{{.Count}} seats", sc.SeatCount)})
		}
		out = append(out, g)
	}
	return out
}

// showLanguageChoices lists every language the movies play in, and every
// language they have subtitles in, each sorted.
func showLanguageChoices(movies []Movie) (languages, subtitles []string) {
	for _, m := range movies {
		for _, l := range m.Languages() {
			if l != "" && !slices.Contains(languages, l) {
				languages = append(languages, l)
			}
		}
		for _, l := range m.SubtitleLanguages {
			if l != "" && !slices.Contains(subtitles, l) {
				subtitles = append(subtitles, l)
			}
		}
	}
	slices.Sort(languages)
	slices.Sort(subtitles)
	return languages, subtitles
}

// showConflictViews describes each conflict in the blocked screen's local
// time and links the show in the way. where gives the theater (its time
// zone, and its name when the request spans several theaters, "" if not)
// of a conflict by screen name, for blockers that are not saved shows
// (another show of the same request).
func (h *Handler) showConflictViews(ctx context.Context, list []Conflict, where func(screen string) (*time.Location, string)) ([]adminview.ShowConflict, error) {
	var ids []int64
	for _, c := range list {
		if c.BlockingID != 0 {
			ids = append(ids, c.BlockingID)
		}
	}
	blockers, err := h.svc.ShowsForAdmin(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]adminview.ShowConflict, len(list))
	for i, c := range list {
		loc, theater := where(c.Screen)
		b, saved := blockers[c.BlockingID]
		if saved {
			loc = b.Location()
			if theater != "" {
				theater = b.TheaterName
			}
		}
		start := c.StartsAt.In(loc)
		when := i18n.Day(ctx, start) + " " + i18n.Time(ctx, start)
		var text string
		if c.BlockingStart.IsZero() {
			text = i18n.T(ctx, "{{.Screen}}, {{.When}} — blocked by {{.Title}}", "Screen", c.Screen, "When", when, "Title", c.BlockingTitle)
		} else {
			text = i18n.T(ctx, "{{.Screen}}, {{.When}} — blocked by '{{.Title}}' {{.From}}–{{.Until}}", "Screen", c.Screen, "When", when,
				"Title", c.BlockingTitle, "From", i18n.Time(ctx, c.BlockingStart.In(loc)), "Until", i18n.Time(ctx, c.BlockingUntil.In(loc)))
		}
		if theater != "" {
			text = theater + " · " + text
		}
		out[i] = adminview.ShowConflict{Text: text}
		if saved {
			out[i].BlockerID = b.ID
			out[i].BlockerURL = showListURL(b.TheaterID, b.StartsAt.In(loc).Format(time.DateOnly), b.ID)
		}
	}
	return out, nil
}

// showParseAmount reads a price typed as a decimal ("12", "12.5",
// "1,250.00") into minor units.
func showParseAmount(s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	whole, frac, dotted := strings.Cut(s, ".")
	if whole == "" && dotted {
		whole = "0"
	}
	if len(frac) > 2 || (dotted && frac == "") || strings.ContainsAny(whole+frac, "+-") {
		return 0, fmt.Errorf("price %q: not an amount like 12.50", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 100_000 {
		return 0, fmt.Errorf("price %q: not an amount like 12.50", s)
	}
	var f int64
	if frac != "" {
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, fmt.Errorf("price %q: not an amount like 12.50", s)
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, nil
}

// showFormatAmount writes minor units as the decimal a price input holds.
func showFormatAmount(amount int64) string {
	return fmt.Sprintf("%d.%02d", amount/100, amount%100)
}
