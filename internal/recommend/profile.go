package recommend

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// Visit is one show a user booked and paid for (a confirmed booking).
type Visit struct {
	MovieID   int64
	TheaterID int64
	StartsAt  time.Time
	TimeZone  string // the theater's IANA zone
	Format    string
	Language  string
	Subtitles string
	Seats     int
}

// Visits reads the shows users booked (the booking module, through an
// adapter in main), newest first.
type Visits interface {
	Visits(ctx context.Context, userID int64) ([]Visit, error)
}

// profileVisits is how many of the latest visits a profile learns from:
// habits change, and the last few say most about the next.
const profileVisits = 20

// Slot is when in the week a show starts, in its theater's time: what a
// profile learns about when someone goes to the movies.
type Slot int

// The slots: a matinee starts before 17:00, an evening show after; the
// weekend is Saturday and Sunday.
const (
	WeekdayMatinee Slot = iota
	WeekdayEvening
	WeekendMatinee
	WeekendEvening
)

// slotOf is the slot of a show starting at t in the zone tz.
func slotOf(t time.Time, tz string) Slot {
	if loc, err := time.LoadLocation(tz); err == nil {
		t = t.In(loc)
	}
	s := WeekdayMatinee
	if d := t.Weekday(); d == time.Saturday || d == time.Sunday {
		s = WeekendMatinee
	}
	if t.Hour() >= 17 {
		s++
	}
	return s
}

// label is the slot's name as a message id (translated by the reader).
func (s Slot) label() string {
	return [...]string{i18n.Msg("Weekday matinee"), i18n.Msg("Weekday evening"),
		i18n.Msg("Weekend matinee"), i18n.Msg("Weekend evening")}[s]
}

// Profile is what a user's latest visits show they like: how often they
// went to each theater, in each slot of the week, in each format and
// language, and how many seats they usually book. It is small and
// explainable: every reason quotes its counts.
type Profile struct {
	Visits    []Visit // the latest, newest first, at most profileVisits
	Theaters  map[int64]int
	Slots     map[Slot]int
	Formats   map[string]int
	Languages map[string]int
	// Seats is the party size they book most (1 with no visits).
	Seats int
}

// NewProfile learns a profile from visits (newest first).
func NewProfile(visits []Visit) Profile {
	if len(visits) > profileVisits {
		visits = visits[:profileVisits]
	}
	p := Profile{Visits: visits, Theaters: map[int64]int{}, Slots: map[Slot]int{}, Formats: map[string]int{},
		Languages: map[string]int{}, Seats: 1}
	seats := map[int]int{}
	for _, v := range visits {
		p.Theaters[v.TheaterID]++
		p.Slots[slotOf(v.StartsAt, v.TimeZone)]++
		p.Formats[v.Format]++
		p.Languages[v.Language]++
		seats[v.Seats]++
	}
	best := 0
	for n, c := range seats {
		if n > 0 && (c > best || c == best && n < p.Seats) {
			p.Seats, best = n, c
		}
	}
	return p
}

// Cold reports whether the profile knows nothing yet.
func (p Profile) Cold() bool { return len(p.Visits) == 0 }

// share is how often key came up in counts, from 0 to 1.
func share[K comparable](p Profile, counts map[K]int, key K) float64 {
	if len(p.Visits) == 0 {
		return 0
	}
	return float64(counts[key]) / float64(len(p.Visits))
}

// TopFormat is the format they book most, "" with no visits; ties go to
// the more special format (IMAX over 2D), as that is the choice it says
// most about.
func (p Profile) TopFormat() string {
	better := func(a, b string) bool {
		if p.Formats[a] != p.Formats[b] {
			return p.Formats[a] > p.Formats[b]
		}
		if (a == standardFormat) != (b == standardFormat) {
			return b == standardFormat
		}
		return a < b
	}
	top := ""
	for f := range p.Formats {
		if top == "" || better(f, top) {
			top = f
		}
	}
	return top
}

// standardFormat is the plain format; preferring it says little.
const standardFormat = "2D"

// profile reads the user's visits and learns their profile; an unknown
// user or one without visits gets an empty (cold) profile.
func (s *Service) profile(ctx context.Context, userID int64) (Profile, error) {
	if userID == 0 || s.opts.Visits == nil {
		return NewProfile(nil), nil
	}
	visits, err := s.opts.Visits.Visits(ctx, userID)
	if err != nil {
		return Profile{}, fmt.Errorf("visits of user %d: %w", userID, err)
	}
	return NewProfile(visits), nil
}
