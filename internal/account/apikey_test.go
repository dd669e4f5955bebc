package account_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

var newKeySecret = regexp.MustCompile(`<code id="new-api-key"[^>]*>(mk_[A-Za-z0-9_-]+)</code>`)

func TestAnAdminCreatesAnAPIKeyWhoseSecretIsShownOnceAndWorksUntilRevoked(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	admin, _ := s.SignedIn(t, "Ada", account.Admin)

	res, page := admin.Get(t, "/admin/api-keys")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "No API keys yet.")
	require.Contains(t, page, `href="/admin/api-keys"`, "the admin navigation links the page")

	res, page = admin.Post(t, "/admin/api-keys", url.Values{"name": {"Box office TMS"},
		"scopes": {account.ScopeShowsRead, account.ScopeBookingsRead}})
	require.Equal(t, http.StatusCreated, res.StatusCode, page)
	m := newKeySecret.FindStringSubmatch(page)
	require.NotNil(t, m, "the secret is on the page")
	secret := m[1]
	require.Len(t, secret, len("mk_")+43, "mk_ and 32 random bytes in base64url")
	require.Contains(t, html.UnescapeString(page), "shown only this once")

	var stored int
	require.NoError(t, s.Pool.QueryRow(context.Background(),
		"SELECT count(*) FROM account.api_keys WHERE key_hash = sha256(convert_to($1, 'UTF8'))", secret).Scan(&stored))
	require.Equal(t, 1, stored, "only the secret's SHA-256 is kept")

	_, page = admin.Get(t, "/admin/api-keys")
	require.NotContains(t, page, secret, "the list never shows the secret again")
	require.Contains(t, page, "Box office TMS")
	require.Contains(t, page, secret[:9]+"…", "keys are told apart by their first characters")

	app := s.API(t)
	r := app.Do(t, http.MethodGet, "/api/v1/tms/shows/999999/seats", nil, "X-API-Key", secret)
	require.Equal(t, http.StatusNotFound, r.Status, "the key is let in and finds no such show")
	_, page = admin.Get(t, "/admin/api-keys")
	require.Contains(t, page, time.Now().UTC().Format("2006-01-02"), "its last use is shown")
	var used *time.Time
	require.NoError(t, s.Pool.QueryRow(context.Background(), "SELECT last_used_at FROM account.api_keys").Scan(&used))
	require.NotNil(t, used, "the use is recorded")

	r = app.Do(t, http.MethodGet, "/api/v1/tms/shows/999999/bookings", nil, "X-API-Key", secret+"x")
	require.Equal(t, http.StatusUnauthorized, r.Status)
	require.Equal(t, "invalid_api_key", r.Problem(t).Code)

	keys, err := s.Account.APIKeys(context.Background())
	require.NoError(t, err)
	require.Len(t, keys, 1)
	res, _ = admin.Post(t, "/admin/api-keys/"+strconv.FormatInt(keys[0].ID, 10)+"/revoke", url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	r = app.Do(t, http.MethodGet, "/api/v1/tms/shows/999999/seats", nil, "X-API-Key", secret)
	require.Equal(t, http.StatusUnauthorized, r.Status, "a revoked key stops working at once")
	require.Equal(t, "invalid_api_key", r.Problem(t).Code)
	_, page = admin.Get(t, "/admin/api-keys")
	require.Contains(t, page, "revoked")

	_, audit := admin.Get(t, "/admin/audit")
	require.Contains(t, audit, "apikey.create")
	require.Contains(t, audit, "apikey.revoke")
}

func TestAnAPIKeyWithoutTheScopeIsForbiddenAndNoKeyIsUnauthorised(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	admin := s.User(t, "Ada", account.Admin)
	_, secret, err := s.Account.CreateAPIKey(context.Background(), admin.ID,
		account.NewAPIKey{Name: "Seats only", Scopes: []string{account.ScopeShowsRead}}, "127.0.0.1")
	require.NoError(t, err)
	app := s.API(t)

	r := app.Do(t, http.MethodGet, "/api/v1/tms/shows/1/bookings", nil, "X-API-Key", secret)
	require.Equal(t, http.StatusForbidden, r.Status)
	require.Equal(t, "insufficient_scope", r.Problem(t).Code)

	r = app.Do(t, http.MethodGet, "/api/v1/tms/shows/1/seats", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
	require.Equal(t, "invalid_api_key", r.Problem(t).Code)
}

func TestTheNewKeyFormComesBackWithWhatIsWrong(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	admin, _ := s.SignedIn(t, "Ada", account.Admin)

	res, page := admin.Post(t, "/admin/api-keys", url.Values{"name": {"  "}, "theaters": {"3, seven"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Type theater ids")
	require.Contains(t, page, `value="3, seven"`, "what was typed stays")

	res, page = admin.Post(t, "/admin/api-keys", url.Values{"name": {""}, "scopes": {"everything"}, "theaters": {"3"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Name the key after the system")
	require.Contains(t, page, "Choose scopes from the list.")
	require.NotContains(t, page, `id="new-api-key"`)

	keys, err := s.Account.APIKeys(context.Background())
	require.NoError(t, err)
	require.Empty(t, keys)
}

func TestStaffWhoAreNotAdminsCannotManageAPIKeys(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	staff, _ := s.SignedIn(t, "Sam", account.Staff)

	res, _ := staff.Get(t, "/admin/api-keys")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = staff.Post(t, "/admin/api-keys", url.Values{"name": {"Mine"}, "scopes": {account.ScopeShowsWrite}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	keys, err := s.Account.APIKeys(context.Background())
	require.NoError(t, err)
	require.Empty(t, keys, "no key was made")
}
