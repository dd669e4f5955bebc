package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// TestEveryKindOfAnswerCarriesTheSecurityHeaders: pages, htmx fragments,
// JSON, problem+json, event streams, assets and redirects all forbid
// framing, sniffing and leaking the full referrer, and behind HTTPS keep
// the browser on HTTPS.
func TestEveryKindOfAnswerCarriesTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{Env: map[string]string{"BASE_URL": "https://marquee.example"}})
	s.Start(t)
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{})
	br := s.Browser(t)
	kinds := []struct {
		kind, path, htmx, status, contentType string
	}{
		{"HTML page", "/", "", "200", "text/html"},
		{"htmx fragment", "/recommendations/home", "true", "200", "text/html"},
		{"JSON API", fmt.Sprintf("/api/v1/shows/%d/seats", show.ID), "", "200", "application/json"},
		{"problem+json", "/api/v1/me", "", "401", "application/problem+json"},
		{"event stream", fmt.Sprintf("/shows/%d/seats/events", show.ID), "", "200", "text/event-stream"},
		{"static asset", "/static/css/app.css", "", "200", "text/css"},
		{"redirect", "/account", "", "303", ""},
		{"error page", "/no/such/page", "", "404", "text/html"},
	}
	for _, k := range kinds {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+k.path, nil)
		require.NoError(t, err)
		req.Header.Set("X-Forwarded-Proto", "https") // as the TLS-terminating proxy says
		if k.htmx != "" {
			req.Header.Set("HX-Request", k.htmx)
		}
		res, err := br.Client.Do(req)
		require.NoError(t, err, k.kind)
		res.Body.Close()
		cancel()
		h := res.Header
		require.Equal(t, k.status, fmt.Sprint(res.StatusCode), k.kind)
		require.Contains(t, h.Get("Content-Type"), k.contentType, k.kind)
		csp := h.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"} {
			require.Contains(t, csp, d, "%s: CSP", k.kind)
		}
		require.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), k.kind)
		require.Equal(t, "DENY", h.Get("X-Frame-Options"), k.kind)
		require.Equal(t, "strict-origin-when-cross-origin", h.Get("Referrer-Policy"), k.kind)
		require.Contains(t, h.Get("Strict-Transport-Security"), "max-age=63072000", k.kind)
		require.NotEmpty(t, h.Get("X-Request-Id"), k.kind)
	}
}

// TestSessionCookieIsHTTPOnlyLaxAndSecureBehindHTTPS: scripts cannot read
// the session, other sites' forms do not carry it, and with an https
// BASE_URL it never travels over plain HTTP; the CSRF cookie too.
func TestSessionCookieIsHTTPOnlyLaxAndSecureBehindHTTPS(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"https://marquee.example", "http://localhost:8080"} {
		s := apptest.New(t, apptest.Options{Env: map[string]string{"BASE_URL": base}})
		u := s.User(t, "Ada", account.Customer)
		res, _ := s.Browser(t).Post(t, "/login", url.Values{"email": {u.Email}, "password": {apptest.Password}})
		require.Equal(t, http.StatusSeeOther, res.StatusCode, base)
		seen := map[string]bool{}
		for _, c := range res.Cookies() {
			seen[c.Name] = true
			require.True(t, c.HttpOnly, "%s: %s is HttpOnly", base, c.Name)
			require.Equal(t, http.SameSiteLaxMode, c.SameSite, "%s: %s is SameSite=Lax", base, c.Name)
			require.Equal(t, strings.HasPrefix(base, "https://"), c.Secure, "%s: %s is Secure exactly behind HTTPS", base, c.Name)
		}
		require.True(t, seen["session"], "%s: signing in sets the session cookie (got %v)", base, seen)
	}
}

// TestEveryUnsafeWebRouteRefusesAMissingOrForeignCSRFToken walks the
// production router: every POST, PUT, PATCH and DELETE outside the bearer
// API (/api/, including the one-click unsubscribe mail providers send)
// and the signature-checked /webhooks/ answers 403 to a signed-in admin's
// form without a token, with a wrong token, or sent from another site.
func TestEveryUnsafeWebRouteRefusesAMissingOrForeignCSRFToken(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	br, _ := s.SignedIn(t, "Alex", account.Admin)
	_, page := br.Get(t, "/")
	m := regexp.MustCompile(`name="csrf-token" content="([^"]+)"`).FindStringSubmatch(page)
	require.NotNil(t, m)
	token := m[1]

	checked := 0
	for _, r := range s.Echo.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || strings.HasPrefix(r.Method, "echo_") ||
			strings.HasPrefix(r.Path, "/api/") || strings.HasPrefix(r.Path, "/webhooks/") {
			continue
		}
		path := regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(r.Path, "1")
		for _, attempt := range []struct {
			name string
			form url.Values
			head []string
		}{
			{"no token", url.Values{}, nil},
			{"a wrong token", url.Values{"_csrf": {"forged" + token[6:]}}, []string{"X-CSRF-Token", "forged" + token[6:]}},
			{"another site", url.Values{"_csrf": {token}}, []string{"X-CSRF-Token", token, "Sec-Fetch-Site", "cross-site"}},
		} {
			req, err := http.NewRequest(r.Method, s.URL+path, strings.NewReader(attempt.form.Encode()))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for i := 0; i+1 < len(attempt.head); i += 2 {
				req.Header.Set(attempt.head[i], attempt.head[i+1])
			}
			res, body := br.Do(t, req)
			require.Equal(t, http.StatusForbidden, res.StatusCode, "%s %s with %s", r.Method, r.Path, attempt.name)
			if attempt.name != "another site" { // refused by the Fetch Metadata check, before the token
				require.Contains(t, body, csrfRefusal, "%s %s with %s", r.Method, r.Path, attempt.name)
			}
		}
		checked++
	}
	require.Greater(t, checked, 50, "the router's unsafe web routes were all tried")
	t.Logf("%d unsafe web routes refuse forms without a valid CSRF token", checked)

	// Still signed in: none of the refused forms did anything.
	res, _ := br.Get(t, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode)
}
