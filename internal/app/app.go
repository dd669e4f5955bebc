// Package app assembles Marquee: configuration and database pools in, the
// complete HTTP server and the River workers out. It is the only place the
// modules meet; each module is built once, with everything it needs, and
// the modules talk through the interfaces the consumer declares. Tests
// build the server through it (see apptest), so tests and production share
// one router, one error table and one wiring.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/idempotency"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/redisx"
	"github.com/marqueehq/marquee/internal/recommend"
	"github.com/marqueehq/marquee/internal/search"
	"github.com/marqueehq/marquee/internal/tms"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// Deps are what the app takes from outside.
type Deps struct {
	Config config.Config
	Log    *slog.Logger
	// Pool serves web requests and the jobs' work; JobsPool carries
	// River's own queries (the insert-only client every service enqueues
	// through is built over it).
	Pool     *pgxpool.Pool
	JobsPool *pgxpool.Pool
	// ReadPool serves the public catalogue, search and recommendation
	// reads (a read replica, DATABASE_READ_URL); nil: Pool. Booking,
	// payments, accounts and every transaction use Pool.
	ReadPool *pgxpool.Pool
	// Ready reports whether this instance can serve (/readyz); nil: always.
	Ready func(ctx context.Context) error
	// Now is the clock every module reads (tests move it); nil: time.Now.
	Now func() time.Time
	// Redis is shared by every instance (caches, rate limits, cache
	// invalidation); nil keeps all of it in this process.
	Redis *redisx.Conn
}

// App is the assembled server: the modules, the router over them, and what
// runs beside it.
type App struct {
	Catalog   *catalog.Service
	Account   *account.Service
	Booking   *booking.Service
	Search    *search.Service
	Recommend *recommend.Service
	Notify    *notify.Service
	Payments  *payments.Service
	Waitroom  *waitroom.Service
	TMS       *tms.Service
	// Live streams seat changes to open seat maps; Start runs it.
	Live *booking.Live
	// Metrics counts requests, pools and jobs (/metrics).
	Metrics *metrics.Metrics
	// Cache keeps the catalogue's public reads (nil: off); Start listens
	// for its invalidations.
	Cache *cache.Cache
	// Idempotency keeps the API's answers to requests sent with an
	// Idempotency-Key, for their retries.
	Idempotency *idempotency.Store
	// Echo is the HTTP server with every route Marquee answers.
	Echo *echo.Echo

	deps Deps
	jobs *jobs.Client
	keys keys
}

// New builds every module, connects them, and builds the router. Nothing
// runs yet: Start begins the in-process loops, and the caller starts a
// working River client with Workers and PeriodicJobs.
func New(d Deps) (*App, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.ReadPool == nil {
		d.ReadPool = d.Pool
	}
	if d.Ready == nil {
		d.Ready = func(context.Context) error { return nil }
	}
	k, err := loadKeys(d.Config)
	if err != nil {
		return nil, err
	}
	// Services enqueue through an insert-only client made first; the
	// working client needs their workers, so it comes after them.
	inserter, err := jobs.New(d.JobsPool, jobs.Options{Log: d.Log, InsertOnly: true})
	if err != nil {
		return nil, fmt.Errorf("job client: %w", err)
	}
	a := &App{deps: d, jobs: inserter, keys: k, Metrics: metrics.New(d.Pool)}
	if err := a.buildServices(); err != nil {
		return nil, err
	}
	if err := a.buildCache(); err != nil {
		return nil, err
	}
	a.Live = booking.NewLive(d.Pool, a.Booking, d.Log)
	a.Echo = a.router()
	return a, nil
}

// Start builds the search index when it is empty, then runs the in-memory
// search index, the live seat maps and the cache's invalidation listener
// until ctx ends or stop is called; stop waits for all three to let go of
// their connections.
func (a *App) Start(ctx context.Context) (stop func(), err error) {
	if err := ensureIndex(ctx, a.Search, a.deps.Log); err != nil {
		return nil, err
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, 3)
	run := func(what string, f func(context.Context) error) {
		defer func() { done <- struct{}{} }()
		if err := f(runCtx); err != nil {
			a.deps.Log.Error(what+" stopped", "err", err)
		}
	}
	go run("search index", a.Search.Run)
	go run("live seat maps", a.Live.Run)
	go run("cache invalidation", a.Cache.Run)
	return func() {
		cancel()
		<-done
		<-done
		<-done
	}, nil
}

// ensureIndex builds the index when it is empty but the catalogue is not
// (demo data loaded before search listened, or a new database).
func ensureIndex(ctx context.Context, svc *search.Service, log *slog.Logger) error {
	empty, err := svc.Empty(ctx)
	if err != nil || !empty {
		return err
	}
	start := time.Now()
	n, err := svc.Reindex(ctx)
	if err != nil {
		return err
	}
	if n.Movies > 0 {
		log.Info("built the search index", "movies", n.Movies, "theaters", n.Theaters, "shows", n.Shows,
			"took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}
