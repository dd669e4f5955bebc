package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/redisx"
)

// serve runs this process's role until ctx ends: web serves the site (and
// enqueues jobs, never works them), worker works River jobs and the
// periodic ones (answering only health probes and metrics on PORT), all
// does both. Then it shuts down in order: stop taking connections, let
// requests in flight and running jobs finish within SHUTDOWN_TIMEOUT,
// close the pools, stop the development database.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	var err error
	if cfg.Role, err = serveRole(cfg.Role, args); err != nil {
		return err
	}
	log = log.With("role", cfg.Role)
	started := time.Now()
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.migrator.Up(ctx); err != nil {
		return err
	}
	if cfg.SeedDemo && cfg.Serves() {
		if _, err := seedDemo(ctx, cfg, db, stdout); err != nil {
			return err
		}
	}
	deps := app.Deps{Config: cfg, Log: log, Pool: db.pool, JobsPool: db.jobs, ReadPool: db.read, Ready: db.ready}
	if cfg.RedisURL != "" {
		if deps.Redis, err = redisx.Connect(ctx, cfg.RedisURL, cfg.RedisPrefix); err != nil {
			return err
		}
		defer deps.Redis.Close()
	}
	a, err := app.New(deps)
	if err != nil {
		return err
	}
	handler := http.Handler(a.Probes())
	if cfg.Serves() {
		// The live seat maps and the in-memory search index serve pages;
		// a worker needs neither.
		stopLoops, err := a.Start(ctx)
		if err != nil {
			return err
		}
		defer stopLoops()
		handler = a.Echo
	}
	var workers *jobs.Client
	if cfg.Works() {
		// River elects one leader among all working clients on the
		// database; only the leader enqueues periodic jobs, so they run
		// once however many workers there are.
		if workers, err = jobs.New(db.jobs, jobs.Options{Log: log, MaxWorkers: cfg.JobWorkers, Workers: a.Workers(),
			Periodic: a.PeriodicJobs(), Retention: jobs.Retention(cfg.JobRetention)}); err != nil {
			return err
		}
		a.Metrics.WatchJobs(ctx, workers, queueMetricsEvery, log)
	}

	srv := &http.Server{
		Handler:           handler,
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
	if workers != nil {
		if err := workers.Start(ctx); err != nil {
			ln.Close()
			return fmt.Errorf("start job workers: %w", err)
		}
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
	drain(context.WithoutCancel(ctx), cfg.ShutdownTimeout, srv, workers, log)
	return nil
}

// queueMetricsEvery is how often a worker reads River's queues for the
// depth and lag metrics: Prometheus's usual scrape interval.
const queueMetricsEvery = 15 * time.Second

// serveRole reads `serve -role R`, which overrides ROLE.
func serveRole(role string, args []string) (string, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&role, "role", role, "web, worker or all")
	if err := fs.Parse(args); err != nil {
		return "", fmt.Errorf("serve: %w (usage: server serve [-role web|worker|all])", err)
	}
	if fs.NArg() > 0 {
		return "", fmt.Errorf("serve: unexpected %q (usage: server serve [-role web|worker|all])", fs.Arg(0))
	}
	if err := config.CheckRole(role); err != nil {
		return "", fmt.Errorf("serve -role %q: %w", role, err)
	}
	return role, nil
}

// drain stops taking requests and jobs, and gives those in flight until
// timeout, both at once. Requests still running then are cut off. Jobs
// still running then are cancelled: River records each as a failed
// attempt and retries it, here or on another worker, so none is lost or
// left "running" until River's rescuer finds it.
func drain(ctx context.Context, timeout time.Duration, srv *http.Server, workers *jobs.Client, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Shutdown(ctx); err != nil {
			log.Error("http shutdown: requests still running at the deadline were cut off", "err", err)
			srv.Close()
		}
	}()
	if workers != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stopWorkers(ctx, workers, log)
		}()
	}
	wg.Wait()
}

// cancelGrace is how long cancelled jobs get to return once the shutdown
// deadline has passed.
const cancelGrace = 5 * time.Second

// stopWorkers stops fetching jobs and waits for running ones until ctx
// ends, then cancels those left so River can hand them out again.
func stopWorkers(ctx context.Context, workers *jobs.Client, log *slog.Logger) {
	err := workers.Stop(ctx)
	if err == nil {
		return
	}
	log.Warn("jobs still running at the shutdown deadline: cancelling them, to be retried", "err", err)
	cancelCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelGrace)
	defer cancel()
	if err := workers.StopAndCancel(cancelCtx); err != nil {
		log.Error("stop job workers", "err", err)
	}
}

// welcome tells the developer where the site is, and with the demo data how
// to sign in.
func welcome(stdout io.Writer, cfg config.Config, db *database, took time.Duration) {
	if cfg.Serves() {
		fmt.Fprintf(stdout, "\n  Marquee is running at %s (ready in %s)\n", cfg.BaseURL, took.Round(time.Millisecond))
	}
	if cfg.Role != config.RoleAll {
		fmt.Fprintf(stdout, "\n  Marquee %s: %s (health on port %d)\n", cfg.Role,
			map[string]string{config.RoleWeb: "web pages only, jobs are left to workers",
				config.RoleWorker: "background jobs only, no pages"}[cfg.Role], cfg.Port)
	}
	if db.cluster != nil {
		fmt.Fprintf(stdout, "  Development database: %s (under %s)\n", db.cluster.URL("marquee"), cfg.DataDir)
	}
	if cfg.SeedDemo && cfg.Serves() {
		fmt.Fprintln(stdout, "  Demo sign-ins (admin pages at /admin):")
		for _, u := range account.DemoUsers() {
			fmt.Fprintf(stdout, "    %-15s %-28s password %s\n", u.Role, u.Email, u.Password)
		}
		for _, d := range account.DemoStaff() {
			fmt.Fprintf(stdout, "    %-15s %-28s password %s\n", d.Role, d.User.Email, d.User.Password)
		}
	}
	fmt.Fprintf(stdout, "  Press Ctrl-C to stop.\n\n")
}
