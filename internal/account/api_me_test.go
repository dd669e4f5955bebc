package account_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

func TestAPIProfileIsReadAndEditedWithTheWebProfilesFields(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, u := s.APIUser(t, "Ada", account.Customer)

	r := c.Do(t, http.MethodGet, "/api/v1/me", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
	var me map[string]any
	r.JSON(t, &me)
	require.Equal(t, u.Email, me["email"])

	r = c.Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"name": "Ada L", "phone": "+44 7700 900123",
		"home_city": "london", "preferred_languages": []string{"English"}, "preferred_genres": []string{"Drama", "Comedy"}})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	r.JSON(t, &me)
	require.Equal(t, "Ada L", me["name"])
	require.Equal(t, "+447700900123", me["phone"], "the phone is kept as digits with its country code")
	require.Equal(t, "london", me["home_city"])
	require.Equal(t, []any{"Drama", "Comedy"}, me["preferred_genres"])

	r = c.Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"name": "Ada"})
	require.Equal(t, http.StatusOK, r.Status)
	r.JSON(t, &me)
	require.Equal(t, "+447700900123", me["phone"], "fields left out keep their value")
}

func TestAPIProfileRefusesWhatTheWebProfileRefusesFieldByField(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, _ := s.APIUser(t, "Ada", account.Customer)

	genres := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
	r := c.Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"name": " ", "phone": "call me", "preferred_genres": genres})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	p := r.Problem(t)
	require.Contains(t, p.Fields, "name")
	require.Contains(t, p.Fields, "phone")
	require.Contains(t, p.Fields, "preferred_genres", "the field is named as in the JSON, not the web form")

	r = c.Do(t, http.MethodPatch, "/api/v1/me", `{"name": 42}`)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r.Problem(t)

	r = s.API(t).Do(t, http.MethodPatch, "/api/v1/me", map[string]any{"name": "Eve"})
	require.Equal(t, http.StatusUnauthorized, r.Status)
}

func TestAPIMyDataIsTheWebsExportAsJSON(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, u := s.APIUser(t, "Ada", account.Customer)

	r := c.Do(t, http.MethodGet, "/api/v1/me/data", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
	var data struct {
		Account struct {
			Email string `json:"email"`
		} `json:"account"`
		Modules map[string]any `json:"modules"`
	}
	r.JSON(t, &data)
	require.Equal(t, u.Email, data.Account.Email)
	require.Contains(t, data.Modules, "bookings")
	require.Contains(t, data.Modules, "notifications")

	r = s.API(t).Do(t, http.MethodGet, "/api/v1/me/data", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
	r.Problem(t)
}

func TestAPIDeletingMyAccountNeedsThePasswordAndEndsTheToken(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, u := s.APIUser(t, "Ada", account.Customer)
	other, _ := s.APIUser(t, "Bob", account.Customer)

	r := c.Do(t, http.MethodDelete, "/api/v1/me", map[string]string{})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	require.Contains(t, r.Problem(t).Fields, "password")

	r = c.Do(t, http.MethodDelete, "/api/v1/me", map[string]string{"password": "not-my-password"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	require.Equal(t, "That is not your password.", r.Problem(t).Fields["password"])

	r = c.Do(t, http.MethodDelete, "/api/v1/me", `{"password": `)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r.Problem(t)

	r = c.Do(t, http.MethodGet, "/api/v1/me", nil)
	require.Equal(t, http.StatusOK, r.Status, "refused attempts leave the account alone")

	r = c.Do(t, http.MethodDelete, "/api/v1/me", map[string]string{"password": apptest.Password})
	require.Equal(t, http.StatusNoContent, r.Status, "%s", r.Body)

	r = c.Do(t, http.MethodGet, "/api/v1/me", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status, "the deleted user's token is refused")
	require.Equal(t, "token_invalid", r.Problem(t).Code)
	r = s.API(t).Do(t, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": u.Email, "password": apptest.Password})
	require.Equal(t, http.StatusUnauthorized, r.Status, "and the account cannot sign in again")

	r = other.Do(t, http.MethodGet, "/api/v1/me", nil)
	require.Equal(t, http.StatusOK, r.Status, "another user is untouched")
}

func TestAPITheLastAdminCannotDeleteTheirAccount(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, _ := s.APIUser(t, "Root", account.Admin)

	r := c.Do(t, http.MethodDelete, "/api/v1/me", map[string]string{"password": apptest.Password})
	require.Equal(t, http.StatusConflict, r.Status, "%s", r.Body)
	require.Equal(t, "last_admin", r.Problem(t).Code)

	r = s.API(t).Do(t, http.MethodDelete, "/api/v1/me", map[string]string{"password": apptest.Password})
	require.Equal(t, http.StatusUnauthorized, r.Status)
}
