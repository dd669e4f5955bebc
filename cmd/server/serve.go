package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/recommend"
)

// serve runs the site until ctx ends, then shuts down in order: stop taking
// connections and finish requests in flight, stop the job workers, close the
// pool, stop the development database.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	started := time.Now()
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.migrator.Up(ctx); err != nil {
		return err
	}
	if cfg.SeedDemo {
		if _, err := seedDemo(ctx, cfg, db, stdout); err != nil {
			return err
		}
	}

	seal, err := loadSealer(cfg)
	if err != nil {
		return err
	}
	jwtKeys, err := loadSigningKeys(cfg)
	if err != nil {
		return err
	}
	tickets, err := loadTicketKeys(cfg)
	if err != nil {
		return err
	}
	// Services enqueue through an insert-only client made first; the
	// working client needs their workers, so it comes after them.
	inserter, err := jobs.New(db.jobs, jobs.Options{Log: log, InsertOnly: true})
	if err != nil {
		return err
	}
	deps := serverDeps{cfg: cfg, log: log, db: db, metrics: metrics.New(db.pool), sealer: seal, jwtKeys: jwtKeys,
		tickets: tickets, jobs: inserter}
	svc, err := newServices(deps)
	if err != nil {
		return err
	}
	if err := svc.search.start(ctx, log); err != nil {
		return err
	}
	defer svc.search.stop()
	deps.live = booking.NewLive(db.pool, svc.booking, log)
	jobClient, err := jobs.New(db.jobs, jobs.Options{Log: log, MaxWorkers: cfg.JobWorkers, Workers: svc.workers(deps), Periodic: slices.Concat(account.PeriodicJobs(), recommend.PeriodicJobs(cfg.RecommendInterval), payments.PeriodicJobs(), booking.PeriodicJobs())})
	if err != nil {
		return err
	}
	deps.metrics.WatchJobs(ctx, jobClient)

	e := newServer(deps, svc)
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("", strconv.Itoa(cfg.Port)))
	if err != nil {
		return fmt.Errorf("listen on port %d: %w", cfg.Port, err)
	}
	if err := jobClient.Start(ctx); err != nil {
		ln.Close()
		return fmt.Errorf("start job workers: %w", err)
	}
	liveCtx, stopLive := context.WithCancel(ctx)
	defer stopLive()
	go func() {
		if err := deps.live.Run(liveCtx); err != nil {
			log.Error("live seat maps stopped", "err", err)
		}
	}()
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	fmt.Fprintf(stdout, "\n  Marquee is running at %s (ready in %s)\n", cfg.BaseURL, time.Since(started).Round(time.Millisecond))
	if db.cluster != nil {
		fmt.Fprintf(stdout, "  Development database: %s (under %s)\n", db.cluster.URL("marquee"), cfg.DataDir)
	}
	if cfg.SeedDemo {
		fmt.Fprintln(stdout, "  Demo sign-ins (admin pages at /admin):")
		for _, u := range account.DemoUsers() {
			fmt.Fprintf(stdout, "    %-8s %-24s password %s\n", u.Role, u.Email, u.Password)
		}
	}
	fmt.Fprintf(stdout, "  Press Ctrl-C to stop.\n\n")

	select {
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("http server: %w", err)
		}
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Error("http shutdown", "err", err)
	}
	if err := jobClient.Stop(shutdownCtx); err != nil {
		log.Error("stop job workers", "err", err)
	}
	return nil
}
