package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// TestPagesAnswer503WhileTheDatabaseIsDown points a server at a database
// address nobody listens on any more (as while PostgreSQL is stopped):
// pages, HTMX requests and the API answer 503 with Retry-After and say to
// come back, rather than a 500 that looks like a bug.
func TestPagesAnswer503WhileTheDatabaseIsDown(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close()) // the database stopped
	pool, err := pgxpool.New(t.Context(), "postgres://postgres@"+addr+"/marquee?connect_timeout=5")
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20})
	list := func(c echo.Context) error {
		var n int
		if err := pool.QueryRow(c.Request().Context(), "SELECT 1").Scan(&n); err != nil {
			return err
		}
		return c.String(http.StatusOK, "shows")
	}
	e.GET("/shows", list)
	e.GET("/api/v1/shows", list)

	rec := serve(e, "/shows")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.NotEmpty(t, rec.Header().Get("Retry-After"))
	require.Contains(t, rec.Body.String(), "try again", "the page says to come back")

	rec = serve(e, "/api/v1/shows")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.NotEmpty(t, rec.Header().Get("Retry-After"))
	var p web.Problem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.Equal(t, "unavailable", p.Code)
}

// TestAQueryCutOffByADatabaseShutdownAnswers503: the server ends the
// connection under a running query (as a shutdown or restart does, 57P01):
// the buyer is told to try again, not shown a 500.
func TestAQueryCutOffByADatabaseShutdownAnswers503(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20})
	e.GET("/report", func(c echo.Context) error {
		if _, err := pool.Exec(c.Request().Context(), "SELECT pg_sleep(60) /* report */"); err != nil {
			return err
		}
		return c.String(http.StatusOK, "report")
	})
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- serve(e, "/report") }()
	var ended bool
	require.Eventually(t, func() bool {
		err := pool.QueryRow(t.Context(), `SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity
			WHERE query LIKE '%/* report */' AND pid <> pg_backend_pid()`).Scan(&ended)
		return err == nil && ended
	}, time.Minute, 10*time.Millisecond, "the report's query runs")
	rec := <-done
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.NotEmpty(t, rec.Header().Get("Retry-After"))
}
