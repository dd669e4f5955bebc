// Package recommend learns what each user may like from what they do
// (bookings, ratings, follows, clicks, views, "not interested") and serves
// personalised lists, similar movies and popular picks, each with its
// reason. The model is recomputed by River jobs and served from tables, so
// a page never waits for it.
package recommend

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// Sentinel errors.
var (
	// ErrNotFound: no such movie or review.
	ErrNotFound = errors.New("we couldn't find that")
	// ErrCannotRate: only someone who booked a released movie may rate it.
	ErrCannotRate = errors.New("you can rate a movie once you have seen it with a Marquee booking")
	// ErrInvalid: the input failed validation; see validate.Fields.
	ErrInvalid = validate.ErrInvalid
)

// Catalog is what recommend reads from the catalogue (catalog.Service).
type Catalog interface {
	RecommendableMovies(ctx context.Context) ([]catalog.Movie, error)
	UpcomingDemand(ctx context.Context) ([]catalog.CityDemand, error)
	Movie(ctx context.Context, id int64) (catalog.Movie, error)
	MovieBySlug(ctx context.Context, slug string) (catalog.Movie, error)
	MoviesByIDs(ctx context.Context, ids []int64) ([]catalog.Movie, error)
	City(ctx context.Context, slug string) (catalog.City, error)
	// BookableShowsIn and the theaters below feed "Showtimes for you" and
	// "Theaters you may like".
	BookableShowsIn(ctx context.Context, citySlug string, movieIDs []int64, from, until time.Time) ([]catalog.Show, error)
	Theaters(ctx context.Context, citySlug string) ([]catalog.Theater, error)
	Theater(ctx context.Context, id int64) (catalog.Theater, error)
	Show(ctx context.Context, id int64) (catalog.Show, error)
	// SetRating publishes a movie's audience rating (0-10) and its count.
	SetRating(ctx context.Context, movieID int64, rating float64, count int) error
}

// Taste is what a user said they like on their profile.
type Taste struct {
	HomeCity  string // a city slug, or ""
	Genres    []string
	Languages []string
}

// Tastes looks up users' stated preferences (the account module, through
// an adapter in main). A user it does not know has no stated taste.
type Tastes interface {
	Taste(ctx context.Context, userID int64) (Taste, error)
}

// Jobs enqueues recommend's background work inside a transaction.
type Jobs interface {
	// RecomputeUser schedules a fresh list for the user (once however many
	// times it is asked before the job runs).
	RecomputeUser(ctx context.Context, tx pgx.Tx, userID int64) error
	// RepublishRatings schedules pushing the movies' averages to the
	// catalogue again (after ratings were erased).
	RepublishRatings(ctx context.Context, tx pgx.Tx, movieIDs []int64) error
}

// Options configure the Service.
type Options struct {
	// Tastes gives stated preferences; nil means none are known.
	Tastes Tastes
	// Visits gives the shows users booked, for "Showtimes for you" and
	// "Theaters you may like"; nil: nobody's visits are known.
	Visits Visits
	// Params tune the model; DefaultParams when zero.
	Params Params
	// Log receives errors of work nobody waits for (discarded when nil).
	Log *slog.Logger
	// Now is the clock (tests set it); time.Now when nil.
	Now func() time.Time
	// ReadPool serves the recommendation rails (a read replica; they are
	// recomputed in the background, so a moment's lag changes nothing);
	// nil: the service's pool. Ratings, interactions and recomputes use
	// the primary.
	ReadPool *pgxpool.Pool
}

// Service records interactions and ratings and serves recommendations.
type Service struct {
	pool    *pgxpool.Pool
	q       *recommenddb.Queries
	catalog Catalog
	jobs    Jobs
	opts    Options

	// mu guards the model restored from the tables, reloaded when a newer
	// full run has finished.
	mu      sync.Mutex
	model   *Model
	modelAt int64
}

// NewService returns the recommendations service on pool; jobs enqueues
// its background work (RiverJobs over an insert-only client is enough).
func NewService(pool *pgxpool.Pool, cat Catalog, jobs Jobs, o Options) *Service {
	if o.Params.Neighbours == 0 {
		o.Params = DefaultParams()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.ReadPool == nil {
		o.ReadPool = pool
	}
	return &Service{pool: pool, q: recommenddb.New(), catalog: cat, jobs: jobs, opts: o}
}

// Surfaces a recommendation is shown on, for click attribution.
const (
	SurfaceHome    = "home"
	SurfaceMovie   = "movie"
	SurfaceBooking = "booking"
	SurfaceEmail   = "email"
	SurfaceAPI     = "api"
)

// validSurface reports whether s names a surface.
func validSurface(s string) bool {
	switch s {
	case SurfaceHome, SurfaceMovie, SurfaceBooking, SurfaceEmail, SurfaceAPI:
		return true
	}
	return false
}
