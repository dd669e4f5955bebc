package pg

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsUnavailable reports whether err says the database cannot be reached
// right now: no connection could be made (refused, no route, the server
// starting up), or the server ended the connection as it shut down or
// crashed (57P01, 57P02, 57P03, and the connection failures of class 08).
// The site is down for the moment rather than broken: trying again once
// the database is back will succeed.
func IsUnavailable(err error) bool {
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	switch pgErr.Code {
	case "57P01", "57P02", "57P03":
		return true
	}
	return strings.HasPrefix(pgErr.Code, "08")
}
