package search_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/search"
)

// router serves search's routes the way the server does.
func (b *testBundle) router(t testing.TB) *echo.Echo {
	t.Helper()
	sessions := account.NewSessionManager(b.pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, search.ErrorStatuses)})
	search.NewHandler(b.svc).Routes(e)
	return e
}

func get(t testing.TB, e *echo.Echo, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestResultsPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	e := b.router(t)

	rec := get(t, e, "/search?q=lanturn+keper&city=london")
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	require.Contains(t, body, "Did you mean")
	require.Contains(t, body, "The Lantern Keeper")
	require.Contains(t, body, `href="/movies/the-lantern-keeper"`)

	// Every filter value links to its own URL, which keeps the others.
	rec = get(t, e, "/search?q=drama&city=london&genre=Drama&time=evening")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "/search?city=london&amp;genre=Drama&amp;q=drama")
	require.Contains(t, rec.Body.String(), "Clear all")

	// A bad filter is explained, not a server error.
	rec = get(t, e, "/search?q=drama&city=london&seats=99")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	require.Contains(t, rec.Body.String(), "Ask for 1 to 20 seats.")
}

func TestSuggestFragment(t *testing.T) {
	t.Parallel()
	b := setup(t)
	e := b.router(t)
	rec := get(t, e, "/search/suggest?q=cartog")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "The Last Cartographer")
	require.NotContains(t, rec.Body.String(), "<html")

	rec = get(t, e, "/search/suggest?q=imogen")
	require.Contains(t, rec.Body.String(), "Imogen Sallow")

	rec = get(t, e, "/search/suggest?q=a")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Empty(t, strings.TrimSpace(rec.Body.String()))
}

func TestSearchAPI(t *testing.T) {
	t.Parallel()
	b := setup(t)
	e := b.router(t)
	v := url.Values{"q": {"thriller"}, "city": {"mumbai"}, "language": {"Hindi"}}
	rec := get(t, e, "/api/v1/search?"+v.Encode())
	require.Equal(t, http.StatusOK, rec.Code)
	var out struct {
		Total  int `json:"total"`
		Movies []struct {
			Title string `json:"title"`
			Shows []struct {
				Language string `json:"language"`
			} `json:"shows"`
		} `json:"movies"`
		Facets struct {
			Language []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"language"`
		} `json:"facets"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.NotZero(t, out.Total)
	for _, m := range out.Movies {
		for _, s := range m.Shows {
			require.Equal(t, "Hindi", s.Language, m.Title)
		}
	}
	require.NotEmpty(t, out.Facets.Language)

	rec = get(t, e, "/api/v1/search?q=x&sort=best&time=lunch")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	require.Contains(t, rec.Header().Get("Content-Type"), "application/problem+json")
	require.Contains(t, rec.Body.String(), `"sort"`)
	require.Contains(t, rec.Body.String(), `"time"`)

	rec = get(t, e, "/api/v1/search?q=x&city=atlantis")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	require.Contains(t, rec.Body.String(), "unknown_city")
}
