package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// Dashboard is what the admin dashboard shows: today's live shows at every
// theater, "today" being each theater's own local day.
type Dashboard struct {
	Now              time.Time
	MoviesNowShowing int
	Theaters         []DashboardTheater
}

// DashboardTheater is a theater and its live shows on its local today.
type DashboardTheater struct {
	ID       int64
	Name     string
	TimeZone string
	Shows    []DashboardShow
}

// Location returns the theater's time zone (UTC if it is unknown).
func (t DashboardTheater) Location() *time.Location { return loadLocation(t.TimeZone) }

// DashboardShow is one show on the dashboard.
type DashboardShow struct {
	ID             int64
	MovieTitle     string
	ScreenName     string
	Format         string
	Language       string
	StartsAt       time.Time
	EndsAt         time.Time
	SeatsTotal     int
	SeatsAvailable int
}

// Sold is how many seats are no longer for sale (sold or held).
func (s DashboardShow) Sold() int { return max(s.SeatsTotal-s.SeatsAvailable, 0) }

// ShowsToday counts the live shows of the day across theaters.
func (d Dashboard) ShowsToday() int {
	n := 0
	for _, t := range d.Theaters {
		n += len(t.Shows)
	}
	return n
}

// SeatsSold adds up the seats sold for today's shows, and the seats there are.
func (d Dashboard) SeatsSold() (sold, total int) {
	for _, t := range d.Theaters {
		for _, s := range t.Shows {
			sold += s.Sold()
			total += s.SeatsTotal
		}
	}
	return sold, total
}

// Dashboard returns today's shows at the theaters f covers and the
// headline counts, in one query.
func (s *Service) Dashboard(ctx context.Context, f authz.Filter) (Dashboard, error) {
	now := s.now()
	rows, err := s.q.DashboardToday(ctx, s.pool, catalogdb.DashboardTodayParams{
		AllTheaters: f.All, ChainIds: f.ChainIDs, TheaterIds: f.TheaterIDs, Now: now})
	if err != nil {
		return Dashboard{}, fmt.Errorf("dashboard: %w", err)
	}
	d := Dashboard{Now: now}
	for _, r := range rows {
		d.MoviesNowShowing = int(r.MoviesNowShowing)
		if r.TheaterID == nil {
			continue
		}
		if n := len(d.Theaters); n == 0 || d.Theaters[n-1].ID != *r.TheaterID {
			d.Theaters = append(d.Theaters, DashboardTheater{ID: *r.TheaterID, Name: dashValue(r.TheaterName), TimeZone: dashValue(r.TimeZone)})
		}
		if r.ShowID == nil {
			continue
		}
		t := &d.Theaters[len(d.Theaters)-1]
		t.Shows = append(t.Shows, DashboardShow{
			ID: *r.ShowID, MovieTitle: dashValue(r.MovieTitle), ScreenName: dashValue(r.ScreenName),
			Format: dashValue(r.Format), Language: dashValue(r.Language),
			StartsAt: dashValue(r.StartsAt).UTC(), EndsAt: dashValue(r.EndsAt).UTC(),
			SeatsTotal: int(dashValue(r.SeatsTotal)), SeatsAvailable: int(dashValue(r.SeatsAvailable)),
		})
	}
	return d, nil
}

// dashValue reads a column a left join may have left null.
func dashValue[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
