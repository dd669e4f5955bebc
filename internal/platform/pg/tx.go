package pg

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Beginner starts transactions; *pgxpool.Pool and pgx.Tx (savepoints) both
// satisfy it.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// maxAttempts bounds the retries of a transaction that lost a serialization
// conflict or was picked as a deadlock victim.
const maxAttempts = 3

// InTx runs fn inside a transaction: committed when fn returns nil, rolled
// back otherwise. A transaction that fails with a serialization failure or a
// deadlock is retried from the start (fn must therefore be safe to re-run and
// must not call out to the network).
//
// fn gets ctx marked as inside a transaction (InTxContext): everything fn
// does must go through tx, and a pool guarded by Connect's Guard refuses,
// or reports, any connection asked for with that context (the pool rule).
// What fn registers with AfterCommit runs once the commit succeeded.
func InTx(ctx context.Context, db Beginner, fn func(ctx context.Context, tx pgx.Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		inner, committed := withAfterCommit(InTxContext(ctx))
		err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error { return fn(inner, tx) })
		if err == nil {
			committed()
		}
		if err == nil || !Retryable(err) {
			return err
		}
	}
	return fmt.Errorf("transaction failed after %d attempts: %w", maxAttempts, err)
}

// Retryable reports whether PostgreSQL picked the statement or transaction
// as a deadlock victim or failed it on a serialisation conflict: running it
// again from the start is safe.
func Retryable(err error) bool {
	return hasCode(err, "40001", "") || hasCode(err, "40P01", "")
}

// IsUniqueViolation reports whether err is a unique-constraint violation,
// optionally of the named constraint.
func IsUniqueViolation(err error, constraint string) bool {
	return hasCode(err, "23505", constraint)
}

// IsExclusionViolation reports whether err violates an exclusion constraint,
// optionally the named one.
func IsExclusionViolation(err error, constraint string) bool {
	return hasCode(err, "23P01", constraint)
}

func hasCode(err error, code, constraint string) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != code {
		return false
	}
	return constraint == "" || pgErr.ConstraintName == constraint
}

// IsBadInput reports whether PostgreSQL refused a value the client sent as
// malformed (SQLSTATE class 22, data exception: invalid UTF-8, a NUL byte,
// a number out of range): the request was at fault, not the server.
func IsBadInput(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "22")
}

// SetLocal sets a setting for the rest of tx only (SET LOCAL), e.g.
// lock_timeout or synchronous_commit.
func SetLocal(ctx context.Context, tx pgx.Tx, name, value string) error {
	if _, err := tx.Exec(ctx, "SELECT set_config($1, $2, true)", name, value); err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	return nil
}

// SetStatementTimeout sets statement_timeout for the rest of tx: bulk work
// such as a search reindex or a recommendation recompute may take longer
// than a request's statements are allowed.
func SetStatementTimeout(ctx context.Context, tx pgx.Tx, d time.Duration) error {
	return SetLocal(ctx, tx, "statement_timeout", strconv.FormatInt(d.Milliseconds(), 10))
}

// IsBusy reports whether err says the database could not do the work in
// time: the request's deadline passed (also while waiting for a pooled
// connection), a statement ran past statement_timeout, a lock was not
// granted within lock_timeout, an idle transaction was ended, or the server
// has no connection slot left. Trying again shortly may well succeed.
func IsBusy(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) {
		return true
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	switch pgErr.Code {
	case "57014", "55P03", "25P03", "53300":
		return true
	}
	return false
}

// IsLockTimeout reports whether a statement gave up waiting for a lock
// (lock_timeout, or NOWAIT).
func IsLockTimeout(err error) bool {
	return hasCode(err, "55P03", "")
}
