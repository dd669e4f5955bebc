package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/redisx"
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
	deps := app.Deps{Config: cfg, Log: log, Pool: db.pool, JobsPool: db.jobs, Ready: db.ready}
	if cfg.RedisURL != "" {
		if deps.Redis, err = redisx.Connect(ctx, cfg.RedisURL, "marquee:"); err != nil {
			return err
		}
		defer deps.Redis.Close()
	}
	a, err := app.New(deps)
	if err != nil {
		return err
	}
	stopLoops, err := a.Start(ctx)
	if err != nil {
		return err
	}
	defer stopLoops()
	jobClient, err := jobs.New(db.jobs, jobs.Options{Log: log, MaxWorkers: cfg.JobWorkers, Workers: a.Workers(),
		Periodic: a.PeriodicJobs(), Retention: jobs.Retention(cfg.JobRetention)})
	if err != nil {
		return err
	}
	a.Metrics.WatchJobs(ctx, jobClient)

	srv := &http.Server{
		Handler:           a.Echo,
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
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	welcome(stdout, cfg, db, time.Since(started))

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

// welcome tells the developer where the site is, and with the demo data how
// to sign in.
func welcome(stdout io.Writer, cfg config.Config, db *database, took time.Duration) {
	fmt.Fprintf(stdout, "\n  Marquee is running at %s (ready in %s)\n", cfg.BaseURL, took.Round(time.Millisecond))
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
}
