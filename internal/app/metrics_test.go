package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// scrape asks s for /metrics from remoteAddr (the connection's peer) with
// the given headers, straight through the app's router.
func scrape(s *apptest.Server, remoteAddr string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.RemoteAddr = remoteAddr
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Echo.ServeHTTP(rec, req)
	return rec
}

func TestMetricsWithoutATokenAreForThisMachineOnly(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})

	res, err := http.Get(s.URL + "/metrics")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "a scraper on the same machine is served")
	require.Contains(t, string(body), "pgxpool_acquired_conns")

	rec := scrape(s, "203.0.113.7:41000")
	require.Equal(t, http.StatusNotFound, rec.Code, "anyone else sees nothing")
	require.NotContains(t, rec.Body.String(), "pgxpool")

	rec = scrape(s, "127.0.0.1:41000", "X-Forwarded-For", "203.0.113.7")
	require.Equal(t, http.StatusNotFound, rec.Code, "nor through a proxy on this machine")
	require.NotContains(t, rec.Body.String(), "pgxpool")
}

func TestMetricsWithATokenAreForItsBearerOnly(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{Env: map[string]string{"METRICS_TOKEN": "scrape-me-7c1f"}})

	for _, c := range []struct{ name, auth string }{
		{"anonymous", ""},
		{"a wrong token", "Bearer scrape-me-0000"},
		{"the token under another scheme", "Basic scrape-me-7c1f"},
	} {
		rec := scrape(s, "203.0.113.7:41000", "Authorization", c.auth)
		require.Equal(t, http.StatusUnauthorized, rec.Code, c.name)
		require.NotContains(t, rec.Body.String(), "pgxpool", c.name)
	}
	rec := scrape(s, "127.0.0.1:41000")
	require.Equal(t, http.StatusUnauthorized, rec.Code, "with a token set, this machine needs it too")

	rec = scrape(s, "203.0.113.7:41000", "Authorization", "bearer scrape-me-7c1f")
	require.Equal(t, http.StatusOK, rec.Code, "the token works from anywhere (the scheme in any case)")
	require.Contains(t, rec.Body.String(), "pgxpool_acquired_conns")
}
