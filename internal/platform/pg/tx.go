package pg

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
func InTx(ctx context.Context, db Beginner, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = pgx.BeginFunc(ctx, db, fn)
		if err == nil || !retryable(err) {
			return err
		}
	}
	return fmt.Errorf("transaction failed after %d attempts: %w", maxAttempts, err)
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	return pgErr.Code == "40001" || pgErr.Code == "40P01"
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
