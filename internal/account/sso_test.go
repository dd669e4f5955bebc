package account_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// ssoBundle is the server with a local OpenID Connect issuer configured as
// the "sso" provider (OIDC_ISSUER), as an operator would.
type ssoBundle struct {
	*testBundle
	idp *mockoidc.MockOIDC
}

func setupSSO(t *testing.T) *ssoBundle {
	t.Helper()
	idp, err := mockoidc.Run()
	require.NoError(t, err)
	t.Cleanup(func() { idp.Shutdown() })
	cfg := idp.Config()
	b := setup(t, map[string]string{"OIDC_ISSUER": cfg.Issuer, "OIDC_CLIENT_ID": cfg.ClientID,
		"OIDC_CLIENT_SECRET": cfg.ClientSecret, "OIDC_LABEL": "Test ID"})
	return &ssoBundle{testBundle: b, idp: idp}
}

// signInWith walks the browser through the provider and back; it returns
// the status of our callback's answer. The provider sends the browser to
// the public address (BASE_URL), which reaches the test server here.
func (b *ssoBundle) signInWith(t *testing.T, c *webtest.Browser) int {
	t.Helper()
	url := b.URL + "/login/sso"
	for range 5 {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		require.NoError(t, err)
		res, _ := c.Do(t, req)
		loc := res.Header.Get("Location")
		if res.StatusCode < 300 || res.StatusCode >= 400 || loc == "" || loc == "/" {
			return res.StatusCode
		}
		if loc[0] == '/' {
			loc = b.URL + loc
		}
		url = strings.Replace(loc, "http://marquee.test/", b.URL+"/", 1)
	}
	t.Fatal("too many redirects")
	return 0
}

func TestSignInWithOpenIDConnect(t *testing.T) {
	t.Parallel()
	b := setupSSO(t)

	// A new person gets a new, verified customer account.
	b.idp.QueueUser(&mockoidc.MockUser{Subject: "idp-1", Email: "newcomer@example.com", EmailVerified: true})
	c := b.Browser(t)
	require.Equal(t, http.StatusSeeOther, b.signInWith(t, c))
	res, body := c.Get(t, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "newcomer@example.com")

	// An existing account is linked by its verified email.
	b.idp.QueueUser(&mockoidc.MockUser{Subject: "idp-2", Email: "customer@marquee.test", EmailVerified: true})
	c2 := b.Browser(t)
	require.Equal(t, http.StatusSeeOther, b.signInWith(t, c2))
	_, body = c2.Get(t, "/account")
	require.Contains(t, body, "Casey Customer", "signed in to the existing account")
	var links int
	require.NoError(t, b.Pool.QueryRow(context.Background(),
		"SELECT count(*) FROM account.identities i JOIN account.users u ON u.id = i.user_id WHERE u.email = 'customer@marquee.test'").Scan(&links))
	require.Equal(t, 1, links)

	// An unverified email is not trusted.
	b.idp.QueueUser(&mockoidc.MockUser{Subject: "idp-3", Email: "staff@marquee.test", EmailVerified: false})
	require.Equal(t, http.StatusForbidden, b.signInWith(t, b.Browser(t)))

	// A callback without the state we issued is refused.
	res, _ = b.Browser(t).Get(t, "/login/sso/callback?code=x&state=forged")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}
