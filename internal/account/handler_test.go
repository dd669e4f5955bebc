package account_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/platform/web"
)

type testBundle struct {
	pool   *pgxpool.Pool
	svc    *account.Service
	server *httptest.Server
	outbox *outbox
}

// outbox records the messages the account module sends.
type outbox struct {
	mu   sync.Mutex
	msgs []account.Message
}

func (o *outbox) Send(_ context.Context, _ pgx.Tx, m account.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, m)
	return nil
}

// last returns the newest message to addr of kind, failing if none.
func (o *outbox) last(t *testing.T, to string, kind account.MessageKind) account.Message {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := len(o.msgs) - 1; i >= 0; i-- {
		if o.msgs[i].To == to && o.msgs[i].Kind == kind {
			return o.msgs[i]
		}
	}
	t.Fatalf("no %s message to %s", kind, to)
	return account.Message{}
}

func (o *outbox) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.msgs)
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	pool := pgtest.New(t)
	box := &outbox{}
	key, err := sealer.NewKey("test")
	require.NoError(t, err)
	seal, err := sealer.New(key)
	require.NoError(t, err)
	jwtKey, err := sealer.NewKey("k1")
	require.NoError(t, err)
	signing, err := account.ParseSigningKeys(jwtKey)
	require.NoError(t, err)
	svc := account.NewService(pool, account.Options{BaseURL: "http://marquee.test", Mailer: box, Sealer: seal, SigningKeys: signing})
	sessions := account.NewSessionManager(pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, account.ErrorStatuses)})
	h := account.NewHandler(svc, sessions, nil)
	e.Use(h.CurrentUser())
	h.Routes(e)
	e.GET("/admin", func(c echo.Context) error { return c.String(http.StatusOK, "staff only") }, h.RequireStaff)
	h.AdminRoutes(e.Group("/admin", h.RequireStaff))
	h.APIRoutes(e.Group("/api/v1"))
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	require.NoError(t, svc.EnsureDemoUsers(context.Background()))
	return &testBundle{pool: pool, svc: svc, server: srv, outbox: box}
}

// browser is a client with a cookie jar that does not follow redirects.
func (b *testBundle) browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (b *testBundle) login(t *testing.T, c *http.Client, email, password string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.server.URL+"/login",
		strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestLoginAnswersTheSameForUnknownEmailAndWrongPassword(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.browser(t)
	res1, body1 := b.login(t, c, "admin@marquee.test", "not-the-password")
	res2, body2 := b.login(t, c, "nobody@marquee.test", "not-the-password")
	require.Equal(t, http.StatusUnauthorized, res1.StatusCode)
	require.Equal(t, res1.StatusCode, res2.StatusCode)
	require.Contains(t, body1, "That email and password don&#39;t match an account.")
	require.Contains(t, body2, "That email and password don&#39;t match an account.")
	require.Contains(t, body1, `value="admin@marquee.test"`, "the email is kept")
}

func TestStaffPagesNeedAStaffAccount(t *testing.T) {
	t.Parallel()
	b := setup(t)

	anon := b.browser(t)
	res, err := anon.Get(b.server.URL + "/admin")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/login?next=/admin", res.Header.Get("Location"))

	customer := b.browser(t)
	res, _ = b.login(t, customer, "customer@marquee.test", "marquee-customer")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, err = customer.Get(b.server.URL + "/admin")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	staff := b.browser(t)
	res, _ = b.login(t, staff, "STAFF@marquee.test", "marquee-staff")
	require.Equal(t, "/admin", res.Header.Get("Location"), "staff land on the admin pages; email is case-insensitive")
	res, err = staff.Get(b.server.URL + "/admin")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)

	// Signing out ends it.
	req, _ := http.NewRequest(http.MethodPost, b.server.URL+"/logout", nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err = staff.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	res, err = staff.Get(b.server.URL + "/admin")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
}

func TestLoginRedirectsOnlyToLocalPaths(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.browser(t)
	req, _ := http.NewRequest(http.MethodPost, b.server.URL+"/login", strings.NewReader(url.Values{
		"email": {"customer@marquee.test"}, "password": {"marquee-customer"}, "next": {"//evil.example/phish"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	require.NoError(t, err)
	res.Body.Close()
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

func TestRepeatedFailedSignInsLockTheAccount(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.browser(t)
	for i := 0; i < 5; i++ {
		res, _ := b.login(t, c, "customer@marquee.test", "wrong-password")
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, "attempt %d", i+1)
	}
	res, body := b.login(t, c, "customer@marquee.test", "marquee-customer")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "even the right password waits")
	require.Contains(t, body, "Too many failed sign-ins. Try again in 15 minutes.")
	require.NotEmpty(t, res.Header.Get("Retry-After"))

	// An unknown email locks the same way: the answer does not reveal who exists.
	for i := 0; i < 5; i++ {
		b.login(t, c, "ghost@marquee.test", "wrong-password")
	}
	res, _ = b.login(t, c, "ghost@marquee.test", "wrong-password")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)

	// Other accounts are not affected.
	res, _ = b.login(t, b.browser(t), "staff@marquee.test", "marquee-staff")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
}

func TestLockExpires(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.browser(t)
	for i := 0; i < 5; i++ {
		b.login(t, c, "customer@marquee.test", "wrong-password")
	}
	// Age the lock as if 15 minutes had passed.
	_, err := b.pool.Exec(context.Background(), `UPDATE account.login_failures
		SET locked_until = now() - interval '1 second', window_start = now() - interval '16 minutes'`)
	require.NoError(t, err)
	res, _ := b.login(t, c, "customer@marquee.test", "marquee-customer")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
}

func (b *testBundle) post(t *testing.T, c *http.Client, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestAdminsManageRolesAndEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	customer, err := b.svc.UserByEmail(ctx, "customer@marquee.test")
	require.NoError(t, err)
	rolePath := "/admin/users/" + strconv.FormatInt(customer.ID, 10) + "/role"

	staff := b.browser(t)
	b.login(t, staff, "staff@marquee.test", "marquee-staff")
	res, _ := b.post(t, staff, rolePath, url.Values{"role": {"admin"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode, "staff cannot hand out roles")
	res, err = staff.Get(b.server.URL + "/admin/users")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	admin := b.browser(t)
	b.login(t, admin, "admin@marquee.test", "marquee-admin")
	res, _ = b.post(t, admin, rolePath, url.Values{"role": {"staff"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got, err := b.svc.User(ctx, customer.ID)
	require.NoError(t, err)
	require.Equal(t, account.Staff, got.Role)

	res, err = admin.Get(b.server.URL + "/admin/audit")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Contains(t, string(body), "role.change")
	require.Contains(t, string(body), "customer -&gt; staff")
	require.Contains(t, string(body), "admin.login", "admin sign-ins are audited")

	// The only admin cannot be demoted.
	me, err := b.svc.UserByEmail(ctx, "admin@marquee.test")
	require.NoError(t, err)
	res, body2 := b.post(t, admin, "/admin/users/"+strconv.FormatInt(me.ID, 10)+"/role", url.Values{"role": {"customer"}})
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body2, "without an admin")
}

func TestAccountFormsNeedTheCSRFToken(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, path := range []string{"/login", "/signup", "/password/forgot", "/logout"} {
		req, _ := http.NewRequest(http.MethodPost, b.server.URL+path, strings.NewReader("email=customer%40marquee.test&password=marquee-customer"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
	}
}
