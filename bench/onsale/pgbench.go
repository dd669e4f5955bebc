package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// pgbenchDB is the scratch database the baseline runs in, on the server's
// PostgreSQL; it is made afresh and dropped afterwards.
const pgbenchDB = "marquee_onsale_pgbench"

// pgbenchAsync makes every session in the scratch database SET
// synchronous_commit = off: the server's holds and releases commit
// asynchronously too.
const pgbenchAsync = `ALTER DATABASE ` + pgbenchDB + ` SET synchronous_commit = off`

// pgbenchSetup is one hot 300-seat show, shaped like booking.show_seats.
var pgbenchSetup = []string{
	`CREATE TABLE show_seats (
		show_id bigint NOT NULL, seat int NOT NULL, state text NOT NULL DEFAULT 'free',
		booking_id bigint, hold_expires_at timestamptz, PRIMARY KEY (show_id, seat))`,
	`CREATE INDEX show_seats_booking_idx ON show_seats (booking_id) WHERE booking_id IS NOT NULL`,
	`INSERT INTO show_seats (show_id, seat) SELECT 1, g FROM generate_series(1, 300) g`,
	`VACUUM ANALYZE show_seats`,
}

// pgbenchScript is PostgreSQL's own minimal hold + release pair: hold 1-4
// adjacent random seats if they are free (one conditional UPDATE), then
// free them again (one UPDATE). Each run of it is one pgbench transaction.
const pgbenchScript = `\set n random(1, 4)
\set s random(1, 301 - :n)
\set e :s + :n - 1
\set b random(1, 1000000000000)
UPDATE show_seats SET state = 'held', booking_id = :b, hold_expires_at = now() + interval '8 minutes'
  WHERE show_id = 1 AND seat BETWEEN :s AND :e AND state = 'free';
UPDATE show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL WHERE show_id = 1 AND booking_id = :b;
`

// pgbenchTPS reads pgbench's "tps = 2850.123 (without initial connection time)".
var pgbenchTPS = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbenchBaseline runs pgbenchScript with cfg.pgbenchConc clients on
// two threads for cfg.pgbenchDur against a scratch database on the
// server's PostgreSQL, and returns the hold + release pairs per second.
func pgbenchBaseline(ctx context.Context, cfg config) (float64, error) {
	bin, err := exec.LookPath(cfg.pgbench)
	if err != nil {
		return 0, fmt.Errorf("pgbench: %w", err)
	}
	cc := cfg.pool.ConnConfig.Copy()
	if err := scratchDB(ctx, cc, true); err != nil {
		return 0, err
	}
	defer func() { _ = scratchDB(context.WithoutCancel(ctx), cc, false) }()
	cc.Database = pgbenchDB
	conn, err := pgx.ConnectConfig(ctx, cc)
	if err != nil {
		return 0, fmt.Errorf("connect to %s: %w", pgbenchDB, err)
	}
	for _, q := range pgbenchSetup {
		if _, err := conn.Exec(ctx, q); err != nil {
			conn.Close(ctx)
			return 0, fmt.Errorf("set up %s: %w", pgbenchDB, err)
		}
	}
	conn.Close(ctx)

	dir, err := os.MkdirTemp("", "onsale-pgbench")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "hold_release.sql")
	if err := os.WriteFile(script, []byte(pgbenchScript), 0o600); err != nil {
		return 0, err
	}
	secs := int(math.Ceil(cfg.pgbenchDur.Seconds()))
	cmd := exec.CommandContext(ctx, bin, "-n", "-M", "prepared", "-c", strconv.Itoa(cfg.pgbenchConc), "-j", "2",
		"-T", strconv.Itoa(secs), "-f", script)
	cmd.Env = append(os.Environ(), "PGHOST="+cc.Host, "PGPORT="+strconv.Itoa(int(cc.Port)), "PGUSER="+cc.User,
		"PGPASSWORD="+cc.Password, "PGDATABASE="+pgbenchDB, "PGAPPNAME=marquee-onsale-pgbench")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench: %w: %s", err, strings.TrimSpace(string(out)))
	}
	m := pgbenchTPS.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pgbench printed no tps: %s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

// scratchDB drops pgbenchDB, and with create makes it again with its
// asynchronous commit setting.
func scratchDB(ctx context.Context, cc *pgx.ConnConfig, create bool) error {
	conn, err := pgx.ConnectConfig(ctx, cc)
	if err != nil {
		return fmt.Errorf("connect for %s: %w", pgbenchDB, err)
	}
	defer conn.Close(ctx)
	stmts := []string{`DROP DATABASE IF EXISTS ` + pgbenchDB + ` WITH (FORCE)`}
	if create {
		stmts = append(stmts, `CREATE DATABASE `+pgbenchDB, pgbenchAsync)
	}
	for _, q := range stmts {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
