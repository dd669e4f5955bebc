package account_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

func TestAnAccessTokenStopsWorkingWhenItsAppSignsOut(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	u := s.User(t, "Casey", account.Customer)
	phone, phoneRefresh := apiSignIn(t, s, u)
	tablet, _ := apiSignIn(t, s, u)

	status, _ := callAPI(t, s, http.MethodPost, "/api/v1/auth/logout", "", map[string]string{"refresh_token": phoneRefresh})
	require.Equal(t, http.StatusNoContent, status)
	status, body := callAPI(t, s, http.MethodGet, "/api/v1/me", "Bearer "+phone, nil)
	require.Equal(t, http.StatusUnauthorized, status, "the signed-out app's access token is refused at once")
	require.Equal(t, "token_invalid", body["code"])
	status, _ = callAPI(t, s, http.MethodGet, "/api/v1/me", "Bearer "+tablet, nil)
	require.Equal(t, http.StatusOK, status, "another app stays signed in")
}

func TestAccessTokensStopWorkingAfterSigningOutEverywhereOrChangingThePassword(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	for _, tc := range []struct {
		what string
		path string
		form url.Values
	}{
		{"signing out everywhere else", "/account/sessions/end-others", nil},
		{"changing the password", "/account/password",
			url.Values{"current_password": {apptest.Password}, "new_password": {"a-brand-new-passphrase-7"}}},
	} {
		br, u := s.SignedIn(t, "User"+fmt.Sprint(len(tc.path)), account.Customer)
		access, refresh := apiSignIn(t, s, u)
		res, _ := br.Post(t, tc.path, tc.form)
		require.Equal(t, http.StatusSeeOther, res.StatusCode, tc.what)
		status, _ := callAPI(t, s, http.MethodGet, "/api/v1/me", "Bearer "+access, nil)
		require.Equal(t, http.StatusUnauthorized, status, "after %s the app's access token is refused", tc.what)
		status, _ = callAPI(t, s, http.MethodPost, "/api/v1/auth/refresh", "", map[string]string{"refresh_token": refresh})
		require.Equal(t, http.StatusUnauthorized, status, "after %s the app cannot refresh", tc.what)
	}
}

func TestADeletedAccountsTokenCannotHoldSeats(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{Title: "Dune"})
	br, u := s.SignedIn(t, "Casey", account.Customer)
	access, _ := apiSignIn(t, s, u)
	holds := fmt.Sprintf("/api/v1/shows/%d/holds", show.ID)

	res, page := br.Post(t, "/account/delete", url.Values{"password": {apptest.Password}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Your account is deleted")
	status, body := callAPI(t, s, http.MethodPost, holds, "Bearer "+access, map[string]any{"seats": []string{"A1"}})
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, "token_invalid", body["code"])

	// The seat is still free for everyone else.
	other, _ := apiSignIn(t, s, s.User(t, "Robin", account.Customer))
	status, _ = callAPI(t, s, http.MethodPost, holds, "Bearer "+other, map[string]any{"seats": []string{"A1"}})
	require.Equal(t, http.StatusCreated, status)
}
