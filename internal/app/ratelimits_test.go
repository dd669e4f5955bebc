package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// limitedRoute is one abuse-prone route and the variable of the budget
// its requests spend from.
type limitedRoute struct {
	env    string
	method string
	path   string // %d: a show's id
	as     string // visitor, customer (signed-in browser) or token (API)
	code   string // the API problem's code; "" for pages
}

var limitedRoutes = []limitedRoute{
	{env: "RATE_SIGNUP_PER_IP", method: "POST", path: "/signup", as: "visitor"},
	{env: "RATE_SIGNIN_PER_IP", method: "POST", path: "/login", as: "visitor"},
	{env: "RATE_SIGNIN_PER_IP", method: "POST", path: "/api/v1/auth/token", as: "visitor", code: "rate_limited"},
	{env: "RATE_PASSWORD_RESET_PER_IP", method: "POST", path: "/password/forgot", as: "visitor"},
	{env: "RATE_PASSWORD_RESET_PER_IP", method: "POST", path: "/password/reset", as: "visitor"},
	{env: "RATE_VERIFY_MAIL_PER_ACCOUNT", method: "POST", path: "/account/verify/resend", as: "customer"},
	{env: "RATE_VERIFY_MAIL_PER_ACCOUNT", method: "POST", path: "/account/email", as: "customer"},
	{env: "RATE_SEARCH_PER_IP", method: "GET", path: "/search?q=dune", as: "visitor"},
	{env: "RATE_SEARCH_PER_IP", method: "GET", path: "/search/suggest?q=du", as: "visitor"},
	{env: "RATE_SEARCH_PER_IP", method: "GET", path: "/api/v1/search?q=dune", as: "visitor", code: "rate_limited"},
	{env: "HOLD_RATE_PER_ACCOUNT", method: "POST", path: "/shows/%d/hold", as: "customer"},
	{env: "HOLD_RATE_PER_IP", method: "POST", path: "/shows/%d/hold", as: "customer"},
	{env: "HOLD_RATE_PER_IP", method: "POST", path: "/shows/%d/hold/guest", as: "visitor"},
	{env: "RATE_SIGNIN_PER_IP", method: "POST", path: "/bookings/find", as: "visitor"},
	{env: "HOLD_RATE_PER_ACCOUNT", method: "POST", path: "/api/v1/shows/%d/holds", as: "token", code: "hold_rate_account"},
	{env: "HOLD_RATE_PER_IP", method: "POST", path: "/api/v1/shows/%d/holds", as: "token", code: "hold_rate_ip"},
	{env: "RATE_PAY_PER_ACCOUNT", method: "POST", path: "/bookings/1/pay", as: "customer"},
	{env: "RATE_PAY_PER_ACCOUNT", method: "POST", path: "/pay/1/card", as: "customer"},
	{env: "RATE_PAY_PER_ACCOUNT", method: "POST", path: "/pay/1/authenticate", as: "customer"},
	{env: "RATE_PAY_PER_ACCOUNT", method: "POST", path: "/bookings/1/promo", as: "customer"},
	{env: "RATE_API_PER_TOKEN", method: "GET", path: "/api/v1/me", as: "token", code: "rate_limited"},
	{env: "RATE_API_PER_IP", method: "GET", path: "/api/v1/me", as: "visitor", code: "rate_limited"},
}

func TestEveryAbuseProneRouteSaysWhenToComeBackPastItsLimit(t *testing.T) {
	t.Parallel()
	for _, r := range limitedRoutes {
		t.Run(r.env+" "+r.method+" "+r.path, func(t *testing.T) {
			t.Parallel()
			s := apptest.New(t, apptest.Options{Env: map[string]string{r.env: "1", "MAX_UNPAID_HOLDS": "0"}})
			if strings.Contains(r.path, "search") {
				s.Start(t) // searches wait for the index
			}
			path := r.path
			if strings.Contains(path, "%d") {
				path = fmt.Sprintf(path, catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{}).ID)
			}
			send := sender(t, s, r, path)

			first, _ := send("A1")
			require.NotEqual(t, http.StatusTooManyRequests, first.StatusCode, "the first of the minute goes through")
			require.Equal(t, "1", first.Header.Get("RateLimit-Limit"), "every answer tells the budget")
			require.Equal(t, "0", first.Header.Get("RateLimit-Remaining"))

			res, body := send("A3")
			require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
			wait, err := strconv.Atoi(res.Header.Get("Retry-After"))
			require.NoError(t, err, "Retry-After %q", res.Header.Get("Retry-After"))
			require.True(t, wait >= 1 && wait <= 60, "one action comes back within the minute: %d s", wait)
			require.Equal(t, "1", res.Header.Get("RateLimit-Limit"))
			require.Equal(t, "0", res.Header.Get("RateLimit-Remaining"))
			require.Equal(t, "1;w=60", res.Header.Get("RateLimit-Policy"))
			reset, err := strconv.Atoi(res.Header.Get("RateLimit-Reset"))
			require.NoError(t, err)
			require.Positive(t, reset)

			if r.code == "" {
				require.Contains(t, res.Header.Get("Content-Type"), "text/html")
				require.Contains(t, body, "Wait ", "the page says how long")
				return
			}
			require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
			require.Contains(t, body, `"code":"`+r.code+`"`)
		})
	}
}

// sender sends r's request to path as r.as, a seat in the body of holds.
func sender(t *testing.T, s *apptest.Server, r limitedRoute, path string) func(seat string) (*http.Response, string) {
	t.Helper()
	var br *webtest.Browser
	var token string
	switch r.as {
	case "customer":
		br, _ = s.SignedIn(t, "Ada", account.Customer)
	case "token":
		u := s.User(t, "Ada", account.Customer)
		pair, err := s.Account.IssueTokens(context.Background(), u.Email, apptest.Password, "127.0.0.1")
		require.NoError(t, err)
		token = pair.AccessToken
	default:
		br = s.Browser(t)
	}
	return func(seat string) (*http.Response, string) {
		if strings.HasPrefix(path, "/api/") {
			body := `{"email":"nobody@example.com","password":"wrong-guess-123","seats":["` + seat + `"]}`
			req, err := http.NewRequest(r.method, s.URL+path, strings.NewReader(body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			return webtest.NewBrowser(t, s.URL).Do(t, req)
		}
		if r.method == http.MethodGet {
			return br.Get(t, path)
		}
		return br.Post(t, path, url.Values{"seats": {seat}, "email": {"nobody@example.com"}, "password": {"wrong-guess-123"}})
	}
}
