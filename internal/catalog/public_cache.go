package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/cache"
)

// The public pages read the catalogue through the cache: what every
// visitor of a city sees alike (listings, a movie, a theater, showtimes),
// never anything of one visitor. Seat counts on showtimes are labels
// ("filling fast"); the seat map and holds read seats live in booking.
const (
	// CacheListings holds cities, theaters, movies and the home lists;
	// any catalogue change but a show's seat count drops it.
	CacheListings cache.Scope = "catalog"
	// CacheShowtimes holds the showtimes of a movie or theater by day;
	// every catalogue change, seat counts too, drops it.
	CacheShowtimes cache.Scope = "showtimes"
)

// CacheScopes are the scopes the catalogue's pages cache in.
var CacheScopes = []cache.Scope{CacheListings, CacheShowtimes}

// CacheListener drops the catalogue's cached reads on every instance when
// the catalogue changes (see cache.Invalidate).
type CacheListener struct{ Cache *cache.Cache }

// CatalogChanged drops the showtimes for a seat count, and everything for
// any other change but the check before a layout edit.
func (l CacheListener) CatalogChanged(ctx context.Context, tx pgx.Tx, c Change) error {
	switch {
	case c.Kind == SeatsRemoving:
		return nil
	case c.Kind == ShowChanged && c.MovieID == 0:
		return l.Cache.Invalidate(ctx, tx, CacheShowtimes)
	default:
		return l.Cache.Invalidate(ctx, tx, CacheScopes...)
	}
}

// browse is the Service's public reads, cached. Keys of reads that depend
// on the clock carry the minute, so a moved clock (tests) reads afresh.
type browse struct {
	svc   *Service
	cache *cache.Cache
}

func (b browse) minute() string { return b.svc.now().UTC().Format("200601021504") }

func (b browse) City(ctx context.Context, slug string) (City, error) {
	return cache.Get(ctx, b.cache, CacheListings, "city:"+slug, func(ctx context.Context) (City, error) {
		return b.svc.City(ctx, slug)
	})
}

func (b browse) Cities(ctx context.Context) ([]City, error) {
	return cache.Get(ctx, b.cache, CacheListings, "cities", b.svc.Cities)
}

func (b browse) Theaters(ctx context.Context, citySlug string) ([]Theater, error) {
	return cache.Get(ctx, b.cache, CacheListings, "theaters:"+citySlug, func(ctx context.Context) ([]Theater, error) {
		return b.svc.Theaters(ctx, citySlug)
	})
}

func (b browse) TheaterBySlug(ctx context.Context, slug string) (Theater, error) {
	return cache.Get(ctx, b.cache, CacheListings, "theater:"+slug, func(ctx context.Context) (Theater, error) {
		return b.svc.TheaterBySlug(ctx, slug)
	})
}

func (b browse) MovieBySlug(ctx context.Context, slug string) (Movie, error) {
	return cache.Get(ctx, b.cache, CacheListings, "movie:"+slug, func(ctx context.Context) (Movie, error) {
		return b.svc.MovieBySlug(ctx, slug)
	})
}

func (b browse) NowShowing(ctx context.Context, citySlug string) ([]MovieCard, error) {
	return cache.Get(ctx, b.cache, CacheListings, "now:"+citySlug+":"+b.minute(), func(ctx context.Context) ([]MovieCard, error) {
		return b.svc.NowShowing(ctx, citySlug)
	})
}

func (b browse) ComingSoon(ctx context.Context, limit int) ([]Movie, error) {
	key := fmt.Sprintf("soon:%d:%s", limit, b.minute())
	return cache.Get(ctx, b.cache, CacheListings, key, func(ctx context.Context) ([]Movie, error) {
		return b.svc.ComingSoon(ctx, limit)
	})
}

// showDays is MovieShowDays' answer as one value.
type showDays struct {
	Days []time.Time
	Has  map[string]bool
}

func (b browse) MovieShowDays(ctx context.Context, movieID int64, city City) ([]time.Time, map[string]bool, error) {
	key := fmt.Sprintf("days:%d:%s:%s", movieID, city.Slug, b.minute())
	d, err := cache.Get(ctx, b.cache, CacheShowtimes, key, func(ctx context.Context) (showDays, error) {
		days, has, err := b.svc.MovieShowDays(ctx, movieID, city)
		return showDays{Days: days, Has: has}, err
	})
	return d.Days, d.Has, err
}

func (b browse) MovieShowtimes(ctx context.Context, movieID int64, city City, day time.Time) ([]TheaterShowtimes, error) {
	key := fmt.Sprintf("movie-shows:%d:%s:%s:%s", movieID, city.Slug, day.Format(time.DateOnly), b.minute())
	return cache.Get(ctx, b.cache, CacheShowtimes, key, func(ctx context.Context) ([]TheaterShowtimes, error) {
		return b.svc.MovieShowtimes(ctx, movieID, city, day)
	})
}

func (b browse) TheaterShowtimes(ctx context.Context, t Theater, day time.Time) ([]MovieShowtimesAtTheater, error) {
	key := fmt.Sprintf("theater-shows:%d:%s:%s", t.ID, day.Format(time.DateOnly), b.minute())
	return cache.Get(ctx, b.cache, CacheShowtimes, key, func(ctx context.Context) ([]MovieShowtimesAtTheater, error) {
		return b.svc.TheaterShowtimes(ctx, t, day)
	})
}
