package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/devdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// database is the connection pools plus what came with them: the migrator
// and, without DATABASE_URL, the private development cluster. Each budget
// has a pool of its own, so a rush of buyers cannot starve the rest: pool
// serves web requests and the jobs' work, jobs River's own queries, and
// admin migrations and readiness probes. read serves the public reads
// from DATABASE_READ_URL's replica, or is pool without one. (LISTEN
// connections are opened outside every pool.)
type database struct {
	pool     *pgxpool.Pool
	read     *pgxpool.Pool
	jobs     *pgxpool.Pool
	admin    *pgxpool.Pool
	migrator *pg.Migrator
	cluster  *devdb.Cluster
	log      *slog.Logger
	// Fresh is true when the development cluster was created by this start.
	Fresh bool
}

func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (*database, error) {
	db := &database{log: log}
	url := cfg.DatabaseURL
	if url == "" {
		dir := filepath.Join(cfg.DataDir, "pg")
		// With no PostgreSQL installed, an embedded build is fetched once
		// into DATA_DIR/postgres (EMBEDDED_POSTGRES_URL names a mirror).
		c, err := devdb.Start(ctx, dir, devdb.Options{Database: "marquee", Fetch: &devdb.Fetch{
			Source: cfg.EmbeddedPostgresURL, Dir: filepath.Join(cfg.DataDir, "postgres"), Log: log}})
		if err != nil {
			return nil, fmt.Errorf("no DATABASE_URL set, so Marquee runs its own PostgreSQL under %s: %w", dir, err)
		}
		db.cluster, db.Fresh = c, c.Created
		url = c.URL("marquee")
		log.Info("development database", "dir", dir, "url", url, "created", c.Created)
	}
	guard := &pg.Guard{Strict: cfg.DBPoolRule == "strict", Report: func(stack string) {
		log.Error("pool rule broken: a transaction asked the pool for a second connection", "stack", stack)
	}}
	var err error
	if db.pool, err = pg.Connect(ctx, url, pg.PoolOptions{Name: "web", MaxConns: cfg.DBMaxConns, Guard: guard,
		StatementTimeout: cfg.DBStatementTimeout, LockTimeout: cfg.DBLockTimeout, IdleInTxTimeout: cfg.DBIdleInTxTimeout}); err != nil {
		db.Close(ctx)
		return nil, err
	}
	if db.jobs, err = pg.Connect(ctx, url, pg.PoolOptions{Name: "river", MaxConns: cfg.DBJobConns, Guard: guard,
		StatementTimeout: cfg.DBStatementTimeout, LockTimeout: cfg.DBLockTimeout, IdleInTxTimeout: cfg.DBIdleInTxTimeout}); err != nil {
		db.Close(ctx)
		return nil, err
	}
	db.read = db.pool
	if cfg.DatabaseReadURL != "" {
		if db.read, err = pg.Connect(ctx, cfg.DatabaseReadURL, pg.PoolOptions{Name: "replica", MaxConns: cfg.DBMaxConns,
			Guard: guard, StatementTimeout: cfg.DBStatementTimeout, LockTimeout: cfg.DBLockTimeout,
			IdleInTxTimeout: cfg.DBIdleInTxTimeout}); err != nil {
			db.Close(ctx)
			return nil, fmt.Errorf("read replica (DATABASE_READ_URL): %w", err)
		}
	}
	// Migrations may run long: no statement timeout here.
	if db.admin, err = pg.Connect(ctx, url, pg.PoolOptions{Name: "admin", MaxConns: 3,
		LockTimeout: cfg.DBLockTimeout, IdleInTxTimeout: cfg.DBIdleInTxTimeout}); err != nil {
		db.Close(ctx)
		return nil, err
	}
	if db.migrator, err = pg.NewMigrator(db.admin, log); err != nil {
		db.Close(ctx)
		return nil, err
	}
	return db, nil
}

// Close releases the pool and stops the development cluster, if any.
func (db *database) Close(ctx context.Context) {
	if db.migrator != nil {
		db.migrator.Close()
	}
	pools := []*pgxpool.Pool{db.pool, db.jobs, db.admin}
	if db.read != db.pool {
		pools = append(pools, db.read)
	}
	for _, p := range pools {
		if p != nil {
			p.Close()
		}
	}
	if db.cluster != nil {
		if err := db.cluster.Stop(context.WithoutCancel(ctx)); err != nil {
			db.log.Error("stop development database", "err", err)
		}
	}
}

// ready reports whether this instance can serve: the database (and the
// read replica, when there is one) answers and every migration is applied.
func (db *database) ready(ctx context.Context) error {
	if err := db.admin.Ping(ctx); err != nil {
		return errors.New("database unreachable")
	}
	if db.read != nil && db.read != db.pool {
		if err := db.read.Ping(ctx); err != nil {
			return errors.New("read replica unreachable")
		}
	}
	pending, err := db.migrator.Pending(ctx)
	if err != nil {
		return errors.New("cannot read migration state")
	}
	if pending {
		return errors.New("migrations pending")
	}
	return nil
}
