package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// ReportTheater is a theater as manager reports name it: where its local
// dates fall (TimeZone) and what money it takes (Currency).
type ReportTheater struct {
	ID       int64
	Name     string
	TimeZone string
	Currency string
}

// Location returns the theater's time zone (UTC if it is unknown).
func (t ReportTheater) Location() *time.Location { return loadLocation(t.TimeZone) }

// ReportSource is what a manager report needs from the catalogue: the
// theaters the viewer's scope covers (by name) and the live shows of the
// chosen ones that start in the asked window (by start).
type ReportSource struct {
	Theaters []ReportTheater
	Shows    []AdminShow
}

// ReportAsk is what a report asks the catalogue for: the theaters Places
// covers and, when ShowsUntil is after ShowsFrom, the live shows starting
// in [ShowsFrom, ShowsUntil) at TheaterID (0: at every theater covered).
type ReportAsk struct {
	Places                authz.Filter
	TheaterID             int64
	ShowsFrom, ShowsUntil time.Time
}

// ReportSource reads the theaters a.Places covers and the shows a asks
// for, in at most two queries. A TheaterID the places do not cover gets
// no shows (the caller answers not found). The window is in UTC; the
// caller widens it to cover every time zone and keeps the local dates it
// wants.
func (s *Service) ReportSource(ctx context.Context, a ReportAsk) (ReportSource, error) {
	rows, err := s.q.ReportTheaters(ctx, s.pool, catalogdb.ReportTheatersParams{AllTheaters: a.Places.All,
		ChainIds: reportIDs(a.Places.ChainIDs), TheaterIds: reportIDs(a.Places.TheaterIDs)})
	if err != nil {
		return ReportSource{}, fmt.Errorf("theaters for a report: %w", err)
	}
	var out ReportSource
	ids := []int64{}
	for _, r := range rows {
		out.Theaters = append(out.Theaters, ReportTheater{ID: r.ID, Name: r.Name, TimeZone: r.TimeZone, Currency: r.Currency})
		if a.TheaterID == 0 || a.TheaterID == r.ID {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 || !a.ShowsUntil.After(a.ShowsFrom) {
		return out, nil
	}
	shows, err := s.q.ReportShows(ctx, s.pool, catalogdb.ReportShowsParams{TheaterIds: ids, FromTime: a.ShowsFrom, UntilTime: a.ShowsUntil})
	if err != nil {
		return ReportSource{}, fmt.Errorf("shows of theaters %v for a report: %w", ids, err)
	}
	for _, r := range shows {
		show, err := showFromRow(r.CatalogShow)
		if err != nil {
			return ReportSource{}, err
		}
		out.Shows = append(out.Shows, AdminShow{Show: show, MovieTitle: r.MovieTitle, TheaterName: r.TheaterName,
			ScreenName: r.ScreenName, TimeZone: r.TimeZone, Currency: r.Currency})
	}
	return out, nil
}

// reportIDs gives PostgreSQL an empty array rather than NULL for no ids.
func reportIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
