package app_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/config"
)

func TestABrowserOnAConfiguredOriginMayCallTheAPIAndOthersMayNot(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{Env: map[string]string{"CORS_ORIGINS": "https://app.example.com, https://kiosk.example.com/"}})

	preflight := func(origin string) *http.Response {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodOptions, s.URL+"/api/v1/openapi.json", nil)
		require.NoError(t, err)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, idempotency-key, content-type")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.NoError(t, res.Body.Close())
		return res
	}
	ok := preflight("https://kiosk.example.com")
	require.Equal(t, http.StatusNoContent, ok.StatusCode)
	require.Equal(t, "https://kiosk.example.com", ok.Header.Get("Access-Control-Allow-Origin"))
	require.Contains(t, ok.Header.Get("Access-Control-Allow-Headers"), "Idempotency-Key")
	require.Empty(t, ok.Header.Get("Access-Control-Allow-Credentials"), "the API takes no cookies from other origins")

	require.Empty(t, preflight("https://evil.example.net").Header.Get("Access-Control-Allow-Origin"))

	r := s.API(t).Do(t, http.MethodGet, "/api/v1/openapi.json", nil, "Origin", "https://app.example.com")
	require.Equal(t, http.StatusOK, r.Status)
	require.Equal(t, "https://app.example.com", r.Header.Get("Access-Control-Allow-Origin"))
	require.Contains(t, r.Header.Get("Access-Control-Expose-Headers"), "ETag", "an app can read the ETag to revalidate")
}

func TestWithoutConfiguredOriginsNoBrowserMayReadTheAPI(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	r := s.API(t).Do(t, http.MethodGet, "/api/v1/openapi.json", nil, "Origin", "https://app.example.com")
	require.Equal(t, http.StatusOK, r.Status)
	require.Empty(t, r.Header.Get("Access-Control-Allow-Origin"))
}

func TestAnOriginThatIsNotAnOriginIsRefusedAtStart(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"app.example.com", "https://app.example.com/path", "ftp://x.example.com"} {
		_, err := config.Load(func(k string) string {
			if k == "CORS_ORIGINS" {
				return bad
			}
			return ""
		})
		require.ErrorContains(t, err, "CORS_ORIGINS", bad)
	}
}

func TestTheDocumentIsServedWithAnETagAndTheReferencePageRenders(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c := s.API(t)
	r := c.Do(t, http.MethodGet, "/api/v1/openapi.json", nil)
	require.Equal(t, http.StatusOK, r.Status)
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	r.JSON(t, &doc)
	require.Equal(t, "3.1.0", doc.OpenAPI)
	require.Contains(t, doc.Paths, "/api/v1/openapi.json")
	again := c.Do(t, http.MethodGet, "/api/v1/openapi.json", nil, "If-None-Match", r.Header.Get("ETag"))
	require.Equal(t, http.StatusNotModified, again.Status)

	res, page := s.Browser(t).Get(t, "/api/docs")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "getOpenAPIDocument", "the reference lists every operation")
}
