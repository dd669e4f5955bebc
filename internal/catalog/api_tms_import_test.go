package catalog_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

// tmsKey makes a staff API key with scopes, limited to theaters when
// some are given, and returns its secret.
func tmsKey(t *testing.T, b *testBundle, scopes []string, theaters ...int64) string {
	t.Helper()
	_, secret, err := b.Account.CreateAPIKey(t.Context(), 0,
		account.NewAPIKey{Name: "TMS", Scopes: scopes, TheaterIDs: theaters}, "127.0.0.1")
	require.NoError(t, err)
	return secret
}

func TestATMSImportsShowsWithAKeyAndGetsWhatWasMade(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	theater, err := b.Catalog.TheaterBySlug(t.Context(), slug)
	require.NoError(t, err)
	key := tmsKey(t, b, []string{account.ScopeShowsWrite})
	rows := []map[string]string{
		{"screen": "Screen 1", "movie": "long-night", "date": "2031-03-14", "time": "10:00", "language": "English", "format": "2D"},
		{"theater": slug, "screen": "Screen 2", "movie": "long-night", "date": "2031-03-14", "time": "10:00",
			"language": "Hindi", "format": "IMAX", "subtitles": "English"},
	}

	r := b.API(t).Do(t, http.MethodPost, "/api/v1/tms/theaters/"+strconv.FormatInt(theater.ID, 10)+"/shows", rows, "X-API-Key", key)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	var out struct {
		Imported int `json:"imported"`
		Shows    []struct {
			ID        int64  `json:"id"`
			TheaterID int64  `json:"theater_id"`
			StartsAt  string `json:"starts_at"`
			Format    string `json:"format"`
			Subtitles string `json:"subtitles"`
		} `json:"shows"`
	}
	r.JSON(t, &out)
	require.Equal(t, 2, out.Imported)
	require.Len(t, out.Shows, 2)
	require.Equal(t, theater.ID, out.Shows[0].TheaterID)
	require.Equal(t, "2031-03-14T10:00:00Z", out.Shows[0].StartsAt, "in the theater's zone (London, GMT in March)")
	require.Equal(t, "IMAX", out.Shows[1].Format)
	require.Equal(t, "English", out.Shows[1].Subtitles)
	require.Equal(t, 2, showCount(t, b))
}

func TestATMSImportWithABadRowImportsNothingAndSaysWhichRowAndWhy(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	theater, err := b.Catalog.TheaterBySlug(t.Context(), slug)
	require.NoError(t, err)
	key := tmsKey(t, b, []string{account.ScopeShowsWrite})
	path := "/api/v1/tms/theaters/" + strconv.FormatInt(theater.ID, 10) + "/shows"
	rows := []map[string]string{
		{"screen": "Screen 1", "movie": "long-night", "date": "2031-03-14", "time": "10:00", "language": "English", "format": "2D"},
		{"screen": "Screen 9", "movie": "long-night", "date": "2031-03-14", "time": "10:00", "language": "English", "format": "2D"},
		{"screen": "Screen 2", "movie": "long-night", "date": "2031-03-10", "time": "15:00", "language": "French", "format": "2D"},
		{"theater": "elsewhere", "screen": "Screen 2", "movie": "long-night", "date": "2031-03-14", "time": "15:00", "language": "English", "format": "2D"},
	}

	r := b.API(t).Do(t, http.MethodPost, path, rows, "X-API-Key", key)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	p := r.Problem(t)
	require.Equal(t, "invalid", p.Code)
	require.NotContains(t, p.Fields, "shows[0]", "the first row is fine")
	require.Equal(t, `Odeon Test has no screen called "Screen 9" (it has Screen 1, Screen 2).`, p.Fields["shows[1]"])
	require.Contains(t, p.Fields["shows[2]"], "Long Night is available in English, Hindi.")
	require.Contains(t, p.Fields["shows[2]"], "It starts in the past")
	require.Contains(t, p.Fields["shows[3]"], "imports shows of "+slug+" only")
	require.Equal(t, 0, showCount(t, b), "nothing was imported")

	r = b.API(t).Do(t, http.MethodPost, path, `{"screen": "Screen 1"}`, "X-API-Key", key)
	require.Equal(t, http.StatusBadRequest, r.Status, "an object is not an array of shows")
	r = b.API(t).Do(t, http.MethodPost, path, `[]`, "X-API-Key", key)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	require.Contains(t, r.Problem(t).Fields, "shows")
}

func TestATMSKeyImportsOnlyAtItsTheatersAndOnlyWithTheScope(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	theater, err := b.Catalog.TheaterBySlug(t.Context(), slug)
	require.NoError(t, err)
	other := newTheater(t, b, "Rex Elsewhere")
	path := "/api/v1/tms/theaters/" + strconv.FormatInt(theater.ID, 10) + "/shows"
	rows := []map[string]string{{"screen": "Screen 1", "movie": "long-night", "date": "2031-03-14", "time": "10:00", "language": "English", "format": "2D"}}

	r := b.API(t).Do(t, http.MethodPost, path, rows, "X-API-Key", tmsKey(t, b, []string{account.ScopeShowsWrite}, other.ID))
	require.Equal(t, http.StatusNotFound, r.Status, "another theater's key")
	r = b.API(t).Do(t, http.MethodPost, path, rows, "X-API-Key", tmsKey(t, b, []string{account.ScopeShowsRead}))
	require.Equal(t, http.StatusForbidden, r.Status)
	require.Equal(t, "insufficient_scope", r.Problem(t).Code)
	r = b.API(t).Do(t, http.MethodPost, path, rows)
	require.Equal(t, http.StatusUnauthorized, r.Status)
	r = b.API(t).Do(t, http.MethodPost, "/api/v1/tms/theaters/999999/shows", rows, "X-API-Key", tmsKey(t, b, []string{account.ScopeShowsWrite, account.ScopeShowsRead}))
	require.Equal(t, http.StatusNotFound, r.Status, "no such theater")
	require.Equal(t, 0, showCount(t, b))

	r = b.API(t).Do(t, http.MethodPost, path, rows, "X-API-Key", tmsKey(t, b, []string{account.ScopeShowsWrite}, theater.ID))
	require.Equal(t, http.StatusCreated, r.Status, "its own theater's key")
	require.Equal(t, 1, showCount(t, b))
}

func TestATMSImportRetriedWithTheSameIdempotencyKeyImportsOnce(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	theater, err := b.Catalog.TheaterBySlug(t.Context(), slug)
	require.NoError(t, err)
	key := tmsKey(t, b, []string{account.ScopeShowsWrite})
	path := "/api/v1/tms/theaters/" + strconv.FormatInt(theater.ID, 10) + "/shows"
	rows := []map[string]string{{"screen": "Screen 1", "movie": "long-night", "date": "2031-03-14", "time": "10:00", "language": "English", "format": "2D"}}

	first := b.API(t).Do(t, http.MethodPost, path, rows, "X-API-Key", key, "Idempotency-Key", "tms-run-1")
	require.Equal(t, http.StatusCreated, first.Status, string(first.Body))
	again := b.API(t).Do(t, http.MethodPost, path, rows, "X-API-Key", key, "Idempotency-Key", "tms-run-1")
	require.Equal(t, http.StatusCreated, again.Status, "the stored answer, not an overlap with the first run")
	require.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
	require.JSONEq(t, string(first.Body), string(again.Body))
	require.Equal(t, 1, showCount(t, b), "imported once")
}
