package search_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestResultsPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	br := b.Browser(t)

	res, body := br.Get(t, "/search?q=lanturn+keper&city=london")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Did you mean")
	require.Contains(t, body, "The Lantern Keeper")
	require.Contains(t, body, `href="/movies/the-lantern-keeper"`)

	// Every filter value links to its own URL, which keeps the others.
	res, body = br.Get(t, "/search?q=drama&city=london&genre=Drama&time=evening")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "/search?city=london&amp;genre=Drama&amp;q=drama")
	require.Contains(t, body, "Clear all")

	// A bad filter is explained, not a server error.
	res, body = br.Get(t, "/search?q=drama&city=london&seats=99")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Ask for 1 to 20 seats.")
}

func TestSuggestFragment(t *testing.T) {
	t.Parallel()
	b := setup(t)
	br := b.Browser(t)
	res, body := br.Get(t, "/search/suggest?q=cartog")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "The Last Cartographer")
	require.NotContains(t, body, "<html")

	_, body = br.Get(t, "/search/suggest?q=imogen")
	require.Contains(t, body, "Imogen Sallow")

	res, body = br.Get(t, "/search/suggest?q=a")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Empty(t, strings.TrimSpace(body))
}

func TestSearchAPI(t *testing.T) {
	t.Parallel()
	b := setup(t)
	br := b.Browser(t)
	v := url.Values{"q": {"thriller"}, "city": {"mumbai"}, "language": {"Hindi"}}
	res, body := br.Get(t, "/api/v1/search?"+v.Encode())
	require.Equal(t, http.StatusOK, res.StatusCode)
	var out struct {
		Total  int `json:"total"`
		Movies []struct {
			Title string `json:"title"`
			Shows []struct {
				Language string `json:"language"`
			} `json:"shows"`
		} `json:"items"`
		Facets struct {
			Language []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"language"`
		} `json:"facets"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	require.NotZero(t, out.Total)
	for _, m := range out.Movies {
		for _, s := range m.Shows {
			require.Equal(t, "Hindi", s.Language, m.Title)
		}
	}
	require.NotEmpty(t, out.Facets.Language)

	res, body = br.Get(t, "/api/v1/search?q=x&sort=best&time=lunch")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, res.Header.Get("Content-Type"), "application/problem+json")
	require.Contains(t, body, `"sort"`)
	require.Contains(t, body, `"time"`)

	res, body = br.Get(t, "/api/v1/search?q=x&city=atlantis")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "unknown_city")
}
