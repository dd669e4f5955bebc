package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// TestTheErrorPageSpeaksTheVisitorsLanguage: the shared error page and
// the htmx alert say what went wrong in the language the browser asks
// for, while the API's problem+json stays English for programs.
func TestTheErrorPageSpeaksTheVisitorsLanguage(t *testing.T) {
	t.Parallel()
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20})
	tooBig := func(echo.Context) error { return echo.ErrStatusRequestEntityTooLarge }
	e.GET("/upload", tooBig)
	e.GET("/api/v1/upload", tooBig)
	get := func(path string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Language", "es-ES,es;q=0.9")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec
	}

	rec := get("/upload")
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	require.Contains(t, rec.Body.String(), `<html lang="es">`)
	require.Contains(t, rec.Body.String(), "Ese archivo es demasiado grande.")

	rec = get("/upload", "HX-Request", "true")
	require.Contains(t, rec.Body.String(), "Ese archivo es demasiado grande.", "the htmx alert too")

	rec = get("/api/v1/upload")
	var p web.Problem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.Equal(t, "That upload is too large.", p.Detail, "the API keeps English")
}
