package booking

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffStatus is a booking's state as staff read it, in ctx's language,
// with a badge tone (ok, warn, danger, muted).
func staffStatus(ctx context.Context, b StaffBooking, now time.Time) (label, tone string) {
	label, tone = staffStatusLabel(b, now)
	return i18n.T(ctx, label), tone
}

// staffStatusLabel is staffStatus's English label, the catalogue's id.
func staffStatusLabel(b StaffBooking, now time.Time) (label, tone string) {
	switch b.Status {
	case Confirmed:
		return i18n.Msg("Confirmed"), "ok"
	case Held:
		if b.HoldExpiresAt.After(now) {
			return i18n.Msg("Seats held"), "warn"
		}
		return i18n.Msg("Hold ran out"), "muted"
	case PendingPayment:
		return i18n.Msg("Awaiting payment"), "warn"
	case Cancelled:
		return i18n.Msg("Cancelled"), "danger"
	case Refunded:
		return i18n.Msg("Refunded"), "muted"
	case PaymentFailed:
		return i18n.Msg("Payment failed"), "danger"
	}
	return i18n.Msg("Expired"), "muted"
}

// staffBuyer names a booking's buyer without reading the account module.
func staffBuyer(ctx context.Context, userID int64) string {
	if userID == 0 {
		return i18n.T(ctx, "Deleted account")
	}
	return i18n.T(ctx, "Customer #{{.ID}}", "ID", strconv.FormatInt(userID, 10))
}

// staffShowLine is "Hold Tight · Mon 2 Jan, 19:00 · Screen 1" for the door.
func staffShowLine(ctx context.Context, d catalog.ShowDetail) string {
	return d.Movie.Title + " · " + i18n.DayTime(ctx, d.StartsAt.In(d.Theater.Location())) + " · " + d.Screen.Name
}

// staffShowID reads an optional show id (a picker's "" is 0).
// Errors: ErrNotFound for anything but empty or a positive integer.
func staffShowID(raw string) (int64, error) {
	if raw == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("show id %q: %w", raw, ErrNotFound)
	}
	return id, nil
}

// staffShowChoices offers the shows starting today in each theater's own
// time zone (cancelled ones left out) at the places the staff member may
// act, grouped by theater, by time, plus the chosen show when it is on
// another day. Errors: ErrNotFound for an unknown chosen show or one at
// another theater.
func (h *Handler) staffShowChoices(ctx context.Context, chosen int64, places staffPlaces) ([]views.StaffShowGroup, error) {
	var groups []views.StaffShowGroup
	if h.opts.Schedule != nil {
		now := h.svc.opts.Now()
		shows, err := h.opts.Schedule.AdminShows(ctx, catalog.ShowFilter{From: now.Add(-24 * time.Hour), Until: now.Add(24 * time.Hour),
			Places: &places.filter})
		if err != nil {
			return nil, fmt.Errorf("today's shows: %w", err)
		}
		for _, s := range shows {
			loc := s.Location()
			start := s.StartsAt.In(loc)
			if s.Status == catalog.Cancelled || start.Format(time.DateOnly) != now.In(loc).Format(time.DateOnly) || !places.has(s.TheaterID) {
				continue
			}
			i := slices.IndexFunc(groups, func(g views.StaffShowGroup) bool { return g.Theater == s.TheaterName })
			if i < 0 {
				groups = append(groups, views.StaffShowGroup{Theater: s.TheaterName})
				i = len(groups) - 1
			}
			groups[i].Shows = append(groups[i].Shows, views.StaffShowChoice{ID: s.ID,
				Label: i18n.Time(ctx, start) + " " + s.MovieTitle + " · " + s.ScreenName})
			if s.ID == chosen {
				chosen = 0
			}
		}
		slices.SortStableFunc(groups, func(a, b views.StaffShowGroup) int { return strings.Compare(a.Theater, b.Theater) })
	}
	if chosen == 0 {
		return groups, nil
	}
	other, err := h.svc.shows.ShowsForAdmin(ctx, []int64{chosen})
	if err != nil {
		return nil, fmt.Errorf("chosen show %d: %w", chosen, err)
	}
	s, ok := other[chosen]
	if !ok || !places.has(s.TheaterID) {
		return nil, fmt.Errorf("chosen show %d: %w", chosen, ErrNotFound)
	}
	label := i18n.DayTime(ctx, s.StartsAt.In(s.Location())) + " " + s.MovieTitle + " · " + s.ScreenName
	return append([]views.StaffShowGroup{{Theater: i18n.T(ctx, "{{.Theater}} (another day)", "Theater", s.TheaterName),
		Shows: []views.StaffShowChoice{{ID: s.ID, Label: label}}}}, groups...), nil
}
