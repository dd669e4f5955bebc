// Package search keeps its own search documents for movies, people,
// theaters and shows, built from catalogue changes by River jobs, and
// answers full-text, typo-tolerant searches with filters, facets and
// as-you-type suggestions. Searching reads only the search schema.
package search

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/search/searchdb"
)

// ErrUnknownCity: the search names a city with no theaters.
var ErrUnknownCity = errors.New("we don't have cinemas in that city")

// Source is what indexing reads from the catalogue (satisfied by
// *catalog.Service). Searching never calls it.
type Source interface {
	Movie(ctx context.Context, id int64) (catalog.Movie, error)
	// MoviesAfter and LiveShowsAfter page through the catalogue inside
	// the reindexing transaction.
	MoviesAfter(ctx context.Context, tx pgx.Tx, after int64, limit int) ([]catalog.Movie, error)
	Theater(ctx context.Context, id int64) (catalog.Theater, error)
	Theaters(ctx context.Context, citySlug string) ([]catalog.Theater, error)
	Screens(ctx context.Context, theaterID int64) ([]catalog.Screen, error)
	AllScreens(ctx context.Context) ([]catalog.Screen, error)
	Cities(ctx context.Context) ([]catalog.City, error)
	City(ctx context.Context, slug string) (catalog.City, error)
	ShowsByIDs(ctx context.Context, ids []int64) ([]catalog.Show, error)
	LiveShowsAfter(ctx context.Context, tx pgx.Tx, after int64, limit int) ([]catalog.Show, error)
	LiveShowsOfTheater(ctx context.Context, theaterID int64) ([]catalog.Show, error)
}

// Options configure the Service.
type Options struct {
	// Now is the clock (tests set it); time.Now when nil.
	Now func() time.Time
	// CacheTTL keeps each search's and suggestion's answer this long
	// (0: no cache).
	CacheTTL time.Duration
	// Log receives Run's warnings (a lost connection); slog.Default when nil.
	Log *slog.Logger
	// ReadPool answers search queries and suggestions (a read replica);
	// nil: pool. Indexing and the in-memory index always read pool, the
	// primary, so a change is never indexed from a replica that has not
	// replayed it yet. With a separate read pool the text cache is off:
	// an answer read from a lagging replica must not outlive the change.
	ReadPool *pgxpool.Pool
}

// cacheEntries bounds each answer cache.
const cacheEntries = 4096

// Service indexes catalogue changes and answers searches. Searching needs
// Run running: it keeps the in-memory part of the index (see live.go).
type Service struct {
	pool *pgxpool.Pool
	// readPool answers searches (see Options.ReadPool).
	readPool *pgxpool.Pool
	q        *searchdb.Queries
	src      Source
	now      func() time.Time
	log      *slog.Logger
	live     *live
	// text caches what PostgreSQL answers about text, until the next
	// change to movies, people or theaters (see memo).
	text *memo
	// results and suggestions cache recent answers (see Options.CacheTTL).
	results     *cache[Results]
	suggestions *cache[Suggestions]
}

// NewService returns the search service on pool, indexing from src.
func NewService(pool *pgxpool.Pool, src Source, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	texts := textEntries
	if o.ReadPool == nil {
		o.ReadPool = pool
	} else if o.ReadPool != pool {
		texts = 0
	}
	s := &Service{pool: pool, readPool: o.ReadPool, q: searchdb.New(), src: src, now: o.Now, log: o.Log, live: newLive(),
		results: newCache[Results](o.CacheTTL, cacheEntries), suggestions: newCache[Suggestions](o.CacheTTL, cacheEntries)}
	s.text = newMemo(s.live, texts)
	return s
}
