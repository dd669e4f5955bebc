package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// csrfRefusal is what a form sent without a valid CSRF token is told.
const csrfRefusal = "This form has expired or was sent from another site"

// authzFile is the committed table of who gets what from every route.
const authzFile = "../../docs/authz.txt"

// caller is one of the matrix's roles: a browser (session and CSRF
// cookies) and, for /api/v1, a bearer token.
type caller struct {
	role   string
	user   account.User
	br     *webtest.Browser
	csrf   string
	bearer string
}

// TestAuthorisationMatrix calls every route of the production router as
// an anonymous visitor, customer A, customer B (with A's bookings, holds,
// payments and sessions), the theater's door, box office and manager
// staff, another theater's manager, the chain's admin, and Marquee's own
// staff and admin, and compares the answers with docs/authz.txt. Unsafe
// requests carry the caller's CSRF token, so each cell shows the
// authorisation, not the CSRF check. Whatever the table says, nothing
// answers 5xx, B gets 404 for everything of A's, and the other theater's
// manager gets 404 or 403 for every staff page of it.
// `make authz` (UPDATE_AUTHZ=1) rewrites the table.
func TestAuthorisationMatrix(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{Env: map[string]string{
		"MAX_UNPAID_HOLDS": "0", "HOLD_RATE_PER_ACCOUNT": "0", "HOLD_RATE_PER_IP": "0",
		// Every caller asks every route from 127.0.0.1: a budget per
		// address would answer 429 in place of who may do what.
		"RATE_PASSWORD_RESET_PER_IP": "0", "RATE_SIGNUP_PER_IP": "0", "RATE_SEARCH_PER_IP": "0", "RATE_API_PER_IP": "0",
		"RATE_GIFT_CARD_PER_IP": "0", "RATE_GIFT_CARD_PER_CODE": "0"}})
	s.Start(t) // the search index and live seat maps run, as in production
	callers := []*caller{{role: "anonymous"},
		{role: "other", user: s.User(t, "Bob", account.Customer)},
		{role: "customer", user: s.User(t, "Ada", account.Customer)},
		{role: "door", user: s.User(t, "Dot", account.Customer)},
		{role: "boxoffice", user: s.User(t, "Bea", account.Customer)},
		{role: "outsider", user: s.User(t, "Otto", account.Customer)},
		{role: "manager", user: s.User(t, "Mia", account.Customer)},
		{role: "chainadmin", user: s.User(t, "Cal", account.Customer)},
		{role: "staff", user: s.User(t, "Sam", account.Staff)},
		{role: "admin", user: s.User(t, "Alex", account.Admin)}}
	w := newAuthzWorld(t, s, callers[2].user.ID, s.User(t, "Vic", account.Customer).ID)
	w.grantCinemaRoles(t, callers)
	for _, c := range callers {
		c.signIn(t, s)
	}

	routes := s.Echo.Routes()
	slices.SortFunc(routes, func(a, b *echo.Route) int { return strings.Compare(a.Path+" "+a.Method, b.Path+" "+b.Method) })
	var lines []string
	cells, leaks := 0, []string{}
	for n, r := range routes {
		if strings.HasPrefix(r.Method, "echo_") {
			continue
		}
		// Each route starts with no failed sign-ins on record: the sign-in
		// throttles' waits (5 s, 10 s, ...) run out or not between routes
		// depending on the machine's speed, which would change the answers.
		_, err := s.Pool.Exec(context.Background(), "DELETE FROM account.login_failures")
		require.NoError(t, err)
		f := w.fixtures(t, n)
		path := f.fill(r.Path)
		for _, c := range callers {
			got := c.call(t, r.Method, path)
			require.NotRegexp(t, `^5`, got, "%s %s as %s", r.Method, path, c.role)
			if f.owned && c.role == "other" && got != "404" {
				leaks = append(leaks, fmt.Sprintf("%s %s answers %q to another customer", r.Method, r.Path, got))
			}
			// A report's :file names a kind of report, not a place: the
			// outsider rightly gets their own theater's.
			if c.role == "outsider" && strings.HasPrefix(r.Path, "/admin/") && strings.Contains(r.Path, "/:") &&
				!strings.HasSuffix(r.Path, "/:file") && got != "404" && got != "403" {
				leaks = append(leaks, fmt.Sprintf("%s %s answers %q to another theater's manager", r.Method, r.Path, got))
			}
			lines = append(lines, fmt.Sprintf("%-7s %-44s %-9s %s", r.Method, r.Path, c.role, got))
			cells++
			c.stillSignedIn(t, s)
		}
	}
	require.Empty(t, leaks, "owner-only resources answer 404 to other customers, a theater's to other theaters' staff")
	t.Logf("authorisation matrix: %d routes x %d roles = %d cells", cells/len(callers), len(callers), cells)

	got := "# Who gets what from every route: method, path, caller, answer (docs/routes.txt lists the handlers).\n" +
		"# Callers: anonymous; other (another customer, given the customer's ids); customer (owns every booking, hold,\n" +
		"# payment and session in a path); the theater's door, boxoffice and manager staff; outsider (manager of another\n" +
		"# theater of the same chain); chainadmin (of the theater's chain); staff and admin (Marquee's own).\n" +
		"# Answers: ok NNN (2xx), login (sent to sign in or 401),\n" +
		"# NNN to /path (other redirects), or the status. Each route gets its own show, bookings and payment, asked in\n" +
		"# the order above (so an admin may find what staff already cancelled or deleted).\n" +
		"# Generated by `make authz` (cmd/server/authz_matrix_test.go); the test fails when it is stale.\n" +
		strings.Join(lines, "\n") + "\n"
	if os.Getenv("UPDATE_AUTHZ") != "" {
		require.NoError(t, os.WriteFile(authzFile, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(authzFile)
	require.NoError(t, err, "docs/authz.txt is missing: run make authz")
	require.Equal(t, string(want), got, "who may call what changed: run make authz and review docs/authz.txt")
}

// signIn gives the caller a fresh browser, signed in unless anonymous,
// with its CSRF token and bearer token.
func (c *caller) signIn(t *testing.T, s *apptest.Server) {
	t.Helper()
	c.br = s.Browser(t)
	if c.role != "anonymous" {
		c.br.SignIn(t, c.user.Email, apptest.Password)
		pair, err := s.Account.IssueTokens(context.Background(), c.user.Email, apptest.Password, "127.0.0.1")
		require.NoError(t, err)
		c.bearer = pair.AccessToken
	}
	_, page := c.br.Get(t, "/")
	m := regexp.MustCompile(`name="csrf-token" content="([^"]+)"`).FindStringSubmatch(page)
	require.NotNil(t, m, "the home page carries a CSRF token")
	c.csrf = m[1]
}

// stillSignedIn signs the caller in again when the last route ended its
// session or revoked its API tokens (signing out, ending sessions), so the
// next route sees the role.
func (c *caller) stillSignedIn(t *testing.T, s *apptest.Server) {
	t.Helper()
	if c.role == "anonymous" {
		return
	}
	if res, _ := c.br.Get(t, "/account"); res.StatusCode != http.StatusOK {
		c.signIn(t, s)
		return
	}
	if res, _ := c.br.Get(t, "/api/v1/me", "Authorization", "Bearer "+c.bearer); res.StatusCode != http.StatusOK {
		c.signIn(t, s)
	}
}

// call requests method path as the caller and says what came back.
func (c *caller) call(t *testing.T, method, path string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var body io.Reader
	if method != http.MethodGet && method != http.MethodHead {
		body = strings.NewReader(url.Values{"_csrf": {c.csrf}}.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.br.Base+path, body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", c.csrf)
	if c.bearer != "" && strings.HasPrefix(path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	res, err := c.br.Client.Do(req)
	require.NoError(t, err, "%s %s as %s", method, path, c.role)
	defer res.Body.Close()
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		page, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.NotContains(t, string(page), csrfRefusal, "%s %s as %s: the CSRF token was sent", method, path, c.role)
	}
	return answer(res)
}

// answer names an answer for the table.
func answer(res *http.Response) string {
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	switch code := res.StatusCode; {
	case code == http.StatusUnauthorized, code >= 300 && code < 400 && loc == "/login":
		return "login"
	case code >= 200 && code < 300:
		return fmt.Sprintf("ok %d", code)
	case code >= 300 && code < 400:
		return fmt.Sprintf("%d to %s", code, regexp.MustCompile(`/\d+`).ReplaceAllString(loc, "/N"))
	default:
		return fmt.Sprint(code)
	}
}
