package account_test

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// testBundle is the whole server with the demo users (admin, staff and
// customer @marquee.test) on a fresh database.
type testBundle struct {
	*apptest.Server
}

// setup builds the app through apptest; its links start with
// http://marquee.test and it seals with a key named "test". env adds
// configuration (OIDC_ISSUER, ...).
func setup(t *testing.T, env ...map[string]string) *testBundle {
	t.Helper()
	key, err := sealer.NewKey("test")
	require.NoError(t, err)
	vars := map[string]string{"BASE_URL": "http://marquee.test", "DATA_KEYS": key}
	for _, e := range env {
		maps.Copy(vars, e)
	}
	s := apptest.New(t, apptest.Options{Env: vars})
	require.NoError(t, s.Account.EnsureDemoUsers(context.Background()))
	return &testBundle{Server: s}
}

// lastMessage returns the newest account message of kind to addr, as the
// account module handed it to notify, failing if there is none.
func (b *testBundle) lastMessage(t *testing.T, to string, kind account.MessageKind) account.Message {
	t.Helper()
	var m account.Message
	err := b.Pool.QueryRow(context.Background(), `SELECT data->'account'->>'name', data->'account'->>'link'
		FROM notify.messages WHERE email = $1 AND kind = $2 ORDER BY id DESC LIMIT 1`, to, string(kind)).Scan(&m.Name, &m.Link)
	require.NoError(t, err, "no %s message to %s", kind, to)
	m.Kind, m.To = kind, to
	return m
}

// messages counts the account messages sent so far.
func (b *testBundle) messages(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, b.Pool.QueryRow(context.Background(),
		"SELECT count(*) FROM notify.messages WHERE kind LIKE 'account.%'").Scan(&n))
	return n
}

// login posts the sign-in form.
func login(t *testing.T, br *webtest.Browser, email, password string) (*http.Response, string) {
	t.Helper()
	return br.Post(t, "/login", url.Values{"email": {email}, "password": {password}})
}

func TestLoginAnswersTheSameForUnknownEmailAndWrongPassword(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.Browser(t)
	res1, body1 := login(t, c, "admin@marquee.test", "not-the-password")
	res2, body2 := login(t, c, "nobody@marquee.test", "not-the-password")
	require.Equal(t, http.StatusUnauthorized, res1.StatusCode)
	require.Equal(t, res1.StatusCode, res2.StatusCode)
	require.Contains(t, body1, "That email and password don&#39;t match an account.")
	require.Contains(t, body2, "That email and password don&#39;t match an account.")
	require.Contains(t, body1, `value="admin@marquee.test"`, "the email is kept")
}

func TestStaffPagesNeedAStaffAccount(t *testing.T) {
	t.Parallel()
	b := setup(t)

	anon := b.Browser(t)
	res, _ := anon.Get(t, "/admin")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/login?next=/admin", res.Header.Get("Location"))

	customer := b.Browser(t)
	res, _ = login(t, customer, "customer@marquee.test", "marquee-customer")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = customer.Get(t, "/admin")
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	staff := b.Browser(t)
	res, _ = login(t, staff, "STAFF@marquee.test", "marquee-staff")
	require.Equal(t, "/admin", res.Header.Get("Location"), "staff land on the admin pages; email is case-insensitive")
	res, _ = staff.Get(t, "/admin")
	require.Equal(t, http.StatusOK, res.StatusCode)

	// Signing out ends it.
	staff.Post(t, "/logout", nil)
	res, _ = staff.Get(t, "/admin")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
}

func TestLoginRedirectsOnlyToLocalPaths(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.Browser(t)
	res, _ := c.Post(t, "/login", url.Values{
		"email": {"customer@marquee.test"}, "password": {"marquee-customer"}, "next": {"//evil.example/phish"}})
	require.Equal(t, "/", res.Header.Get("Location"))
}

func TestPasswordsAreStoredAsArgon2id(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	svc := account.NewService(pool, account.Options{})
	_, err := svc.CreateUser(context.Background(), account.NewUser{Email: "a@b.test", Name: "A", Password: "correct horse battery"})
	require.NoError(t, err)
	var hash string
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT password_hash FROM account.users").Scan(&hash))
	require.True(t, strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$"), hash)

	_, err = svc.CreateUser(context.Background(), account.NewUser{Email: "A@B.test", Name: "A", Password: "correct horse battery"})
	require.ErrorIs(t, err, account.ErrEmailTaken)
	_, err = svc.CreateUser(context.Background(), account.NewUser{Email: "c@b.test", Name: "C", Password: "short"})
	require.ErrorContains(t, err, "password: Use 8 to 128 characters.")
	_, err = svc.CreateUser(context.Background(), account.NewUser{Email: "c@b.test", Name: "C", Password: "Password123"})
	require.ErrorContains(t, err, "one of the most common ones")
}

func TestAdminsManageRolesAndEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	customer, err := b.Account.UserByEmail(ctx, "customer@marquee.test")
	require.NoError(t, err)
	rolePath := "/admin/users/" + strconv.FormatInt(customer.ID, 10) + "/role"

	staff := b.Browser(t)
	login(t, staff, "staff@marquee.test", "marquee-staff")
	res, _ := staff.Post(t, rolePath, url.Values{"role": {"admin"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode, "staff cannot hand out roles")
	res, _ = staff.Get(t, "/admin/users")
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	admin := b.Browser(t)
	login(t, admin, "admin@marquee.test", "marquee-admin")
	res, _ = admin.Post(t, rolePath, url.Values{"role": {"staff"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got, err := b.Account.User(ctx, customer.ID)
	require.NoError(t, err)
	require.Equal(t, account.Staff, got.Role)

	_, body := admin.Get(t, "/admin/audit")
	require.Contains(t, body, "role.change")
	require.Contains(t, body, "customer -&gt; staff")
	require.Contains(t, body, "admin.login", "admin sign-ins are audited")

	// The only admin cannot be demoted.
	me, err := b.Account.UserByEmail(ctx, "admin@marquee.test")
	require.NoError(t, err)
	res, body2 := admin.Post(t, "/admin/users/"+strconv.FormatInt(me.ID, 10)+"/role", url.Values{"role": {"customer"}})
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body2, "without an admin")
}

func TestAccountFormsNeedTheCSRFToken(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, path := range []string{"/login", "/signup", "/password/forgot", "/logout"} {
		req, _ := http.NewRequest(http.MethodPost, b.URL+path, strings.NewReader("email=customer%40marquee.test&password=marquee-customer"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res, _ := b.Browser(t).Do(t, req)
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
	}
}
