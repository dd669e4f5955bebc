package catalog_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestChoosingACityRemembersItInACookie(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTheater(t, b, "Riverside Picturehouse")

	res, body := b.get(t, "/cities?next=/theaters")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `name="next" value="/theaters"`)
	require.Contains(t, body, `value="london"`)

	res, _ = b.postForm(t, "/city", url.Values{"city": {"london"}, "next": {"/theaters"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/theaters", res.Header.Get("Location"))
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "city" {
			cookie = c
		}
	}
	require.NotNil(t, cookie, "the city is remembered")
	require.Equal(t, "london", cookie.Value)
	require.True(t, cookie.HttpOnly)
	require.Equal(t, http.SameSiteLaxMode, cookie.SameSite)
	require.Equal(t, "/", cookie.Path)
	require.GreaterOrEqual(t, cookie.MaxAge, 364*24*3600, "remembered for a year")

	res, _ = b.postForm(t, "/city", url.Values{"city": {"london"}, "next": {"//evil.example/phish"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/", res.Header.Get("Location"), "never redirect off the site")
}

func TestChoosingAnUnknownCityIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTheater(t, b, "Riverside Picturehouse")

	res, body := b.postForm(t, "/city", url.Values{"city": {"atlantis"}, "next": {"/theaters"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "have cinemas in that city yet")
	require.Contains(t, body, `value="london"`, "the picker is shown again")
	require.Contains(t, body, `name="next" value="/theaters"`, "and still returns where the visitor was going")
	for _, c := range res.Cookies() {
		require.NotEqual(t, "city", c.Name)
	}
}

func TestChoosingACityNeverRedirectsOffTheSite(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTheater(t, b, "Riverside Picturehouse")
	for _, next := range []string{"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\\evil.example",
		"/\t\\evil.example", "\\\\evil.example", "https://evil.example/", "/\x7f/evil.example"} {
		res, _ := b.postForm(t, "/city", url.Values{"city": {"london"}, "next": {next}})
		require.Equal(t, http.StatusSeeOther, res.StatusCode, "next=%q", next)
		require.Equal(t, "/", res.Header.Get("Location"), "next=%q", next)
	}
}
