package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

// path turns an absolute link from a message into a path on the test server.
func path(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	require.NoError(t, err)
	return u.RequestURI()
}

func TestSignUpVerifiesEmailWithASingleUseLink(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.Browser(t)

	res, body := c.Post(t, "/signup", url.Values{"name": {"Noor"}, "email": {"bad"}, "password": {"short"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter an email address like name@example.com.")
	require.Contains(t, body, "Use 8 to 128 characters.")
	require.Contains(t, body, `value="Noor"`, "what was typed is kept")

	res, body = c.Post(t, "/signup", url.Values{"name": {"Noor"}, "email": {"noor@example.com"}, "password": {"a long enough secret"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Check your inbox")
	link := b.lastMessage(t, "noor@example.com", account.MsgVerifyEmail).Link
	require.True(t, strings.HasPrefix(link, "http://marquee.test/verify?token="))

	res, _ = c.Get(t, path(t, link))
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the link confirms and signs in")
	u, err := b.Account.UserByEmail(context.Background(), "noor@example.com")
	require.NoError(t, err)
	require.True(t, u.EmailVerified)
	res, body = c.Get(t, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "noor@example.com")

	res, body = b.Browser(t).Get(t, path(t, link))
	require.Equal(t, http.StatusGone, res.StatusCode, "a used link does not work twice")
	require.Contains(t, body, "That link has expired")
}

func TestSignUpWithATakenEmailLooksTheSame(t *testing.T) {
	t.Parallel()
	b := setup(t)
	before := b.messages(t)
	res, body := b.Browser(t).Post(t, "/signup", url.Values{"name": {"Mallory"}, "email": {"customer@marquee.test"}, "password": {"a long enough secret"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Check your inbox")
	require.Equal(t, before+1, b.messages(t))
	b.lastMessage(t, "customer@marquee.test", account.MsgAccountExists)
}

func TestPasswordResetEndsEveryOtherSession(t *testing.T) {
	t.Parallel()
	b := setup(t)
	laptop := b.Browser(t)
	res, _ := login(t, laptop, "customer@marquee.test", "marquee-customer")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	// Unknown addresses get the same answer and no mail.
	before := b.messages(t)
	res, body := b.Browser(t).Post(t, "/password/forgot", url.Values{"email": {"nobody@marquee.test"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "If nobody@marquee.test has a Marquee account")
	require.Equal(t, before, b.messages(t))

	phone := b.Browser(t)
	phone.Post(t, "/password/forgot", url.Values{"email": {"customer@marquee.test"}})
	link := b.lastMessage(t, "customer@marquee.test", account.MsgPasswordReset).Link
	res, body = phone.Get(t, path(t, link))
	require.Equal(t, http.StatusOK, res.StatusCode)
	token := strings.TrimPrefix(path(t, link), "/password/reset?token=")
	require.Contains(t, body, token)

	res, _ = phone.Post(t, "/password/reset", url.Values{"token": {token}, "password": {"short"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	res, _ = phone.Post(t, "/password/reset", url.Values{"token": {token}, "password": {"a brand new secret"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	res, _ = laptop.Get(t, "/account")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the laptop was signed out")
	res, _ = phone.Get(t, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode, "the phone that reset is signed in")
	res, _ = login(t, b.Browser(t), "customer@marquee.test", "a brand new secret")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = b.Browser(t).Post(t, "/password/reset", url.Values{"token": {token}, "password": {"another new secret"}})
	require.Equal(t, http.StatusGone, res.StatusCode, "reset links are single use")
}

func TestUsersSeeAndEndTheirOtherSessions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	first, second := b.Browser(t), b.Browser(t)
	login(t, first, "customer@marquee.test", "marquee-customer")
	login(t, second, "customer@marquee.test", "marquee-customer")

	_, body := first.Get(t, "/account")
	require.Equal(t, 1, strings.Count(body, "This device"))
	require.Equal(t, 1, strings.Count(body, "/end\""), "one other session can be ended")

	res, _ := first.Post(t, "/account/sessions/end-others", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = second.Get(t, "/account")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the other browser is signed out")
	res, _ = first.Get(t, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode)

	// Another user's session id cannot be ended.
	res, _ = first.Post(t, "/account/sessions/0011223344556677/end", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}
