package account_test

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
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// from signs in through the login form as a browser at address ip would
// (the test server trusts X-Forwarded-For, as behind a load balancer).
func from(t *testing.T, br *webtest.Browser, ip, email, password string) (*http.Response, string) {
	t.Helper()
	return br.Post(t, "/login", url.Values{"email": {email}, "password": {password}}, "X-Forwarded-For", ip)
}

func throttleSetup(t *testing.T) (*apptest.Server, account.User) {
	t.Helper()
	s := apptest.New(t, apptest.Options{Env: map[string]string{"TRUST_PROXY": "true"}})
	return s, s.User(t, "Owner", account.Admin)
}

// expireWaits ends every sign-in wait, as if it had run out.
func expireWaits(t *testing.T, s *apptest.Server) {
	t.Helper()
	_, err := s.Pool.Exec(context.Background(),
		`UPDATE account.login_failures SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL`)
	require.NoError(t, err)
}

func retryAfter(t *testing.T, res *http.Response) int {
	t.Helper()
	n, err := strconv.Atoi(res.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After is a number of seconds")
	require.Positive(t, n)
	return n
}

func TestAStrangerCannotLockTheOwnerOut(t *testing.T) {
	t.Parallel()
	s, owner := throttleSetup(t)
	attacker := s.Browser(t)
	for i := range 40 {
		res, _ := from(t, attacker, "203.0.113.66", owner.Email, fmt.Sprintf("guess-%d", i))
		require.Contains(t, []int{http.StatusUnauthorized, http.StatusTooManyRequests}, res.StatusCode)
	}
	res, _ := from(t, attacker, "203.0.113.66", owner.Email, apptest.Password)
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "the attacker's address is slowed down")

	res, _ = from(t, s.Browser(t), "198.51.100.7", owner.Email, apptest.Password)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the owner, elsewhere, signs in at once")
}

func TestGuessingFromOneAddressIsSlowedDownMoreAndMore(t *testing.T) {
	t.Parallel()
	s, owner := throttleSetup(t)
	br := s.Browser(t)
	for i := range 4 {
		res, _ := from(t, br, "203.0.113.9", owner.Email, "wrong-password")
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "attempt %d", i+1)
	}
	res, page := from(t, br, "203.0.113.9", owner.Email, apptest.Password)
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "even the right password waits its turn")
	first := retryAfter(t, res)
	require.Contains(t, page, "Too many failed sign-ins from here. Try again in")
	require.Contains(t, page, "or reset your password by email")
	require.Contains(t, page, `value="`+owner.Email+`"`, "the form is shown again")

	expireWaits(t, s)
	res, _ = from(t, br, "203.0.113.9", owner.Email, "wrong-again")
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	res, _ = from(t, br, "203.0.113.9", owner.Email, "and-again")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.Greater(t, retryAfter(t, res), first, "each further failure waits longer")

	req, err := http.NewRequest(http.MethodPost, s.URL+"/api/v1/auth/token",
		strings.NewReader(`{"email":"`+owner.Email+`","password":"`+apptest.Password+`"}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	res, body := br.Do(t, req)
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "the API shares the limit")
	require.Contains(t, body, `"code":"rate_limited"`)
	retryAfter(t, res)

	// Meanwhile the owner can reset the password by email.
	res, page = br.Post(t, "/password/forgot", url.Values{"email": {owner.Email}}, "X-Forwarded-For", "203.0.113.9")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Check your inbox")
}

func TestTheRightPasswordWorksOnceTheWaitIsOver(t *testing.T) {
	t.Parallel()
	s, owner := throttleSetup(t)
	br := s.Browser(t)
	for range 5 {
		from(t, br, "203.0.113.9", owner.Email, "wrong-password")
	}
	res, _ := from(t, br, "203.0.113.9", owner.Email, apptest.Password)
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)

	expireWaits(t, s)
	res, _ = from(t, br, "203.0.113.9", owner.Email, apptest.Password)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = from(t, s.Browser(t), "203.0.113.9", owner.Email, "a-typo")
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "a success starts the count afresh")
}

func TestAnAddressGuessingManyAccountsIsSlowedButItsUsersStillSignIn(t *testing.T) {
	t.Parallel()
	s, owner := throttleSetup(t)
	office := "192.0.2.10"
	for i := range 31 {
		res, _ := from(t, s.Browser(t), office, fmt.Sprintf("ghost%d@example.com", i), "password-spray")
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "failure %d", i+1)
	}
	res, _ := from(t, s.Browser(t), office, "ghost99@example.com", "password-spray")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "guessing from the address is slowed")
	retryAfter(t, res)
	res, _ = from(t, s.Browser(t), office, "ghost1@example.com", "another-guess")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)

	res, _ = from(t, s.Browser(t), office, owner.Email, apptest.Password)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "a colleague with no failures from here signs in")
}

func TestAnUnknownEmailIsSlowedDownTheSameWay(t *testing.T) {
	t.Parallel()
	s, owner := throttleSetup(t)
	for _, email := range []string{owner.Email, "nobody@example.com"} {
		br := s.Browser(t)
		for i := range 4 {
			res, _ := from(t, br, "203.0.113.9", email, "wrong-password")
			require.Equal(t, http.StatusUnauthorized, res.StatusCode, "%s, attempt %d", email, i+1)
		}
		res, _ := from(t, br, "203.0.113.9", email, "wrong-password")
		require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "the answers do not tell who has an account")
	}
}
