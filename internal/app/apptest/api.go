package apptest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// APIClient is a mobile app talking to the server's JSON API, signed in
// with a bearer token or anonymous. Every call goes through the server's
// contract check (contract.go).
type APIClient struct {
	url string
	// Token is the bearer access token sent with each call ("" for none).
	Token string
}

// APIResponse is an answer from the API.
type APIResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

// API is an app with no one signed in.
func (s *Server) API(t testing.TB) *APIClient {
	t.Helper()
	return &APIClient{url: s.URL}
}

// APIUser makes a user as User does and signs the app in as them through
// POST /api/v1/auth/token.
func (s *Server) APIUser(t testing.TB, name string, role account.Role) (*APIClient, account.User) {
	t.Helper()
	u := s.User(t, name, role)
	return s.APISignIn(t, u.Email), u
}

// APISignIn signs an existing user (password Password) in through the API.
func (s *Server) APISignIn(t testing.TB, email string) *APIClient {
	t.Helper()
	r := s.API(t).Do(t, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": email, "password": Password})
	require.Equal(t, http.StatusOK, r.Status, "signed in: %s", r.Body)
	var pair struct {
		AccessToken string `json:"access_token"`
	}
	r.JSON(t, &pair)
	require.NotEmpty(t, pair.AccessToken)
	return &APIClient{url: s.URL, Token: pair.AccessToken}
}

// Do sends a request with body as JSON (nil for none; a []byte or string
// is sent as it is) and headers as name, value pairs.
func (c *APIClient) Do(t testing.TB, method, path string, body any, headers ...string) *APIResponse {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		j, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, c.url+path, rd)
	require.NoError(t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	require.Zero(t, len(headers)%2, "headers come in name, value pairs")
	for i := 0; i < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return &APIResponse{Status: res.StatusCode, Header: res.Header, Body: out}
}

// JSON decodes the body into v.
func (r *APIResponse) JSON(t testing.TB, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.Body, v), "JSON body: %s", r.Body)
}

// Problem asserts the answer is an error in problem+json and returns it.
func (r *APIResponse) Problem(t testing.TB) web.Problem {
	t.Helper()
	require.GreaterOrEqual(t, r.Status, 400, "an error: %s", r.Body)
	require.Equal(t, "application/problem+json", r.Header.Get("Content-Type"), "errors are problem+json: %s", r.Body)
	var p web.Problem
	r.JSON(t, &p)
	require.Equal(t, r.Status, p.Status, "the problem's status is the response's")
	require.NotEmpty(t, p.Code, "a problem has a code")
	return p
}
