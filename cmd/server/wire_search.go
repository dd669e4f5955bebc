package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/search"
)

// searchWiring is the search module and the run of its in-memory index.
type searchWiring struct {
	svc *search.Service
	// cancel and stopped end the in-memory index's Run (see start).
	cancel  context.CancelFunc
	stopped chan struct{}
}

// newSearch builds search over the catalogue and starts listening to it.
func newSearch(d serverDeps, cat *catalog.Service) *searchWiring {
	w := &searchWiring{svc: search.NewService(d.db.pool, cat, search.Options{CacheTTL: d.cfg.SearchCacheTTL, Log: d.log})}
	// Catalogue changes become indexing jobs.
	cat.AddListener(&search.Listener{Client: d.jobs})
	return w
}

// routes registers /search, /search/suggest and /api/v1/search.
func (w *searchWiring) routes(e *echo.Echo) { search.NewHandler(w.svc).Routes(e) }

// start builds the index if it is empty, then loads the in-memory index
// searches read and keeps it current until ctx ends or stop is called.
func (w *searchWiring) start(ctx context.Context, log *slog.Logger) error {
	if err := w.ensureIndex(ctx, log); err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(ctx)
	w.cancel, w.stopped = cancel, make(chan struct{})
	go func() {
		defer close(w.stopped)
		if err := w.svc.Run(runCtx); err != nil {
			log.Error("search index stopped", "err", err)
		}
	}()
	return nil
}

// stop ends what start began and waits until its connection is closed.
func (w *searchWiring) stop() {
	if w.cancel != nil {
		w.cancel()
		<-w.stopped
	}
}

// ensureIndex builds the index when it is empty but the catalogue is not
// (demo data loaded before search listened, or a new database).
func (w *searchWiring) ensureIndex(ctx context.Context, log *slog.Logger) error {
	empty, err := w.svc.Empty(ctx)
	if err != nil || !empty {
		return err
	}
	start := time.Now()
	n, err := w.svc.Reindex(ctx)
	if err != nil {
		return err
	}
	if n.Movies > 0 {
		log.Info("built the search index", "movies", n.Movies, "theaters", n.Theaters, "shows", n.Shows,
			"took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// reindex is `server reindex`: rebuild every search document.
func reindex(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.migrator.Up(ctx); err != nil {
		return err
	}
	svc := search.NewService(db.admin, catalog.NewService(db.admin, catalogOptions(cfg)), search.Options{})
	start := time.Now()
	n, err := svc.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindexed %d movies, %d theaters, %d shows in %s\n", n.Movies, n.Theaters, n.Shows,
		time.Since(start).Round(time.Millisecond))
	return nil
}
