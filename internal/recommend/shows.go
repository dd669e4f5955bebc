package recommend

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
)

// ShowPick is a show of "Showtimes for you", ready to show, with why.
type ShowPick struct {
	Show    catalog.Show
	Movie   catalog.Movie
	Theater catalog.Theater
	Reason  string
	// Personal is true when the show was ranked by the user's own visits,
	// false for a popular show offered to someone with none yet.
	Personal bool
	score    float64
}

const (
	// showsAhead is how far ahead "Showtimes for you" looks.
	showsAhead = 7 * 24 * time.Hour
	// showsMovies is how many recommended movies' shows are weighed.
	showsMovies = 12
	// showsPerMovie keeps one movie from filling the list.
	showsPerMovie = 2
)

// The weights of what a show has in common with the user's visits; the
// movie's own place in their list counts as much as the language.
const (
	weightTheater  = 3.0
	weightSlot     = 2.0
	weightFormat   = 1.5
	weightLanguage = 1.0
	weightMovie    = 1.0
)

// ShowsForUser returns up to limit shows in the city in the coming week,
// on sale with at least the seats the user usually books, of the movies
// recommended to them (only movieID's when it is not 0), at their usual
// theaters in the city (every theater when they have none there), ranked
// by how well each fits their profile: theater, time of the week, format
// and language. A user without visits (or a visitor, userID 0) gets the
// soonest shows of the city's popular movies, with Personal false.
// Errors: ErrNotFound for an unknown city or movie.
func (s *Service) ShowsForUser(ctx context.Context, userID int64, citySlug string, movieID int64, limit int) ([]ShowPick, error) {
	city, err := s.city(ctx, citySlug)
	if err != nil {
		return nil, err
	}
	prof, err := s.profile(ctx, userID)
	if err != nil {
		return nil, err
	}
	movies, err := s.showMovies(ctx, userID, city.Slug, movieID)
	if err != nil || len(movies) == 0 {
		return nil, err
	}
	ids := make([]int64, len(movies))
	for i, p := range movies {
		ids[i] = p.Movie.ID
	}
	now := s.opts.Now()
	shows, err := s.catalog.BookableShowsIn(ctx, city.Slug, ids, now, now.Add(showsAhead))
	if err != nil {
		return nil, err
	}
	theaters, err := s.theatersByID(ctx, city.Slug)
	if err != nil {
		return nil, err
	}
	usualHere := false
	for id := range prof.Theaters {
		_, here := theaters[id]
		usualHere = usualHere || here
	}
	var cands []ShowPick
	for _, sh := range shows {
		t, ok := theaters[sh.TheaterID]
		if !ok || sh.SeatsAvailable < prof.Seats || usualHere && prof.Theaters[sh.TheaterID] == 0 {
			continue
		}
		rank := indexOf(ids, sh.MovieID)
		p := ShowPick{Show: sh, Movie: movies[rank].Movie, Theater: t, Personal: !prof.Cold()}
		p.score = weightMovie * (1 - float64(rank)/float64(len(ids)))
		if !prof.Cold() {
			p.score += weightTheater*share(prof, prof.Theaters, t.ID) +
				weightSlot*share(prof, prof.Slots, slotOf(sh.StartsAt, t.TimeZone)) +
				weightFormat*share(prof, prof.Formats, sh.Format) + weightLanguage*share(prof, prof.Languages, sh.Language)
		}
		p.Reason = showReason(ctx, prof, sh, t, city, movies[rank].Reason)
		cands = append(cands, p)
	}
	// Best fit first; the sooner show of two that fit as well.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	return pickShows(cands, limit), nil
}

// showMovies are the movies whose shows are weighed, with their reasons:
// the one movie of a movie page, or the user's recommendations.
func (s *Service) showMovies(ctx context.Context, userID int64, city string, movieID int64) ([]Pick, error) {
	if movieID == 0 {
		return s.ForUser(ctx, userID, city, showsMovies)
	}
	m, err := s.catalog.Movie(ctx, movieID)
	if err != nil {
		return nil, fmt.Errorf("movie %d: %w", movieID, ErrNotFound)
	}
	return []Pick{{Movie: m}}, nil
}

// theatersByID are the city's theaters by id.
func (s *Service) theatersByID(ctx context.Context, city string) (map[int64]catalog.Theater, error) {
	list, err := s.catalog.Theaters(ctx, city)
	if err != nil {
		return nil, fmt.Errorf("theaters in %s: %w", city, err)
	}
	out := make(map[int64]catalog.Theater, len(list))
	for _, t := range list {
		out[t.ID] = t
	}
	return out, nil
}

// pickShows takes the best limit shows, at most showsPerMovie of a movie.
func pickShows(cands []ShowPick, limit int) []ShowPick {
	perMovie := map[int64]int{}
	var out []ShowPick
	for _, p := range cands {
		if len(out) == limit {
			break
		}
		if perMovie[p.Movie.ID] < showsPerMovie {
			perMovie[p.Movie.ID]++
			out = append(out, p)
		}
	}
	return out
}

func indexOf(ids []int64, id int64) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return 0
}
