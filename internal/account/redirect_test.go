package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

func TestSignInNeverRedirectsOffTheSite(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	u := s.User(t, "Casey", account.Customer)
	// A browser drops tabs and newlines and reads a backslash as a slash:
	// copied into Location, each of these would leave the site.
	for _, next := range []string{
		"//evil.example/phish", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
		"/\\evil.example", "\\\\evil.example", "/\t\\evil.example", "https://evil.example/",
		" //evil.example", "/\x7f/evil.example",
	} {
		res, _ := s.Browser(t).Post(t, "/login", url.Values{"email": {u.Email}, "password": {apptest.Password}, "next": {next}})
		require.Equal(t, http.StatusSeeOther, res.StatusCode, "next=%q", next)
		require.Equal(t, "/", res.Header.Get("Location"), "next=%q", next)
	}
	res, _ := s.Browser(t).Post(t, "/login", url.Values{"email": {u.Email}, "password": {apptest.Password},
		"next": {"/account?tab=sessions"}})
	require.Equal(t, "/account?tab=sessions", res.Header.Get("Location"), "a local path is honoured")
}

func TestSignInRedirectsCarryAtMostAShortNext(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	for _, page := range []string{"/account", "/admin"} {
		res, _ := s.Browser(t).Get(t, page+"?q="+strings.Repeat("x", 100<<10))
		require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
		require.Equal(t, "/login", res.Header.Get("Location"), "a 100 KB address is not copied into the header")
	}
	res, _ := s.Browser(t).Get(t, "/account?tab=a%26b")
	require.Equal(t, "/login?next=/account%3Ftab%3Da%2526b", res.Header.Get("Location"), "the whole way back is one parameter")
}
