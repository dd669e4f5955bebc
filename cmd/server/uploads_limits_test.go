package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// upload posts one file as a same-origin multipart form.
func upload(t *testing.T, br *webtest.Browser, path, field, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile(field, name)
	require.NoError(t, err)
	_, err = fw.Write(data)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, br.Base+path, &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return br.Do(t, req)
}

// TestUploadsAreJudgedByContentNotName: an HTML page named poster.png is
// not stored as a poster, and a PNG named shows.csv imports nothing.
func TestUploadsAreJudgedByContentNotName(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{})
	br, _ := s.SignedIn(t, "Alex", account.Admin)

	res, body := upload(t, br, fmt.Sprintf("/admin/movies/%d/poster", show.MovieID), "poster", "poster.png",
		[]byte("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Upload a JPEG, PNG or WebP image.")
	m, err := s.Catalog.Movie(context.Background(), show.MovieID)
	require.NoError(t, err)
	require.Equal(t, "/media/posters/"+m.Slug+".svg", m.PosterURL(), "the movie keeps its drawn poster")

	var pic bytes.Buffer
	require.NoError(t, png.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 300, 450))))
	res, _ = upload(t, br, "/admin/shows/import", "file", "shows.csv", pic.Bytes())
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "a picture is no show list, whatever its name")
	var shows int
	require.NoError(t, s.Pool.QueryRow(context.Background(), "SELECT count(*) FROM catalog.shows").Scan(&shows))
	require.Equal(t, 1, shows, "nothing was imported")
}

// TestRateLimitsSayWhenToComeBack: past the hold rate (page and API) and
// after repeated wrong passwords (form and token endpoint) the answer is
// 429 with a Retry-After of some seconds.
func TestRateLimitsSayWhenToComeBack(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{Env: map[string]string{"HOLD_RATE_PER_ACCOUNT": "1", "MAX_UNPAID_HOLDS": "0"}})
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{})
	br, u := s.SignedIn(t, "Ada", account.Customer)
	holdPath := fmt.Sprintf("/shows/%d/hold", show.ID)
	res, _ := br.Post(t, holdPath, url.Values{"seats": {"A1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the first hold of the minute")
	res, _ = br.Post(t, holdPath, url.Values{"seats": {"A3"}})
	requireRetryLater(t, res, "second hold from the seat map")

	pair, err := s.Account.IssueTokens(context.Background(), u.Email, apptest.Password, "127.0.0.1")
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/shows/%d/holds", s.URL, show.ID), strings.NewReader(`{"seats":["A5"]}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+pair.AccessToken)
	res, _ = do(t, req)
	requireRetryLater(t, res, "a hold through the API")
	require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))

	victim := s.User(t, "Vic", account.Customer)
	throttled := func(send func() *http.Response) *http.Response {
		for range 100 {
			if res := send(); res.StatusCode != http.StatusUnauthorized {
				return res
			}
		}
		t.Fatal("a hundred wrong passwords in a row were never slowed down")
		return nil
	}
	res = throttled(func() *http.Response {
		res, _ := s.Browser(t).Post(t, "/login", url.Values{"email": {victim.Email}, "password": {"wrong-guess-123"}})
		return res
	})
	requireRetryLater(t, res, "the sign-in form after wrong passwords")
	res = throttled(func() *http.Response {
		req, err := http.NewRequest(http.MethodPost, s.URL+"/api/v1/auth/token",
			strings.NewReader(`{"email":"`+victim.Email+`","password":"wrong-guess-123"}`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		res, _ := do(t, req)
		return res
	})
	requireRetryLater(t, res, "the token endpoint after wrong passwords")
}

func requireRetryLater(t *testing.T, res *http.Response, what string) {
	t.Helper()
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, what)
	secs, err := strconv.Atoi(res.Header.Get("Retry-After"))
	require.NoError(t, err, "%s: Retry-After is a number of seconds", what)
	require.Positive(t, secs, what)
}
