package recommend

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// TheaterPick is a theater of "Theaters you may like", with why.
type TheaterPick struct {
	Theater catalog.Theater
	Reason  string
	// Km is how far it is from the nearest of the user's usual theaters
	// (-1 when either has no coordinates).
	Km    float64
	score float64
}

// nearKm is how close a theater must be to one the user goes to for its
// reason to say so.
const nearKm = 10

// TheatersForUser returns up to limit theaters in the city that the user
// has not been to, near the ones they go to (by coordinates when the
// catalogue has them, else the same city) and playing the format they book
// most in the coming week, or with the amenities of their usual theaters.
// A user without visits gets none: there is nothing to be near yet.
// Errors: ErrNotFound for an unknown city.
func (s *Service) TheatersForUser(ctx context.Context, userID int64, citySlug string, limit int) ([]TheaterPick, error) {
	city, err := s.city(ctx, citySlug)
	if err != nil {
		return nil, err
	}
	prof, err := s.profile(ctx, userID)
	if err != nil || prof.Cold() {
		return nil, err
	}
	all, err := s.catalog.Theaters(ctx, city.Slug)
	if err != nil {
		return nil, err
	}
	// The usual theaters may be in another city: read them by id.
	var usual []catalog.Theater
	for id := range prof.Theaters {
		t, err := s.catalog.Theater(ctx, id)
		if err != nil {
			continue // closed since: nothing to be near
		}
		usual = append(usual, t)
	}
	if len(usual) == 0 {
		return nil, nil
	}
	sort.Slice(usual, func(i, j int) bool { return prof.Theaters[usual[i].ID] > prof.Theaters[usual[j].ID] })
	formats, err := s.formatsPlaying(ctx, city.Slug)
	if err != nil {
		return nil, err
	}
	top := prof.TopFormat()
	var out []TheaterPick
	for _, t := range all {
		if prof.Theaters[t.ID] > 0 {
			continue
		}
		near, km := nearest(t, usual)
		p := TheaterPick{Theater: t, Km: km}
		plays := top != standardFormat && formats[t.ID][top]
		amenity := sharedAmenity(t, usual)
		if plays {
			p.score += 2
		}
		if amenity != "" {
			p.score++
		}
		if km >= 0 {
			p.score += 2 / (1 + km)
		} else if near.CitySlug == t.CitySlug {
			p.score += 0.5
		}
		p.Reason = suggestionReason(ctx, near, km, top, plays, amenity, city)
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out[:min(limit, len(out))], nil
}

// formatsPlaying is, per theater in the city, the formats of its shows
// on sale in the coming week.
func (s *Service) formatsPlaying(ctx context.Context, city string) (map[int64]map[string]bool, error) {
	now := s.opts.Now()
	shows, err := s.catalog.BookableShowsIn(ctx, city, nil, now, now.Add(showsAhead))
	if err != nil {
		return nil, err
	}
	out := map[int64]map[string]bool{}
	for _, sh := range shows {
		if out[sh.TheaterID] == nil {
			out[sh.TheaterID] = map[string]bool{}
		}
		out[sh.TheaterID][sh.Format] = true
	}
	return out, nil
}

// nearest is the usual theater nearest to t (the most visited when none
// has coordinates) and the distance in km, -1 when unknown.
func nearest(t catalog.Theater, usual []catalog.Theater) (catalog.Theater, float64) {
	best, km := usual[0], -1.0
	for _, u := range usual {
		if d := distanceKm(t, u); d >= 0 && (km < 0 || d < km) {
			best, km = u, d
		}
	}
	return best, km
}

// distanceKm is the great-circle distance between two theaters, -1 when
// either has no coordinates.
func distanceKm(a, b catalog.Theater) float64 {
	if a.Latitude == nil || a.Longitude == nil || b.Latitude == nil || b.Longitude == nil {
		return -1
	}
	const earthKm = 6371.0
	rad := math.Pi / 180
	la1, la2 := *a.Latitude*rad, *b.Latitude*rad
	dLa, dLo := la2-la1, (*b.Longitude-*a.Longitude)*rad
	h := math.Sin(dLa/2)*math.Sin(dLa/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dLo/2)*math.Sin(dLo/2)
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// sharedAmenity is an amenity t has in common with the user's usual
// theaters ("" when none), the first in t's own order.
func sharedAmenity(t catalog.Theater, usual []catalog.Theater) string {
	for _, a := range t.Amenities {
		for _, u := range usual {
			if slices.Contains(u.Amenities, a) {
				return a
			}
		}
	}
	return ""
}

// suggestionReason says why a theater may suit the user.
func suggestionReason(ctx context.Context, near catalog.Theater, km float64, format string, plays bool, amenity string, city catalog.City) string {
	dist := i18n.T(ctx, "{{.Km}} km", "Km", fmt.Sprintf("%.1f", km))
	if amenity != "" {
		amenity = i18n.T(ctx, catalog.Amenities()[amenity])
	}
	switch {
	case km >= 0 && km <= nearKm && plays:
		return i18n.T(ctx, "{{.Distance}} from {{.Usual}}, with {{.Format}} shows this week", "Distance", dist,
			"Usual", near.Name, "Format", format)
	case plays:
		return i18n.T(ctx, "Has {{.Format}} shows this week, the format you book most", "Format", format)
	case km >= 0 && km <= nearKm && amenity != "":
		return i18n.T(ctx, "{{.Distance}} from {{.Usual}}; like it, it has {{.Amenity}}", "Distance", dist,
			"Usual", near.Name, "Amenity", amenity)
	case km >= 0 && km <= nearKm:
		return i18n.T(ctx, "{{.Distance}} from {{.Usual}}, where you usually go", "Distance", dist, "Usual", near.Name)
	case amenity != "":
		return i18n.T(ctx, "Like {{.Usual}}, it has: {{.Amenity}}", "Amenity", amenity, "Usual", near.Name)
	}
	return i18n.T(ctx, "Another theater in {{.City}}", "City", city.Name)
}
