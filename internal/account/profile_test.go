package account_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/sealer"
)

func TestProfileKeepsThePhoneEncrypted(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.Browser(t)
	login(t, c, "customer@marquee.test", "marquee-customer")

	res, body := c.Post(t, "/account/profile", url.Values{"name": {"Casey C."}, "phone": {"07700 900123"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter a phone number with country code")
	require.Contains(t, body, `value="07700 900123"`, "the input is kept")

	res, _ = c.Post(t, "/account/profile", url.Values{"name": {"Casey C."}, "phone": {"+44 7700 900123"},
		"languages": {"English", "Hindi"}, "genres": {"Drama"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	ctx := context.Background()
	u, err := b.Account.UserByEmail(ctx, "customer@marquee.test")
	require.NoError(t, err)
	p, err := b.Account.Profile(ctx, u.ID)
	require.NoError(t, err)
	require.Equal(t, "+447700900123", p.Phone)
	require.Equal(t, []string{"English", "Hindi"}, p.PreferredLanguages)
	var stored string
	require.NoError(t, b.Pool.QueryRow(ctx, "SELECT phone_sealed FROM account.users WHERE id = $1", u.ID).Scan(&stored))
	require.NotContains(t, stored, "7700", "the number is not stored in clear")
	require.Regexp(t, `^test\.`, stored, "the sealed value names its key")
}

func TestChangePasswordNeedsTheCurrentOne(t *testing.T) {
	t.Parallel()
	b := setup(t)
	here, elsewhere := b.Browser(t), b.Browser(t)
	login(t, here, "customer@marquee.test", "marquee-customer")
	login(t, elsewhere, "customer@marquee.test", "marquee-customer")

	res, body := here.Post(t, "/account/password", url.Values{"current_password": {"guess"}, "new_password": {"a fresh long secret"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "That is not your current password.")

	res, _ = here.Post(t, "/account/password", url.Values{"current_password": {"marquee-customer"}, "new_password": {"a fresh long secret"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = here.Get(t, "/account")
	require.Equal(t, http.StatusOK, res.StatusCode, "still signed in here")
	res, _ = elsewhere.Get(t, "/account")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "signed out elsewhere")
}

func TestChangeEmailAfterConfirmingTheNewAddress(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.Browser(t)
	login(t, c, "customer@marquee.test", "marquee-customer")

	res, body := c.Post(t, "/account/email", url.Values{"new_email": {"staff@marquee.test"}, "email_password": {"marquee-customer"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "You can&#39;t use that address.")

	res, _ = c.Post(t, "/account/email", url.Values{"new_email": {"casey@example.com"}, "email_password": {"marquee-customer"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, err := b.Account.UserByEmail(context.Background(), "casey@example.com")
	require.ErrorIs(t, err, account.ErrNotFound, "nothing changes before the link is opened")

	link := b.lastMessage(t, "casey@example.com", account.MsgEmailChange).Link
	res, _ = c.Get(t, path(t, link))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	u, err := b.Account.UserByEmail(context.Background(), "casey@example.com")
	require.NoError(t, err)
	require.True(t, u.EmailVerified)
}

func TestDownloadAndDeleteMyData(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.Browser(t)
	login(t, c, "customer@marquee.test", "marquee-customer")
	c.Post(t, "/account/profile", url.Values{"name": {"Casey"}, "phone": {"+61 412 345 678"}})

	res, body := c.Get(t, "/account/data")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, res.Header.Get("Content-Disposition"), "attachment")
	require.Contains(t, body, `"email": "customer@marquee.test"`)
	require.Contains(t, body, `"phone": "+61412345678"`, "the export has the number in clear")
	require.NotContains(t, body, "argon2id", "never the password hash")

	res, body = c.Post(t, "/account/delete", url.Values{"password": {"wrong"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "That is not your password.")

	res, _ = c.Post(t, "/account/delete", url.Values{"password": {"marquee-customer"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	_, err := b.Account.UserByEmail(context.Background(), "customer@marquee.test")
	require.ErrorIs(t, err, account.ErrNotFound)
	var sessions int
	require.NoError(t, b.Pool.QueryRow(context.Background(), "SELECT count(*) FROM account.user_sessions").Scan(&sessions))
	require.Zero(t, sessions)
	res, _ = login(t, b.Browser(t), "customer@marquee.test", "marquee-customer")
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
}

func TestResealAfterKeyRotation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	k1, _ := sealer.NewKey("k1")
	k2, _ := sealer.NewKey("k2")
	s1, err := sealer.New(k1)
	require.NoError(t, err)
	old := account.NewService(pool, account.Options{Sealer: s1})
	require.NoError(t, old.EnsureDemoUsers(ctx))
	u, err := old.UserByEmail(ctx, "customer@marquee.test")
	require.NoError(t, err)
	require.NoError(t, old.UpdateProfile(ctx, u.ID, account.Profile{Name: "Casey", Phone: "+1 212 555 0100"}))

	s2, err := sealer.New(k2 + "," + k1)
	require.NoError(t, err)
	rotated := account.NewService(pool, account.Options{Sealer: s2})
	n, err := rotated.ResealPhones(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)

	s3, err := sealer.New(k2) // the old key is gone now
	require.NoError(t, err)
	p, err := account.NewService(pool, account.Options{Sealer: s3}).Profile(ctx, u.ID)
	require.NoError(t, err)
	require.Equal(t, "+12125550100", p.Phone)
}
