package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// AdminShow is a show as the admin pages print it: with the names of its
// movie, theater and screen, the theater's time zone and the currency of
// the theater's city.
type AdminShow struct {
	Show
	MovieTitle  string
	TheaterName string
	ScreenName  string
	TimeZone    string
	Currency    string
}

// Location returns the theater's time zone (UTC if it is unknown).
func (a AdminShow) Location() *time.Location { return loadLocation(a.TimeZone) }

// ShowFilter narrows the admin show list.
type ShowFilter struct {
	TheaterID int64 // 0 for every theater
	MovieID   int64 // 0 for every movie
	From      time.Time
	Until     time.Time // exclusive
	// Places keeps the shows of the theaters it covers; nil: every theater.
	Places *authz.Filter
}

// AdminShowLimit is the most shows the admin list returns at once.
const AdminShowLimit = 500

// AdminShows lists the shows starting in [From, Until), cancelled ones
// included, by start time, at most AdminShowLimit of them, at the theaters
// f.Places covers.
func (s *Service) AdminShows(ctx context.Context, f ShowFilter) ([]AdminShow, error) {
	p := catalogdb.ShowListAdminParams{FromTime: f.From, UntilTime: f.Until, AllTheaters: f.Places == nil}
	if f.Places != nil {
		p.AllTheaters, p.ChainIds, p.TheaterIds = f.Places.All, f.Places.ChainIDs, f.Places.TheaterIDs
	}
	if f.TheaterID != 0 {
		p.TheaterID = &f.TheaterID
	}
	if f.MovieID != 0 {
		p.MovieID = &f.MovieID
	}
	rows, err := s.q.ShowListAdmin(ctx, s.pool, p)
	if err != nil {
		return nil, fmt.Errorf("list shows for admin: %w", err)
	}
	theaters, err := s.q.TheaterList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list theaters: %w", err)
	}
	cities, err := s.q.CityList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list cities: %w", err)
	}
	currency := make(map[string]string, len(cities))
	for _, c := range cities {
		currency[c.Slug] = c.Currency
	}
	type place struct{ zone, currency string }
	where := make(map[int64]place, len(theaters))
	for _, t := range theaters {
		where[t.ID] = place{zone: t.TimeZone, currency: currency[t.CitySlug]}
	}
	out := make([]AdminShow, len(rows))
	for i, r := range rows {
		show, err := showFromRow(r.CatalogShow)
		if err != nil {
			return nil, err
		}
		w := where[show.TheaterID]
		out[i] = AdminShow{Show: show, MovieTitle: r.MovieTitle, TheaterName: r.TheaterName,
			ScreenName: r.ScreenName, TimeZone: w.zone, Currency: w.currency}
	}
	return out, nil
}

// ShowForAdmin returns one show with its names, zone and currency.
// Errors: ErrNotFound.
func (s *Service) ShowForAdmin(ctx context.Context, id int64) (AdminShow, error) {
	shows, err := s.ShowsForAdmin(ctx, []int64{id})
	if err != nil {
		return AdminShow{}, err
	}
	show, ok := shows[id]
	if !ok {
		return AdminShow{}, fmt.Errorf("show %d: %w", id, ErrNotFound)
	}
	return show, nil
}

// ShowsForAdmin returns the shows with the given ids, by id; unknown ids
// are left out.
func (s *Service) ShowsForAdmin(ctx context.Context, ids []int64) (map[int64]AdminShow, error) {
	out := make(map[int64]AdminShow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.q.ShowAdminListByIDs(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("shows %v for admin: %w", ids, err)
	}
	for _, r := range rows {
		show, err := showFromRow(r.CatalogShow)
		if err != nil {
			return nil, err
		}
		out[show.ID] = AdminShow{Show: show, MovieTitle: r.MovieTitle, TheaterName: r.TheaterName,
			ScreenName: r.ScreenName, TimeZone: r.TimeZone, Currency: r.Currency}
	}
	return out, nil
}

// TheaterScreens is a theater with its city's name and its screens
// (layouts left out).
type TheaterScreens struct {
	Theater
	CityName string
	Screens  []Screen
}

// ScheduleChoices is what the scheduling forms offer: every movie (without
// credits, by title) and every theater with its screens (without layouts).
type ScheduleChoices struct {
	Movies   []Movie
	Theaters []TheaterScreens
}

// Schedulable lists the movies that may get new shows (not archived).
func (c ScheduleChoices) Schedulable() []Movie {
	var out []Movie
	for _, m := range c.Movies {
		if m.Status != Archived {
			out = append(out, m)
		}
	}
	return out
}

// ScreenByID finds a screen and its theater among the choices.
func (c ScheduleChoices) ScreenByID(id int64) (Screen, Theater, bool) {
	for _, t := range c.Theaters {
		for _, sc := range t.Screens {
			if sc.ID == id {
				return sc, t.Theater, true
			}
		}
	}
	return Screen{}, Theater{}, false
}

// ScheduleChoices returns the movies and screens the scheduling forms offer,
// in four queries whatever their number.
func (s *Service) ScheduleChoices(ctx context.Context) (ScheduleChoices, error) {
	movies, err := s.q.MovieAdminChoices(ctx, s.pool)
	if err != nil {
		return ScheduleChoices{}, fmt.Errorf("movies to schedule: %w", err)
	}
	theaters, err := s.q.TheaterList(ctx, s.pool)
	if err != nil {
		return ScheduleChoices{}, fmt.Errorf("theaters to schedule: %w", err)
	}
	screens, err := s.q.ScreenAdminChoices(ctx, s.pool)
	if err != nil {
		return ScheduleChoices{}, fmt.Errorf("screens to schedule: %w", err)
	}
	cities, err := s.q.CityList(ctx, s.pool)
	if err != nil {
		return ScheduleChoices{}, fmt.Errorf("cities to schedule in: %w", err)
	}
	cityName := make(map[string]string, len(cities))
	for _, c := range cities {
		cityName[c.Slug] = c.Name
	}
	var out ScheduleChoices
	for _, m := range movies {
		out.Movies = append(out.Movies, Movie{ID: m.ID, Slug: m.Slug, Title: m.Title, Status: MovieStatus(m.Status),
			RuntimeMinutes: int(m.RuntimeMinutes), OriginalLanguage: m.OriginalLanguage,
			DubbedLanguages: m.DubbedLanguages, SubtitleLanguages: m.SubtitleLanguages, Formats: m.Formats})
	}
	byTheater := map[int64][]Screen{}
	for _, sc := range screens {
		byTheater[sc.TheaterID] = append(byTheater[sc.TheaterID],
			Screen{ID: sc.ID, TheaterID: sc.TheaterID, Name: sc.Name, Formats: sc.Formats, SeatCount: int(sc.SeatCount)})
	}
	for _, t := range theaters {
		out.Theaters = append(out.Theaters, TheaterScreens{Theater: theaterFromRow(t), CityName: cityName[t.CitySlug], Screens: byTheater[t.ID]})
	}
	return out, nil
}
