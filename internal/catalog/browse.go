package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// The listings below read s.read (a replica when one is configured): a
// new show may appear a moment later there, but no booking decision is
// made from them (booking reads ShowDetail from the primary).

// BrowseDays is how far ahead the public pages offer showtimes.
const BrowseDays = 7

// MovieCard is a movie as the home page lists it: with the formats and
// languages it plays in the chosen city.
type MovieCard struct {
	Movie
	CityFormats   []string
	CityLanguages []string
	NextShow      time.Time
}

// NowShowingLimit caps the home page's list.
const NowShowingLimit = 60

// NowShowing lists the most popular movies (at most NowShowingLimit) with a
// show in the city in the next BrowseDays days.
func (s *Service) NowShowing(ctx context.Context, citySlug string) ([]MovieCard, error) {
	now := s.now()
	rows, err := s.q.MovieListNowShowingInCity(ctx, s.read, catalogdb.MovieListNowShowingInCityParams{
		FromTime: now, UntilTime: now.AddDate(0, 0, BrowseDays), CitySlug: citySlug, Lim: NowShowingLimit,
	})
	if err != nil {
		return nil, fmt.Errorf("now showing in %s: %w", citySlug, err)
	}
	out := make([]MovieCard, len(rows))
	for i, r := range rows {
		out[i] = MovieCard{
			Movie:       movieFromRow(r.CatalogMovie),
			CityFormats: r.CityFormats, CityLanguages: r.CityLanguages, NextShow: r.NextShow,
		}
	}
	return out, nil
}

// ComingSoon lists up to limit movies not yet released, soonest first.
func (s *Service) ComingSoon(ctx context.Context, limit int) ([]Movie, error) {
	rows, err := s.q.MovieListComingSoon(ctx, s.read, int32(limit))
	if err != nil {
		return nil, fmt.Errorf("coming soon: %w", err)
	}
	out := make([]Movie, len(rows))
	for i, r := range rows {
		out[i] = movieFromRow(r)
	}
	return out, nil
}

// Showtime is one show as a listing shows it.
type Showtime struct {
	Show
	ScreenName string
}

// ShowGroup is the shows of one format, language and subtitles.
type ShowGroup struct {
	Format    string
	Language  string
	Subtitles string
	Shows     []Showtime
}

// TheaterShowtimes is a movie's shows at one theater on one day.
type TheaterShowtimes struct {
	TheaterName string
	TheaterSlug string
	Groups      []ShowGroup
}

// DayRange returns [start, end) of the local day containing t in loc.
func DayRange(t time.Time, loc *time.Location) (time.Time, time.Time) {
	lt := t.In(loc)
	start := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	return start, start.AddDate(0, 0, 1)
}

// MovieShowtimes lists a movie's bookable and sold-out shows in the city on
// the local day of day, grouped by theater, then format and language. Shows
// that have started are left out.
func (s *Service) MovieShowtimes(ctx context.Context, movieID int64, city City, day time.Time) ([]TheaterShowtimes, error) {
	from, until := DayRange(day, city.Location())
	if now := s.now(); from.Before(now) {
		from = now
	}
	rows, err := s.q.ShowListForMovieInCity(ctx, s.read, catalogdb.ShowListForMovieInCityParams{
		MovieID: movieID, CitySlug: city.Slug, FromTime: from, UntilTime: until,
	})
	if err != nil {
		return nil, fmt.Errorf("showtimes of movie %d in %s: %w", movieID, city.Slug, err)
	}
	var out []TheaterShowtimes
	for _, r := range rows {
		show, err := showFromRow(r.CatalogShow)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].TheaterSlug != r.TheaterSlug {
			out = append(out, TheaterShowtimes{TheaterName: r.TheaterName, TheaterSlug: r.TheaterSlug})
		}
		t := &out[len(out)-1]
		t.Groups = addToGroup(t.Groups, Showtime{Show: show, ScreenName: r.ScreenName})
	}
	return out, nil
}

// MovieShowDays returns which of the next BrowseDays local days (from today
// in the city) have at least one show of the movie.
func (s *Service) MovieShowDays(ctx context.Context, movieID int64, city City) ([]time.Time, map[string]bool, error) {
	loc := city.Location()
	today, _ := DayRange(s.now(), loc)
	days := make([]time.Time, BrowseDays)
	for i := range days {
		days[i] = today.AddDate(0, 0, i)
	}
	starts, err := s.q.ShowDatesForMovieInCity(ctx, s.read, catalogdb.ShowDatesForMovieInCityParams{
		MovieID: movieID, CitySlug: city.Slug, FromTime: s.now(), UntilTime: today.AddDate(0, 0, BrowseDays),
	})
	if err != nil {
		return nil, nil, fmt.Errorf("show days of movie %d: %w", movieID, err)
	}
	has := map[string]bool{}
	for _, st := range starts {
		has[st.In(loc).Format(time.DateOnly)] = true
	}
	return days, has, nil
}

// MovieShowtimesAtTheater is one movie's shows on a theater page.
type MovieShowtimesAtTheater struct {
	MovieTitle     string
	MovieSlug      string
	Certification  string
	RuntimeMinutes int
	PosterURL      string
	Groups         []ShowGroup
}

// TheaterShowtimes lists the shows at a theater on the local day of day,
// grouped by movie (most popular first), then format and language.
func (s *Service) TheaterShowtimes(ctx context.Context, t Theater, day time.Time) ([]MovieShowtimesAtTheater, error) {
	from, until := DayRange(day, t.Location())
	if now := s.now(); from.Before(now) {
		from = now
	}
	rows, err := s.q.ShowListForTheater(ctx, s.read, catalogdb.ShowListForTheaterParams{TheaterID: t.ID, FromTime: from, UntilTime: until})
	if err != nil {
		return nil, fmt.Errorf("showtimes at theater %d: %w", t.ID, err)
	}
	var out []MovieShowtimesAtTheater
	for _, r := range rows {
		show, err := showFromRow(r.CatalogShow)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].MovieSlug != r.MovieSlug {
			m := Movie{Slug: r.MovieSlug, PosterImageID: r.PosterImageID, PosterPalette: r.PosterPalette}
			out = append(out, MovieShowtimesAtTheater{MovieTitle: r.MovieTitle, MovieSlug: r.MovieSlug,
				Certification: r.Certification, RuntimeMinutes: int(r.RuntimeMinutes), PosterURL: m.PosterURL()})
		}
		m := &out[len(out)-1]
		m.Groups = addToGroup(m.Groups, Showtime{Show: show, ScreenName: r.ScreenName})
	}
	return out, nil
}

func addToGroup(groups []ShowGroup, st Showtime) []ShowGroup {
	for i := range groups {
		g := &groups[i]
		if g.Format == st.Format && g.Language == st.Language && g.Subtitles == st.Subtitles {
			g.Shows = append(g.Shows, st)
			return groups
		}
	}
	return append(groups, ShowGroup{Format: st.Format, Language: st.Language, Subtitles: st.Subtitles, Shows: []Showtime{st}})
}
