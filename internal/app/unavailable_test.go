package app_test

import (
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
)

// TestTheSiteSaysComeBackWhileTheDatabaseIsDown builds the app over a
// database address nobody listens on (PostgreSQL stopped): the home page,
// a movie page and the API answer 503 with Retry-After, not 500.
func TestTheSiteSaysComeBackWhileTheDatabaseIsDown(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	pool, err := pgxpool.New(t.Context(), "postgres://postgres@"+addr+"/marquee?connect_timeout=5")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	s := apptest.New(t, apptest.Options{Pool: pool})

	for _, path := range []string{"/", "/movies/long-night", "/api/v1/search?q=night"} {
		res, err := http.Get(s.URL + path)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Equal(t, http.StatusServiceUnavailable, res.StatusCode, path)
		require.NotEmpty(t, res.Header.Get("Retry-After"), path)
		require.Contains(t, string(body), "try again", path)
	}

	// A returning visitor's session cookie makes the session store read
	// the database before any handler runs: the same answer.
	req, err := http.NewRequest(http.MethodGet, s.URL+"/", nil)
	require.NoError(t, err)
	req.AddCookie(&http.Cookie{Name: "session", Value: "a-session-token-from-yesterday"})
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusServiceUnavailable, res.StatusCode, "with a session cookie")
	require.NotEmpty(t, res.Header.Get("Retry-After"))
	require.Contains(t, string(body), "try again")
}
