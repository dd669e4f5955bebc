package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/config"
)

// backup is `server backup -o FILE`: pg_dump's custom format of the app's
// database (every schema, River's included). Personal data sealed by the
// app (phone numbers) stays sealed in the file: keep DATA_KEYS apart from
// the backups.
func backup(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("o", "", "the file to write (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: -o FILE is required")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := pgTool(ctx, "pg_dump", databaseURL(cfg, db), "--format=custom", "--no-owner", "--file", *out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *out)
	return nil
}

// restore is `server restore -i FILE -db NAME`: create the database NAME
// on the app's server and restore a backup into it. It never writes into
// an existing database; point DATABASE_URL at NAME (and run `server
// check`) once it is done.
func restore(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stdout)
	in := fs.String("i", "", "the backup file (required)")
	name := fs.String("db", "", "the new database to create (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || *name == "" {
		return errors.New("restore: -i FILE and -db NAME are required")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	target, err := withDatabase(databaseURL(cfg, db), *name)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := db.admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{*name}.Sanitize()); err != nil {
		return fmt.Errorf("restore: create database %s: %w", *name, err)
	}
	if err := pgTool(ctx, "pg_restore", target, "--no-owner", "--exit-on-error", *in); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s into database %s\n", *in, *name)
	return nil
}

// databaseURL is the app's database: DATABASE_URL, or the development
// cluster's.
func databaseURL(cfg config.Config, db *database) string {
	if db.cluster != nil {
		return db.cluster.URL("marquee")
	}
	return cfg.DatabaseURL
}

// withDatabase is the connection URL u with its database replaced by name.
func withDatabase(u, name string) (string, error) {
	parsed, err := url.Parse(u)
	if err != nil || (parsed.Scheme != "postgres" && parsed.Scheme != "postgresql") {
		return "", errors.New("DATABASE_URL must be a postgres:// URL to restore beside it")
	}
	parsed.Path = "/" + name
	return parsed.String(), nil
}

// pgTool runs a PostgreSQL client program (pg_dump, pg_restore) on the
// database at dbURL, found on PATH or in the newest
// /usr/lib/postgresql/*/bin, as Debian installs it. The password goes in
// PGPASSWORD, not the command line, where any local user could read it.
func pgTool(ctx context.Context, name, dbURL string, args ...string) error {
	path, err := exec.LookPath(name)
	if err != nil {
		dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
		sort.Slice(dirs, func(i, j int) bool { return pgVersion(dirs[i]) < pgVersion(dirs[j]) })
		if len(dirs) == 0 {
			return fmt.Errorf("%s not found: install the PostgreSQL client programs", name)
		}
		path = dirs[len(dirs)-1]
	}
	env := os.Environ()
	if u, err := url.Parse(dbURL); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
			dbURL = u.String()
		}
	}
	// #nosec G204 -- path is pg_dump or pg_restore (name is a constant at
	// every call); the arguments are options, the operator's file and the
	// configured database, passed as separate argv entries (no shell).
	cmd := exec.CommandContext(ctx, path, append([]string{"--dbname", dbURL}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Env = env
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// pgVersion is the major version in /usr/lib/postgresql/<version>/bin/<name>.
func pgVersion(path string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return v
}
