package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// Secrets of the buyer journey: the log and the dump must hold none.
const (
	journeyPassword = "organ-lantern-ferry-77"
	journeyPhone    = "+447700900123"
	journeyCard     = "4242 4242 4242 4242"
)

// runJobs works the app's River jobs (payment outcomes, refunds, messages)
// until the test ends.
func runJobs(t *testing.T, s *apptest.Server) {
	t.Helper()
	client, err := jobs.New(s.Pool, jobs.Options{Workers: s.Workers(), RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() {
		cancel()
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = client.Stop(stopCtx)
	})
}

// journeySecrets is what a buyer's journey handed out: the values the
// log must never show.
type journeySecrets struct {
	BookingID                                 int64
	Cookies                                   []string
	AccessToken, RefreshToken, RefreshedToken string
	RefreshedAccess                           string
}

// buyerJourney walks a buyer through the site as a phone and a browser
// would: sign up (with a phone number), confirm the email, a wrong
// password once, sign in, API tokens and a refresh, hold two seats by
// API, pay with the test card on the pay page, open the e-ticket, cancel
// by API and sign out of the API.
func buyerJourney(t *testing.T, s *apptest.Server, showID int64) journeySecrets {
	t.Helper()
	ctx := context.Background()
	br := s.Browser(t)
	email := "dana@example.com"
	res, _ := br.Post(t, "/signup", url.Values{"name": {"Dana"}, "email": {email}, "password": {journeyPassword},
		"phone": {journeyPhone}})
	require.Equal(t, http.StatusOK, res.StatusCode, "signed up")
	var link string
	require.NoError(t, s.Pool.QueryRow(ctx, `SELECT data->'account'->>'link' FROM notify.messages
		WHERE kind = 'account.verify_email' AND data->'account'->>'to' = $1`, email).Scan(&link))
	u, err := url.Parse(link)
	require.NoError(t, err)
	res, _ = br.Get(t, u.RequestURI())
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the email is confirmed")
	wrong := s.Browser(t)
	res, _ = wrong.Post(t, "/login", url.Values{"email": {email}, "password": {journeyPassword + "x"}})
	require.NotEqual(t, http.StatusSeeOther, res.StatusCode, "a wrong password is refused")
	br.SignIn(t, email, journeyPassword)

	var sec journeySecrets
	base, err := url.Parse(s.URL)
	require.NoError(t, err)
	for _, c := range br.Client.Jar.Cookies(base) {
		sec.Cookies = append(sec.Cookies, c.Value)
	}
	var pair struct {
		Access  string `json:"access_token"`
		Refresh string `json:"refresh_token"`
	}
	apiJSON(t, br, "", http.MethodPost, "/api/v1/auth/token", map[string]string{"email": email, "password": journeyPassword},
		http.StatusOK, &pair)
	sec.AccessToken, sec.RefreshToken = pair.Access, pair.Refresh
	apiJSON(t, br, "", http.MethodPost, "/api/v1/auth/refresh", map[string]string{"refresh_token": pair.Refresh}, http.StatusOK, &pair)
	sec.RefreshedAccess, sec.RefreshedToken = pair.Access, pair.Refresh

	var hold struct {
		ID int64 `json:"id"`
	}
	apiJSON(t, br, sec.RefreshedAccess, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", showID),
		map[string][]string{"seats": {"D5", "D6"}}, http.StatusCreated, &hold)
	sec.BookingID = hold.ID
	res, _ = br.Post(t, fmt.Sprintf("/bookings/%d/pay", hold.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "on to the pay page")
	payPath := res.Header.Get("Location")
	res, body := br.Post(t, payPath+"/card", url.Values{"number": {journeyCard}, "expiry": {"12/40"}, "cvc": {"123"},
		"name": {"Dana Buyer"}})
	require.Less(t, res.StatusCode, 400, body)
	require.Eventually(t, func() bool {
		var b struct {
			Status string `json:"status"`
		}
		apiJSON(t, br, sec.RefreshedAccess, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", hold.ID), nil, http.StatusOK, &b)
		return b.Status == "confirmed"
	}, 2*time.Minute, 50*time.Millisecond, "the booking is confirmed")
	res, _ = br.Get(t, fmt.Sprintf("/bookings/%d/ticket", hold.ID))
	require.Equal(t, http.StatusOK, res.StatusCode, "the e-ticket opens")
	apiJSON(t, br, sec.RefreshedAccess, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/cancel", hold.ID), nil,
		http.StatusOK, nil)
	apiJSON(t, br, "", http.MethodPost, "/api/v1/auth/logout", map[string]string{"refresh_token": sec.RefreshedToken},
		http.StatusNoContent, nil)
	return sec
}

// apiJSON sends a JSON request (bearer token when set) and decodes the
// answer into out, failing unless the status is want.
func apiJSON(t *testing.T, br *webtest.Browser, token, method, path string, in any, want int, out any) {
	t.Helper()
	var body bytes.Buffer
	if in != nil {
		require.NoError(t, json.NewEncoder(&body).Encode(in))
	}
	req, err := http.NewRequest(method, br.Base+path, &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, raw := br.Do(t, req)
	require.Equal(t, want, res.StatusCode, "%s %s: %s", method, path, raw)
	if out != nil {
		require.NoError(t, json.Unmarshal([]byte(raw), out), raw)
	}
}
