package account_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/oauth2-proxy/mockoidc"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// ssoBundle is the account pages with a local OpenID Connect issuer.
type ssoBundle struct {
	*testBundle
	idp *mockoidc.MockOIDC
}

func setupSSO(t *testing.T) *ssoBundle {
	t.Helper()
	idp, err := mockoidc.Run()
	require.NoError(t, err)
	t.Cleanup(func() { idp.Shutdown() })

	pool := pgtest.New(t)
	var e *echo.Echo
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { e.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	svc := account.NewService(pool, account.Options{BaseURL: srv.URL, Mailer: &outbox{}})
	require.NoError(t, svc.EnsureDemoUsers(context.Background()))
	sessions := account.NewSessionManager(pool, account.SessionOptions{})
	e = web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20})
	h := account.NewHandler(svc, sessions, nil)
	cfg := idp.Config()
	h.AddSSO(account.SSOProvider{Key: "sso", Label: "Test ID", Issuer: cfg.Issuer, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret})
	e.Use(h.CurrentUser())
	h.Routes(e)
	return &ssoBundle{testBundle: &testBundle{pool: pool, svc: svc, server: srv}, idp: idp}
}

// signInWith walks the browser through the provider and back; it returns
// the status of our callback's answer.
func (b *ssoBundle) signInWith(t *testing.T, c *http.Client) int {
	t.Helper()
	url := b.server.URL + "/login/sso"
	for range 5 {
		res, err := c.Get(url)
		require.NoError(t, err)
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode < 300 || res.StatusCode >= 400 || loc == "" || loc == "/" {
			return res.StatusCode
		}
		if loc[0] == '/' {
			loc = b.server.URL + loc
		}
		url = loc
	}
	t.Fatal("too many redirects")
	return 0
}

func TestSignInWithOpenIDConnect(t *testing.T) {
	t.Parallel()
	b := setupSSO(t)

	// A new person gets a new, verified customer account.
	b.idp.QueueUser(&mockoidc.MockUser{Subject: "idp-1", Email: "newcomer@example.com", EmailVerified: true})
	c := b.browser(t)
	require.Equal(t, http.StatusSeeOther, b.signInWith(t, c))
	res, body := b.getPage(t, c, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "newcomer@example.com")

	// An existing account is linked by its verified email.
	b.idp.QueueUser(&mockoidc.MockUser{Subject: "idp-2", Email: "customer@marquee.test", EmailVerified: true})
	c2 := b.browser(t)
	require.Equal(t, http.StatusSeeOther, b.signInWith(t, c2))
	_, body = b.getPage(t, c2, "/account")
	require.Contains(t, body, "Casey Customer", "signed in to the existing account")
	var links int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM account.identities i JOIN account.users u ON u.id = i.user_id WHERE u.email = 'customer@marquee.test'").Scan(&links))
	require.Equal(t, 1, links)

	// An unverified email is not trusted.
	b.idp.QueueUser(&mockoidc.MockUser{Subject: "idp-3", Email: "staff@marquee.test", EmailVerified: false})
	require.Equal(t, http.StatusForbidden, b.signInWith(t, b.browser(t)))

	// A callback without the state we issued is refused.
	res, _ = b.getPage(t, b.browser(t), "/login/sso/callback?code=x&state=forged")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}
