package account_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/sealer"
)

// api sends a JSON request; token, when set, goes in the Authorization header.
func (b *testBundle) api(t *testing.T, method, path, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, b.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out := map[string]any{}
	if res.StatusCode != http.StatusNoContent {
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	}
	return res.StatusCode, out
}

func TestAPITokensRefreshRotationAndReuse(t *testing.T) {
	t.Parallel()
	b := setup(t)
	status, body := b.api(t, "POST", "/api/v1/auth/token", "", map[string]string{"email": "customer@marquee.test", "password": "nope-nope"})
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, "invalid_credentials", body["code"])

	status, body = b.api(t, "POST", "/api/v1/auth/token", "", map[string]string{"email": "customer@marquee.test", "password": "marquee-customer"})
	require.Equal(t, http.StatusOK, status)
	access, refresh := body["access_token"].(string), body["refresh_token"].(string)
	require.NotEmpty(t, access)
	require.Equal(t, "Bearer", body["token_type"])

	status, me := b.api(t, "GET", "/api/v1/me", access, nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "customer@marquee.test", me["email"])

	status, _ = b.api(t, "GET", "/api/v1/me", access+"x", nil)
	require.Equal(t, http.StatusUnauthorized, status, "a forged token is refused")
	status, body = b.api(t, "GET", "/api/v1/me", "", nil)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, "token_invalid", body["code"])

	status, body = b.api(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": refresh})
	require.Equal(t, http.StatusOK, status)
	next := body["refresh_token"].(string)
	require.NotEqual(t, refresh, next, "refresh tokens rotate")

	// Reusing the old one revokes the whole family, including the new one.
	status, body = b.api(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": refresh})
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, "refresh_reused", body["code"])
	status, _ = b.api(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": next})
	require.Equal(t, http.StatusUnauthorized, status)
}

func TestAPILogoutAndPatchMe(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, body := b.api(t, "POST", "/api/v1/auth/token", "", map[string]string{"email": "customer@marquee.test", "password": "marquee-customer"})
	access, refresh := body["access_token"].(string), body["refresh_token"].(string)

	status, body := b.api(t, "PATCH", "/api/v1/me", access, map[string]any{"phone": "12"})
	require.Equal(t, http.StatusUnprocessableEntity, status)
	require.Equal(t, "invalid", body["code"])
	require.Contains(t, body["fields"].(map[string]any)["phone"], "country code")

	status, body = b.api(t, "PATCH", "/api/v1/me", access, map[string]any{"name": "Casey Q", "preferred_genres": []string{"Comedy"}})
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "Casey Q", body["name"])
	require.Equal(t, []any{"Comedy"}, body["preferred_genres"])

	status, _ = b.api(t, "POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": refresh})
	require.Equal(t, http.StatusNoContent, status)
	status, _ = b.api(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": refresh})
	require.Equal(t, http.StatusUnauthorized, status)
}

func TestSigningKeysRotate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	k1, _ := sealer.NewKey("k1")
	k2, _ := sealer.NewKey("k2")
	oldKeys, err := account.ParseSigningKeys(k1)
	require.NoError(t, err)
	old := account.NewService(pool, account.Options{SigningKeys: oldKeys})
	require.NoError(t, old.EnsureDemoUsers(ctx))
	pair, err := old.IssueTokens(ctx, "customer@marquee.test", "marquee-customer", "127.0.0.1")
	require.NoError(t, err)

	rotatedKeys, err := account.ParseSigningKeys(k2 + "," + k1)
	require.NoError(t, err)
	rotated := account.NewService(pool, account.Options{SigningKeys: rotatedKeys})
	_, err = rotated.VerifyAccessToken(pair.AccessToken)
	require.NoError(t, err, "tokens signed with the previous key still verify")

	onlyNewKeys, err := account.ParseSigningKeys(k2)
	require.NoError(t, err)
	_, err = account.NewService(pool, account.Options{SigningKeys: onlyNewKeys}).VerifyAccessToken(pair.AccessToken)
	require.ErrorIs(t, err, account.ErrTokenInvalid, "a retired key no longer verifies")
}

func TestExpiredAccessTokenIsRefused(t *testing.T) {
	t.Parallel()
	secret := make([]byte, 32)
	key := "k1:" + base64.StdEncoding.EncodeToString(secret)
	keys, err := account.ParseSigningKeys(key)
	require.NoError(t, err)
	svc := account.NewService(pgtest.New(t), account.Options{SigningKeys: keys})

	expired := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject: "1", Issuer: "marquee", ExpiresAt: jwt.NewNumericDate(time.Now().Add(-time.Minute)),
	})
	expired.Header["kid"] = "k1"
	signed, err := expired.SignedString(secret)
	require.NoError(t, err)
	_, err = svc.VerifyAccessToken(signed)
	require.ErrorIs(t, err, account.ErrTokenInvalid)

	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.RegisteredClaims{Subject: "1", Issuer: "marquee",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))})
	unsigned, err := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	require.NoError(t, err)
	_, err = svc.VerifyAccessToken(unsigned)
	require.ErrorIs(t, err, account.ErrTokenInvalid, "alg=none is refused")
}
