package catalog

import (
	"time"

	"github.com/labstack/echo/v4"
)

// Time zones run from UTC-12 to UTC+14: a calendar day somewhere on Earth
// starts at most 14 hours before the UTC day does and ends at most 12
// hours after it.
const (
	earliestOffset = 14 * time.Hour
	latestOffset   = 12 * time.Hour
)

// showsOnLocalDay lists the shows f selects that start on calendar day
// (a date at UTC midnight) in their own theater's time zone, and whether
// the list was cut at AdminShowLimit. With theater given, that is one
// range in its zone; otherwise every zone's day is fetched at once and
// each show kept when its local date is day.
func (h *Handler) showsOnLocalDay(c echo.Context, f ShowFilter, theater *Theater, day time.Time) ([]AdminShow, bool, error) {
	ctx := c.Request().Context()
	places := managed(c)
	f.Places = &places
	y, m, d := day.Date()
	if theater != nil {
		f.From = time.Date(y, m, d, 0, 0, 0, 0, theater.Location())
		f.Until = f.From.AddDate(0, 0, 1)
		shows, err := h.svc.AdminShows(ctx, f)
		return shows, len(shows) >= AdminShowLimit, err
	}
	f.From = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(-earliestOffset)
	f.Until = time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC).Add(latestOffset)
	shows, err := h.svc.AdminShows(ctx, f)
	if err != nil {
		return nil, false, err
	}
	truncated := len(shows) >= AdminShowLimit
	kept := shows[:0]
	for _, s := range shows {
		if sameDate(s.StartsAt.In(s.Location()), day) {
			kept = append(kept, s)
		}
	}
	return kept, truncated, nil
}

// showListToday is the day the show list opens on: the theater's local
// today, or, for every theater, the date it is today at most theaters
// (the earlier date on a tie), as a date at UTC midnight.
func showListToday(choices ScheduleChoices, theater *Theater, now time.Time) time.Time {
	if theater != nil {
		return dateOf(now.In(theater.Location()))
	}
	count := map[time.Time]int{}
	best := dateOf(now.UTC())
	for _, t := range choices.Theaters {
		d := dateOf(now.In(t.Location()))
		count[d]++
		if len(count) == 1 || count[d] > count[best] || (count[d] == count[best] && d.Before(best)) {
			best = d
		}
	}
	return best
}

// dateOf is t's calendar date (in t's zone) at UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// sameDate reports whether t (in its zone) falls on calendar day.
func sameDate(t, day time.Time) bool {
	return dateOf(t).Equal(dateOf(day))
}
