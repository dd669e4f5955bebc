package booking_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// gateOptions shape the app in front of the show: the abuse limits (the
// production defaults when 0) and a waiting room.
type gateOptions struct {
	maxUnpaidHolds    int
	perAccount, perIP int
	onSaleIn          time.Duration // a room in front of the show when > 0
	withRoom          bool
}

// gateSetup is the whole app with a clock the test moves, the limits of o
// and, when o asks, a waiting room in front of the show.
func gateSetup(t *testing.T, o gateOptions) *testBundle {
	t.Helper()
	env := map[string]string{}
	for name, n := range map[string]int{"MAX_UNPAID_HOLDS": o.maxUnpaidHolds, "HOLD_RATE_PER_ACCOUNT": o.perAccount,
		"HOLD_RATE_PER_IP": o.perIP} {
		if n > 0 {
			env[name] = strconv.Itoa(n)
		}
	}
	gb := clockedSetup(t, apptest.Options{Env: env})
	if o.withRoom {
		_, err := gb.Waitroom.SaveRoom(context.Background(), waitroom.RoomInput{ShowID: gb.show.ID,
			OnSaleAt: gb.clock.now().Add(o.onSaleIn), TimeZone: "Europe/London", Rate: 60})
		require.NoError(t, err)
	}
	return gb
}

// customer makes an account and signs it in with a browser.
func (gb *testBundle) customer(t *testing.T, name string) (*webtest.Browser, int64) {
	t.Helper()
	br, u := gb.SignedIn(t, name, account.Customer)
	return br, u.ID
}

// apiToken makes an account and returns an API access token for it.
func (gb *testBundle) apiToken(t *testing.T, name string) string {
	t.Helper()
	u := gb.User(t, name, account.Customer)
	res, body := gb.apiCall(t, "", "/api/v1/auth/token", map[string]string{"email": u.Email, "password": apptest.Password})
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var pair struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal(body, &pair))
	return pair.AccessToken
}

// apiCall POSTs JSON with the token (if any).
func (gb *testBundle) apiCall(t *testing.T, token, path string, body any) (*http.Response, []byte) {
	t.Helper()
	j, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, gb.URL+path, bytes.NewReader(j))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, out
}

// apiHold asks the API to hold seats of show.
func (gb *testBundle) apiHold(t *testing.T, token string, show int64, seats ...string) (*http.Response, []byte) {
	t.Helper()
	return gb.apiCall(t, token, fmt.Sprintf("/api/v1/shows/%d/holds", show), map[string][]string{"seats": seats})
}

// gateProblem is the problem+json of a refused hold.
type gateProblem struct {
	Status      int    `json:"status"`
	Code        string `json:"code"`
	Detail      string `json:"detail"`
	Position    int    `json:"position"`
	WaitSeconds int    `json:"wait_seconds"`
}

func readProblem(t *testing.T, res *http.Response, body []byte) gateProblem {
	t.Helper()
	require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"), "%s", body)
	var p gateProblem
	require.NoError(t, json.Unmarshal(body, &p), "%s", body)
	require.Equal(t, res.StatusCode, p.Status)
	return p
}

func (gb *testBundle) holdForm(t *testing.T, br *webtest.Browser, show int64, seats ...string) (*http.Response, string) {
	t.Helper()
	return br.Post(t, fmt.Sprintf("/shows/%d/hold", show), url.Values{"seats": seats})
}

func retryAfter(t *testing.T, res *http.Response) int {
	t.Helper()
	n, err := strconv.Atoi(res.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After %q", res.Header.Get("Retry-After"))
	return n
}
