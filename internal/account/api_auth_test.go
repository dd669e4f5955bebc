package account_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

// callAPI sends a JSON request with authorization, when set, as the whole
// Authorization header, and decodes the JSON answer.
func callAPI(t *testing.T, s *apptest.Server, method, path, authorization string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
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

// apiSignIn signs u in to the API and returns the access and refresh tokens.
func apiSignIn(t *testing.T, s *apptest.Server, u account.User) (access, refresh string) {
	t.Helper()
	status, body := callAPI(t, s, http.MethodPost, "/api/v1/auth/token", "",
		map[string]string{"email": u.Email, "password": apptest.Password})
	require.Equal(t, http.StatusOK, status, body)
	return body["access_token"].(string), body["refresh_token"].(string)
}

func TestTheBearerSchemeIsCaseInsensitive(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	u := s.User(t, "Casey", account.Customer)
	access, _ := apiSignIn(t, s, u)
	for _, scheme := range []string{"Bearer", "bearer", "BEARER", "bEaReR"} {
		status, me := callAPI(t, s, http.MethodGet, "/api/v1/me", scheme+" "+access, nil)
		require.Equal(t, http.StatusOK, status, "scheme %q", scheme)
		require.Equal(t, u.Email, me["email"])
	}
	for _, bad := range []string{"Basic " + access, "Bearer", "Bearer ", access} {
		status, body := callAPI(t, s, http.MethodGet, "/api/v1/me", bad, nil)
		require.Equal(t, http.StatusUnauthorized, status, "Authorization %q", bad)
		require.Equal(t, "token_invalid", body["code"])
	}
}
