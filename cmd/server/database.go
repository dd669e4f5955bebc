package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/devdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// database is the pool plus what came with it: the migrator and, without
// DATABASE_URL, the private development cluster.
type database struct {
	pool     *pgxpool.Pool
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
		c, err := devdb.Start(ctx, dir, devdb.Options{Database: "marquee"})
		if err != nil {
			return nil, fmt.Errorf("no DATABASE_URL set, so Marquee runs its own PostgreSQL under %s: %w", dir, err)
		}
		db.cluster, db.Fresh = c, c.Created
		url = c.URL("marquee")
		log.Info("development database", "dir", dir, "url", url, "created", c.Created)
	}
	pool, err := pg.Connect(ctx, url, cfg.DBMaxConns)
	if err != nil {
		db.Close(ctx)
		return nil, err
	}
	db.pool = pool
	if db.migrator, err = pg.NewMigrator(pool, log); err != nil {
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
	if db.pool != nil {
		db.pool.Close()
	}
	if db.cluster != nil {
		if err := db.cluster.Stop(context.WithoutCancel(ctx)); err != nil {
			db.log.Error("stop development database", "err", err)
		}
	}
}
