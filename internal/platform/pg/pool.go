// Package pg holds Marquee's PostgreSQL plumbing: the connection pools, the
// transaction helper, the pool-rule guard and the embedded migrations.
package pg

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// PoolOptions configure a pool. Each budget (web requests, River's own
// queries, readiness probes) gets a pool of its own, so a rush on one
// never starves the others.
type PoolOptions struct {
	// Name is appended to application_name ("marquee-web"), so
	// pg_stat_activity tells the pools apart.
	Name string
	// MaxConns caps the pool (pgx's default when 0).
	MaxConns int
	// StatementTimeout, LockTimeout and IdleInTxTimeout become the
	// sessions' statement_timeout, lock_timeout and
	// idle_in_transaction_session_timeout (the server's default when 0).
	// A transaction may lower or raise them with SET LOCAL.
	StatementTimeout time.Duration
	LockTimeout      time.Duration
	IdleInTxTimeout  time.Duration
	// Guard, when set, watches every acquire for the pool rule.
	Guard *Guard
}

// Connect opens a pool to url and checks that the server answers.
func Connect(ctx context.Context, url string, o PoolOptions) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	if o.MaxConns > 0 {
		cfg.MaxConns = int32(o.MaxConns)
	}
	params := cfg.ConnConfig.RuntimeParams
	if _, ok := params["application_name"]; !ok {
		params["application_name"] = "marquee"
		if o.Name != "" {
			params["application_name"] += "-" + o.Name
		}
	}
	for name, d := range map[string]time.Duration{"statement_timeout": o.StatementTimeout,
		"lock_timeout": o.LockTimeout, "idle_in_transaction_session_timeout": o.IdleInTxTimeout} {
		if d > 0 {
			params[name] = strconv.FormatInt(d.Milliseconds(), 10)
		}
	}
	if o.Guard != nil {
		cfg.ConnConfig.Tracer = o.Guard
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("create pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("reach database %s: %w", cfg.ConnConfig.Host, err)
	}
	return pool, nil
}
