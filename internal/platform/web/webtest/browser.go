// Package webtest is a browser for HTTP tests against a real router: it
// keeps cookies, follows no redirects (tests look at each answer) and sends
// forms the way a same-origin page does, so CSRF checks pass as they would
// for a real visitor.
package webtest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Browser talks to the server at Base.
type Browser struct {
	Base   string
	Client *http.Client
}

// NewBrowser returns a browser with an empty cookie jar for base (the
// httptest server's URL).
func NewBrowser(t testing.TB, base string) *Browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &Browser{Base: base, Client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// SetCookie stores a cookie as if the server had set it.
func (b *Browser) SetCookie(t testing.TB, name, value string) {
	t.Helper()
	u, err := url.Parse(b.Base)
	require.NoError(t, err)
	b.Client.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// SignIn signs in through the login form and fails the test unless the
// server accepts it.
func (b *Browser) SignIn(t testing.TB, email, password string) {
	t.Helper()
	res, _ := b.Post(t, "/login", url.Values{"email": {email}, "password": {password}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "signed in as %s", email)
}

// Get fetches path; extra headers come in name, value pairs.
func (b *Browser) Get(t testing.TB, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.Base+path, nil)
	require.NoError(t, err)
	setHeaders(req, header)
	return b.Do(t, req)
}

// Post sends a form as a same-origin page does; extra headers in pairs.
func (b *Browser) Post(t testing.TB, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.Base+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	setHeaders(req, header)
	return b.Do(t, req)
}

// Do sends req and returns the answer with its whole body.
func (b *Browser) Do(t testing.TB, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := b.Client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

func setHeaders(req *http.Request, pairs []string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		req.Header.Set(pairs[i], pairs[i+1])
	}
}
