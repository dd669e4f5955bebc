package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/config"
)

const usage = `Marquee, movie tickets.

Usage:
  server [serve] [-role R]      start the web server and background jobs; -role (or ROLE)
                                web: pages only, worker: background jobs only (health
                                probes and metrics on PORT), all (default): both
  server migrate [up|down|reset|status]
                                apply (default) or roll back database migrations
  server seed [-movies N -shows N]
                                load the demo data (if the catalogue is empty), and
                                optionally synthetic movies and shows for benchmarks
  server create-admin -email E [-name N]
                                create an admin (password from MARQUEE_ADMIN_PASSWORD or stdin),
                                or make an existing account admin
  server reindex                rebuild the search index from the catalogue
  server reseal                 re-encrypt personal data with the first DATA_KEYS key
  server gen-key                print a new key for DATA_KEYS
  server recommend-eval [-users N -movies N | -ratings F -movies-csv F]
                                measure recommendations against popularity, item-kNN and EASE on a
                                synthetic audience or a MovieLens-layout rating log
  server gen-vapid              print a new web push key pair (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)
  server check [-grace D]       report broken invariants (seats, bookings, payments, refunds,
                                messages); exit status 1 when there is one
  server backup -o FILE         pg_dump the database (custom format) into FILE
  server restore -i FILE -db NAME
                                create database NAME and restore a backup into it
  server health                 exit 0 when the server on PORT answers /healthz
  server -help                  show this help

`

// run is the whole program: main only adds the process's signals, arguments,
// environment and output, so tests can run it exactly as production does.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cmd, rest := "serve", []string(nil)
	if len(args) > 1 {
		cmd, rest = args[1], args[2:]
	}
	switch cmd {
	case "-help", "--help", "-h", "help":
		fmt.Fprint(stdout, usage)
		config.Usage(stdout)
		return nil
	case "gen-key":
		return genKey(stdout)
	case "recommend-eval":
		return recommendEval(rest, stdout)
	case "gen-vapid":
		return genVAPID(stdout)
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stdout)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log, rest, stdout)
	case "migrate":
		return migrate(ctx, cfg, log, rest, stdout)
	case "health":
		return health(ctx, cfg)
	case "seed":
		return seedCommand(ctx, cfg, log, rest, stdout)
	case "reseal":
		return reseal(ctx, cfg, log, stdout)
	case "reindex":
		return reindex(ctx, cfg, log, stdout)
	case "check":
		return checkCommand(ctx, cfg, log, rest, stdout)
	case "backup":
		return backup(ctx, cfg, log, rest, stdout)
	case "restore":
		return restore(ctx, cfg, log, rest, stdout)
	case "create-admin":
		return createAdmin(ctx, cfg, log, rest, getenv, stdout)
	}
	return fmt.Errorf("unknown command %q (see server -help)", cmd)
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo,
		"warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func migrate(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	direction := "up"
	if len(args) > 0 {
		direction = strings.ToLower(args[0])
	}
	switch direction {
	case "up":
		err = db.migrator.Up(ctx)
	case "down":
		err = db.migrator.Down(ctx)
	case "reset":
		if cfg.Production() {
			return errors.New("migrate reset drops every table; refused with APP_ENV=production")
		}
		err = db.migrator.Reset(ctx)
	case "status":
		err = db.migrator.Status(ctx, stdout)
	default:
		return fmt.Errorf("migrate: unknown direction %q (up, down, reset, status)", direction)
	}
	if err != nil {
		return err
	}
	if direction != "status" {
		fmt.Fprintf(stdout, "migrate %s: done\n", direction)
	}
	return nil
}
