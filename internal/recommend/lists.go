package recommend

import (
	"context"
	"errors"
	"fmt"
	"github.com/marqueehq/marquee/internal/platform/i18n"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// Pick is a recommended movie, ready to show, with why.
type Pick struct {
	Movie  catalog.Movie
	Reason string
	// Personal is true when it comes from the user's own list or a movie
	// they booked, false for a popular pick.
	Personal bool
}

// ForUser returns up to limit movies for the user in the city, all with
// shows there in the coming week: their personal list first, then what is
// popular in the city. Booked and dismissed movies never appear. userID 0
// (a visitor) gets popular movies only. Errors: ErrNotFound for an unknown
// city.
func (s *Service) ForUser(ctx context.Context, userID int64, citySlug string, limit int) ([]Pick, error) {
	city, err := s.city(ctx, citySlug)
	if err != nil {
		return nil, err
	}
	var personal []recommenddb.UserRecListForCityRow
	if userID != 0 {
		if personal, err = s.personal(ctx, userID, city.Slug, limit); err != nil {
			return nil, err
		}
	}
	var ids []int64
	reasons := map[int64]string{}
	for _, r := range personal {
		ids = append(ids, r.MovieID)
		reasons[r.MovieID] = reasonText(ctx, r.Reason)
	}
	if len(ids) < limit {
		pop, err := s.q.CityMovieListPopular(ctx, s.opts.ReadPool, recommenddb.CityMovieListPopularParams{
			CitySlug: city.Slug, UserID: userID, Lim: int32(limit + len(ids)),
		})
		if err != nil {
			return nil, fmt.Errorf("popular in %s: %w", city.Slug, err)
		}
		for _, p := range pop {
			if _, dup := reasons[p.MovieID]; dup || len(ids) >= limit {
				continue
			}
			ids = append(ids, p.MovieID)
			reasons[p.MovieID] = ""
		}
	}
	return s.picks(ctx, ids, func(id int64) (string, bool) {
		if r := reasons[id]; r != "" {
			return r, true
		}
		return i18n.T(ctx, "Popular in {{.City}} this week", "City", city.Name), false
	})
}

// personal reads the user's list for the city, computing it first for a
// user who has none yet (a new account with stated tastes).
func (s *Service) personal(ctx context.Context, userID int64, city string, limit int) ([]recommenddb.UserRecListForCityRow, error) {
	args := recommenddb.UserRecListForCityParams{UserID: userID, CitySlug: city, Lim: int32(limit)}
	rows, err := s.q.UserRecListForCity(ctx, s.opts.ReadPool, args)
	if err != nil {
		return nil, fmt.Errorf("list of user %d: %w", userID, err)
	}
	if len(rows) > 0 {
		return rows, nil
	}
	if err := s.RecomputeUser(ctx, userID); err != nil {
		return nil, err
	}
	// Just written: a replica may not have it yet.
	if rows, err = s.q.UserRecListForCity(ctx, s.pool, args); err != nil {
		return nil, fmt.Errorf("list of user %d: %w", userID, err)
	}
	return rows, nil
}

// MoreLikeThis returns up to limit movies similar to movieID playing in
// the city in the coming week (anywhere when citySlug is ""), leaving out
// what the user (0: a visitor) booked or dismissed. Errors: ErrNotFound
// for an unknown city.
func (s *Service) MoreLikeThis(ctx context.Context, movieID, userID int64, citySlug string, limit int) ([]Pick, error) {
	if citySlug != "" {
		city, err := s.city(ctx, citySlug)
		if err != nil {
			return nil, err
		}
		citySlug = city.Slug
	}
	rows, err := s.q.SimilarListForMovie(ctx, s.opts.ReadPool, recommenddb.SimilarListForMovieParams{
		MovieID: movieID, CitySlug: citySlug, UserID: userID, Lim: int32(limit),
	})
	if err != nil {
		return nil, fmt.Errorf("movies like %d: %w", movieID, err)
	}
	ids := make([]int64, len(rows))
	reasons := make(map[int64]string, len(rows))
	for i, r := range rows {
		ids[i], reasons[r.SimilarID] = r.SimilarID, reasonText(ctx, r.Reason)
	}
	return s.picks(ctx, ids, func(id int64) (string, bool) { return reasons[id], false })
}

// AfterBooking returns up to limit movies for someone who just booked
// movieID: movies like it first ("Because you booked ..."), then their
// list. Errors: ErrNotFound for an unknown movie or city.
func (s *Service) AfterBooking(ctx context.Context, movieID, userID int64, citySlug string, limit int) ([]Pick, error) {
	booked, err := s.catalog.Movie(ctx, movieID)
	if err != nil {
		return nil, fmt.Errorf("movie %d: %w", movieID, ErrNotFound)
	}
	like, err := s.MoreLikeThis(ctx, movieID, userID, citySlug, limit)
	if err != nil {
		return nil, err
	}
	for i := range like {
		like[i].Reason, like[i].Personal = i18n.T(ctx, "Because you booked {{.Title}}", "Title", booked.Title), true
	}
	if len(like) >= limit || citySlug == "" {
		return like, nil
	}
	more, err := s.ForUser(ctx, userID, citySlug, limit+len(like))
	if err != nil {
		return nil, err
	}
	have := map[int64]bool{movieID: true}
	for _, p := range like {
		have[p.Movie.ID] = true
	}
	for _, p := range more {
		if len(like) < limit && !have[p.Movie.ID] {
			like = append(like, p)
		}
	}
	return like, nil
}

// picks loads the movies in order (skipping any the catalogue no longer
// has) with their reasons.
func (s *Service) picks(ctx context.Context, ids []int64, reason func(int64) (string, bool)) ([]Pick, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	movies, err := s.catalog.MoviesByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]catalog.Movie, len(movies))
	for _, m := range movies {
		byID[m.ID] = m
	}
	out := make([]Pick, 0, len(ids))
	for _, id := range ids {
		m, ok := byID[id]
		if !ok || m.Status == catalog.Archived {
			continue
		}
		r, personal := reason(id)
		out = append(out, Pick{Movie: m, Reason: r, Personal: personal})
	}
	return out, nil
}

func (s *Service) city(ctx context.Context, slug string) (catalog.City, error) {
	c, err := s.catalog.City(ctx, slug)
	if errors.Is(err, catalog.ErrNotFound) {
		return catalog.City{}, fmt.Errorf("city %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return catalog.City{}, fmt.Errorf("city %q: %w", slug, err)
	}
	return c, nil
}
