package account_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

func TestTheAccountsLanguageIsReadAndChangedThroughTheAPI(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, _ := s.APIUser(t, "Ada", account.Customer)

	var me map[string]any
	r := c.Do(t, http.MethodGet, "/api/v1/me", nil)
	r.JSON(t, &me)
	require.Equal(t, "", me["lang"], "no language until one is chosen")

	r = c.Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"lang": "hi"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	r.JSON(t, &me)
	require.Equal(t, "hi", me["lang"])

	r = c.Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"name": "Ada L"})
	r.JSON(t, &me)
	require.Equal(t, "hi", me["lang"], "a change of name keeps the language")

	r = c.Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"lang": "fr"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	require.Contains(t, r.Problem(t).Fields, "lang")
}

func TestSetLangKeepsALanguageMarqueeSpeaks(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	_, u := s.APIUser(t, "Ada", account.Customer)
	ctx := context.Background()

	require.NoError(t, s.Account.SetLang(ctx, u.ID, "es"))
	got, err := s.Account.User(ctx, u.ID)
	require.NoError(t, err)
	require.Equal(t, "es", got.Lang)

	err = s.Account.SetLang(ctx, u.ID, "klingon")
	require.ErrorIs(t, err, validate.ErrInvalid)
	require.ErrorIs(t, s.Account.SetLang(ctx, u.ID+1000, "hi"), account.ErrNotFound)
}
