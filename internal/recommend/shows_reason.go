package recommend

import (
	"context"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// likeVisits is a reason quoting the visits a show is like, in the three
// forms its counts call for.
type likeVisits struct {
	last1 string // of the one visit there is
	lastN string // of all the latest visits ({{.N}})
	nOf   string // of {{.N}} of the latest {{.Of}}
}

// say is the reason for n of the latest of visits.
func (m likeVisits) say(ctx context.Context, n, of int, kv ...any) string {
	id := m.nOf
	if n == of {
		id = m.lastN
		if of == 1 {
			id = m.last1
		}
	}
	return i18n.T(ctx, id, append(kv, "N", i18n.Number(ctx, int64(n)), "Of", i18n.Number(ctx, int64(of)))...)
}

// The reasons, the most specific first.
func slotFormatTheaterReason() likeVisits {
	return likeVisits{i18n.Msg("{{.Slot}} in {{.Format}} at {{.Theater}}, like your last visit"),
		i18n.Msg("{{.Slot}} in {{.Format}} at {{.Theater}}, like your last {{.N}} visits"),
		i18n.Msg("{{.Slot}} in {{.Format}} at {{.Theater}}, like {{.N}} of your last {{.Of}} visits")}
}

func slotTheaterReason() likeVisits {
	return likeVisits{i18n.Msg("{{.Slot}} at {{.Theater}}, like your last visit"),
		i18n.Msg("{{.Slot}} at {{.Theater}}, like your last {{.N}} visits"),
		i18n.Msg("{{.Slot}} at {{.Theater}}, like {{.N}} of your last {{.Of}} visits")}
}

func usualTheaterReason() likeVisits {
	return likeVisits{i18n.Msg("At {{.Theater}}, where you went last time"),
		i18n.Msg("At {{.Theater}}, where you went the last {{.N}} times"),
		i18n.Msg("At {{.Theater}}, where you went {{.N}} of your last {{.Of}} times")}
}

// showReason says why a show suits the user, quoting the visits it is
// like: the time of the week in a special format at the theater, then the
// time at the theater, then the theater. A show that is like none of them
// (or a user without visits) gets the movie's own reason, or that it is
// playing in the city.
func showReason(ctx context.Context, p Profile, sh catalog.Show, t catalog.Theater, city catalog.City, movieReason string) string {
	slot := slotOf(sh.StartsAt, t.TimeZone)
	var nAll, nSlotTheater int
	for _, v := range p.Visits {
		if v.TheaterID == t.ID && slotOf(v.StartsAt, v.TimeZone) == slot {
			nSlotTheater++
			if v.Format == sh.Format {
				nAll++
			}
		}
	}
	of := len(p.Visits)
	kv := []any{"Slot", i18n.T(ctx, slot.label()), "Theater", t.Name, "Format", sh.Format}
	switch {
	case sh.Format != standardFormat && nAll > 0:
		return slotFormatTheaterReason().say(ctx, nAll, of, kv...)
	case nSlotTheater > 0:
		return slotTheaterReason().say(ctx, nSlotTheater, of, kv...)
	case p.Theaters[t.ID] > 0:
		return usualTheaterReason().say(ctx, p.Theaters[t.ID], of, kv...)
	case movieReason != "":
		return movieReason
	}
	return i18n.T(ctx, "Playing in {{.City}} this week", "City", city.Name)
}
