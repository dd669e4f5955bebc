package pg

import (
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

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
	if errors.As(err, &connectErr) || droppedConnection(err) {
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

// droppedConnection reports a connection that went away under a query: the
// socket was reset or closed (the database crashed, was stopped, or the
// network dropped), which pgx reports as a closed conn or a network error.
func droppedConnection(err error) bool {
	if errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && !opErr.Timeout()
}
