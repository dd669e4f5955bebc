package pg

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/marqueehq/marquee/db/migrations"
)

// RiverSchema is the PostgreSQL schema that holds River's job tables.
const RiverSchema = "river"

// migrateLockKey serialises migrations when several instances start at once.
const migrateLockKey = 7_260_001

// Migrator applies Marquee's goose migrations and River's own migrations.
type Migrator struct {
	pool  *pgxpool.Pool
	db    *sql.DB
	goose *goose.Provider
	river *rivermigrate.Migrator[pgx.Tx]
}

// NewMigrator prepares the embedded migrations for pool. log may be nil.
func NewMigrator(pool *pgxpool.Pool, log *slog.Logger) (*Migrator, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	db := stdlib.OpenDBFromPool(pool)
	gp, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS,
		goose.WithDisableGlobalRegistry(true), goose.WithSlog(log))
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	rm, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Schema: RiverSchema, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("load river migrations: %w", err)
	}
	return &Migrator{pool: pool, db: db, goose: gp, river: rm}, nil
}

// Close releases the migrator's database handle (not the pool).
func (m *Migrator) Close() error { return m.db.Close() }

// Up applies every pending migration: Marquee's first (they create River's
// schema), then River's. Concurrent callers wait for each other.
func (m *Migrator) Up(ctx context.Context) error {
	return m.locked(ctx, func() error {
		if _, err := m.goose.Up(ctx); err != nil {
			return fmt.Errorf("apply migrations: %w", err)
		}
		if _, err := m.river.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("apply river migrations: %w", err)
		}
		return nil
	})
}

// Reset rolls every migration back, River's first. It is for tests and for
// `server migrate reset` on a development database.
func (m *Migrator) Reset(ctx context.Context) error {
	return m.locked(ctx, func() error {
		if _, err := m.river.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1}); err != nil {
			return fmt.Errorf("roll back river migrations: %w", err)
		}
		if _, err := m.goose.DownTo(ctx, 0); err != nil {
			return fmt.Errorf("roll back migrations: %w", err)
		}
		return nil
	})
}

// Down rolls back the most recent Marquee migration.
func (m *Migrator) Down(ctx context.Context) error {
	return m.locked(ctx, func() error {
		if _, err := m.goose.Down(ctx); err != nil {
			return fmt.Errorf("roll back migration: %w", err)
		}
		return nil
	})
}

// Status writes one line per migration with whether it is applied.
func (m *Migrator) Status(ctx context.Context, w io.Writer) error {
	st, err := m.goose.Status(ctx)
	if err != nil {
		return fmt.Errorf("migration status: %w", err)
	}
	for _, s := range st {
		at := "pending"
		if s.State == goose.StateApplied {
			at = "applied " + s.AppliedAt.Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(w, "%05d  %-40s %s\n", s.Source.Version, s.Source.Path, at)
	}
	return nil
}

// Pending reports whether any Marquee migration is not applied yet.
func (m *Migrator) Pending(ctx context.Context) (bool, error) {
	p, err := m.goose.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("check migrations: %w", err)
	}
	return p, nil
}

func (m *Migrator) locked(ctx context.Context, fn func() error) error {
	return Locked(ctx, m.pool, migrateLockKey, fn)
}

// Fingerprint identifies the complete set of migrations (Marquee's files and
// River's versions): test harnesses key their migrated template on it.
func Fingerprint() (string, error) {
	rm, err := rivermigrate.New(riverpgxv5.New(nil), &rivermigrate.Config{Schema: RiverSchema})
	if err != nil {
		return "", fmt.Errorf("load river migrations: %w", err)
	}
	h := sha256.New()
	err = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%s\x00", path, b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	for _, v := range rm.AllVersions() {
		fmt.Fprintf(h, "river:%d:%s\x00", v.Version, v.SQLUp)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
