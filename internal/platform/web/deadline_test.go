package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestWorkStuckBehindALockAnswers503WithRetryAfter holds a row lock in one
// transaction while requests want the same row: each request ends at its
// deadline with a 503 that says when to try again (problem+json for the
// API, the error page for a browser), and the server stays usable.
func TestWorkStuckBehindALockAnswers503WithRetryAfter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	_, err := pool.Exec(ctx, "CREATE TABLE seats (id int PRIMARY KEY); INSERT INTO seats VALUES (1)")
	require.NoError(t, err)
	locker, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = locker.Rollback(ctx) }()
	_, err = locker.Exec(ctx, "SELECT id FROM seats WHERE id = 1 FOR UPDATE")
	require.NoError(t, err)

	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20,
		RequestTimeout: 300 * time.Millisecond})
	lockSeat := func(c echo.Context) error {
		_, err := pool.Exec(c.Request().Context(), "SELECT id FROM seats WHERE id = 1 FOR UPDATE")
		if err != nil {
			return err
		}
		return c.String(http.StatusOK, "held")
	}
	e.GET("/api/v1/seat", lockSeat)
	e.GET("/seat", lockSeat)
	e.GET("/up", func(c echo.Context) error { return c.String(http.StatusOK, "up") })

	rec := serve(e, "/api/v1/seat")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "2", rec.Header().Get("Retry-After"))
	require.Equal(t, "application/problem+json", rec.Header().Get(echo.HeaderContentType))
	var p web.Problem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.Equal(t, "busy", p.Code)
	require.Contains(t, p.Detail, "try again")

	rec = serve(e, "/seat")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "2", rec.Header().Get("Retry-After"))
	require.True(t, strings.Contains(rec.Body.String(), "try again"), "the error page says to try again")

	require.Equal(t, http.StatusOK, serve(e, "/up").Code, "other requests go on")
	require.NoError(t, locker.Rollback(ctx))
	require.Equal(t, http.StatusOK, serve(e, "/api/v1/seat").Code, "once the lock is gone the seat is held")
}

func serve(e *echo.Echo, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// TestAnErrorAfterTheSessionChangedKeepsItsStatus: a handler that changed
// the session and then failed answers its own status (here 409), with the
// session saved, not a 500 from saving the session on an ended context.
func TestAnErrorAfterTheSessionChangedKeepsItsStatus(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	sm := account.NewSessionManager(pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20,
		Sessions: sm, RequestTimeout: time.Minute})
	e.GET("/remember", func(c echo.Context) error {
		sm.Put(c.Request().Context(), "seen", "yes")
		return echo.NewHTTPError(http.StatusConflict, "That changed meanwhile.")
	})
	rec := serve(e, "/remember")
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "That changed meanwhile.")
	require.NotEmpty(t, rec.Result().Cookies(), "the session was saved")
}

// TestAClientThatLeftIsNotAServerError: when the buyer closes the tab
// mid-request, the cancelled work is logged as 499 (client closed), not
// as a 500 of ours.
func TestAClientThatLeftIsNotAServerError(t *testing.T) {
	t.Parallel()
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20,
		RequestTimeout: time.Minute})
	e.GET("/slow", func(c echo.Context) error {
		<-c.Request().Context().Done()
		return c.Request().Context().Err()
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/slow", nil).WithContext(ctx))
	require.Equal(t, web.StatusClientClosed, rec.Code)
}
