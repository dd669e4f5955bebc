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

	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// browseDays returns the BrowseDays local days from today in loc.
func (h *Handler) browseDays(loc *time.Location) []time.Time {
	today, _ := DayRange(h.svc.now(), loc)
	days := make([]time.Time, BrowseDays)
	for i := range days {
		days[i] = today.AddDate(0, 0, i)
	}
	return days
}

// pickDay reads ?date=YYYY-MM-DD as one of days; anything else (missing,
// malformed, in the past or beyond the strip) means the first day that has
// shows by has (a nil has: every day has), or today when none has.
func pickDay(raw string, days []time.Time, has map[string]bool) time.Time {
	for _, d := range days {
		if d.Format(time.DateOnly) == raw {
			return d
		}
	}
	for _, d := range days {
		if has == nil || has[d.Format(time.DateOnly)] {
			return d
		}
	}
	return days[0]
}

// dateStrip links each day to path?date=...; has (when not nil) tells which
// days have shows, the others are shown disabled.
func dateStrip(ctx context.Context, path string, days []time.Time, current time.Time, has map[string]bool) []views.DayLink {
	out := make([]views.DayLink, len(days))
	for i, d := range days {
		key := d.Format(time.DateOnly)
		weekday := i18n.Weekday(ctx, d)
		switch i {
		case 0:
			weekday = i18n.T(ctx, "Today")
		case 1:
			weekday = i18n.T(ctx, "Tmrw")
		}
		out[i] = views.DayLink{
			Href:    path + "?" + url.Values{"date": {key}}.Encode(),
			Weekday: weekday, Day: strconv.Itoa(d.Day()), Month: shortMonth(ctx, d),
			Current: d.Equal(current),
			Empty:   has != nil && !has[key],
		}
	}
	return out
}

// shortMonth is d's month as the language abbreviates it ("Jan", "ene").
func shortMonth(ctx context.Context, d time.Time) string {
	if f := strings.Fields(i18n.Date(ctx, d)); len(f) == 3 {
		return f[1]
	}
	return d.Format("Jan")
}

// showGroupsView turns grouped shows into time chips in local time.
func showGroupsView(ctx context.Context, groups []ShowGroup, loc *time.Location) []views.ShowGroupProps {
	out := make([]views.ShowGroupProps, len(groups))
	for i, g := range groups {
		chips := make([]views.TimeChip, len(g.Shows))
		for j, s := range g.Shows {
			chips[j] = timeChip(ctx, s.Show, s.ScreenName, loc)
		}
		out[i] = views.ShowGroupProps{Format: g.Format, Language: i18n.LanguageName(ctx, g.Language),
			Subtitles: i18n.LanguageNameInText(ctx, g.Subtitles), Chips: chips}
	}
	return out
}

// timeChip is a showtime in the theater's zone; tapping it opens the seat
// map at once (the show page in between only repeated what the chip said).
func timeChip(ctx context.Context, s Show, screen string, loc *time.Location) views.TimeChip {
	chip := views.TimeChip{Time: i18n.Time(ctx, s.StartsAt.In(loc)), Screen: screen,
		SoldOut: s.SoldOut(), FillingFast: s.AlmostFull()}
	if !chip.SoldOut {
		chip.Href = seatsHref(s.ID)
	}
	return chip
}

func seatsHref(id int64) string    { return "/shows/" + strconv.FormatInt(id, 10) + "/seats" }
func movieHref(slug string) string { return "/movies/" + url.PathEscape(slug) }
func theaterHref(slug string) string {
	return "/theaters/" + url.PathEscape(slug)
}

// ratingText is "7.8", or "" while the movie has no rating.
func ratingText(r *float64) string {
	if r == nil {
		return ""
	}
	return strconv.FormatFloat(*r, 'f', 1, 64)
}

// amenityLabels turns amenity codes into their labels, sorted; unknown
// codes are left out.
func amenityLabels(codes []string) []string {
	labels := Amenities()
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if l, ok := labels[c]; ok {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// mapURL links to the theater on OpenStreetMap, "" without coordinates.
func mapURL(t Theater) string {
	if t.Latitude == nil || t.Longitude == nil {
		return ""
	}
	return fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=17/%.5f/%.5f",
		*t.Latitude, *t.Longitude, *t.Latitude, *t.Longitude)
}
