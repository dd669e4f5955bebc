package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

type testBundle struct {
	e        *echo.Echo
	server   string
	migrator *pg.Migrator
}

// setup builds the HTTP side exactly as serve does, on a fresh database.
func setup(t *testing.T) *testBundle {
	t.Helper()
	pool := pgtest.New(t)
	migrator, err := pg.NewMigrator(pool, nil)
	require.NoError(t, err)
	t.Cleanup(func() { migrator.Close() })
	db := &database{pool: pool, jobs: pool, admin: pool, migrator: migrator}
	s := apptest.New(t, apptest.Options{Pool: pool, Ready: db.ready})
	return &testBundle{e: s.Echo, server: s.URL, migrator: migrator}
}

func (b *testBundle) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.server+path, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

func TestHomeShowsEmptyState(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.get(t, "/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "No movies are showing yet")
	require.Contains(t, body, `<a class="skip-link" href="#main">`)
	require.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	require.Contains(t, res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
	require.NotEmpty(t, res.Header.Get("X-Request-Id"))
}

func TestUnknownURLGivesNotFoundPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.get(t, "/no/such/page")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, body, "This page has left the building")
	require.Contains(t, body, `href="/"`, "the 404 page offers a way back")
}

func TestHandlerErrorGivesPageWithoutInternals(t *testing.T) {
	t.Parallel()
	b := setup(t)
	secret := errors.New(`query "SELECT password FROM users" failed: connection refused`)
	b.e.GET("/boom", func(echo.Context) error { return secret })
	b.e.GET("/api/test/boom", func(echo.Context) error { return secret })
	b.e.GET("/panic", func(echo.Context) error { panic("nil map in seat allocator") })

	for _, path := range []string{"/boom", "/panic"} {
		res, body := b.get(t, path)
		require.Equal(t, http.StatusInternalServerError, res.StatusCode, path)
		require.Contains(t, body, "Something went wrong on our side")
		require.NotContains(t, body, "SELECT")
		require.NotContains(t, body, "seat allocator")
		require.Contains(t, body, res.Header.Get("X-Request-Id"), "the page shows a reference to quote")
	}

	res, body := b.get(t, "/boom", "HX-Request", "true")
	require.Equal(t, http.StatusInternalServerError, res.StatusCode)
	require.Equal(t, "#alerts", res.Header.Get("HX-Retarget"))
	require.NotContains(t, body, "<html", "htmx gets a fragment, not a page")
	require.NotContains(t, body, "SELECT")

	res, body = b.get(t, "/api/test/boom")
	require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
	var p struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
		Detail string `json:"detail"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &p))
	require.Equal(t, 500, p.Status)
	require.Equal(t, "internal", p.Code)
	require.NotContains(t, p.Detail, "SELECT")
}

func TestUnreadableInputIsABadRequest(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.get(t, "/movies/%00")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, body, "characters or values we can")
	req, _ := http.NewRequest(http.MethodPost, b.server+"/city", strings.NewReader("city=%ff%fe"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, _ = do(t, req)
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}

func TestUnsafeRequestWithoutCSRFTokenIsRejected(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var posted bool
	b.e.POST("/form", func(c echo.Context) error { posted = true; return c.NoContent(http.StatusNoContent) })

	// A plain client: no Sec-Fetch-Site, no token.
	req, _ := http.NewRequest(http.MethodPost, b.server+"/form", strings.NewReader("name=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, body := do(t, req)
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	require.Contains(t, body, "Reload the page and try again")

	// A browser posting from another site.
	req, _ = http.NewRequest(http.MethodPost, b.server+"/form", strings.NewReader("name=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, _ = do(t, req)
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	require.False(t, posted)

	// The token from the page and its cookie let the same form through.
	res, page := b.get(t, "/")
	token := regexp.MustCompile(`name="csrf-token" content="([^"]+)"`).FindStringSubmatch(page)
	require.Len(t, token, 2, "pages carry the CSRF token")
	req, _ = http.NewRequest(http.MethodPost, b.server+"/form",
		strings.NewReader(url.Values{"_csrf": {token[1]}, "name": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range res.Cookies() {
		req.AddCookie(c)
	}
	res, _ = do(t, req)
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.True(t, posted)
}

func TestStaticAssetsAreCachedForAYear(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, page := b.get(t, "/")
	css := regexp.MustCompile(`href="(/static/css/app\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(page)
	require.Len(t, css, 2, "the page links the hashed stylesheet")

	res, body := b.get(t, css[1], "Accept-Encoding", "gzip")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"))
	require.Contains(t, res.Header.Get("Content-Type"), "text/css")
	require.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	require.NotEmpty(t, body)

	res, _ = b.get(t, "/static/css/app.css")
	require.Equal(t, http.StatusOK, res.StatusCode, "the plain name still works")
	require.Contains(t, res.Header.Get("Cache-Control"), "must-revalidate")

	res, _ = b.get(t, "/static/css/app.00000000.css")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestReadinessAndMetrics(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, _ := b.get(t, "/readyz")
	require.Equal(t, http.StatusOK, res.StatusCode)
	b.get(t, "/")
	res, body := b.get(t, "/metrics")
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{
		`marquee_http_requests_total{code="200",host=`,
		`marquee_http_request_duration_seconds_bucket{code="200"`,
		`url="/"`,
		`pgxpool_acquired_conns{db="primary"}`,
	} {
		require.True(t, strings.Contains(body, want), "metrics have %s", want)
	}
}

func TestReadinessFailsWhenMigrationsArePending(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// Roll the newest migration back behind the server's back.
	require.NoError(t, b.migrator.Down(context.Background()))
	res, body := b.get(t, "/readyz")
	require.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
	require.Contains(t, body, "migrations pending")
}
