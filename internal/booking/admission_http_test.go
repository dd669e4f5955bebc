package booking_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/ratelimit"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// gateBundle is booking behind the real middleware with a waiting room
// (whose clock the test moves) and the abuse limits wired as main does.
type gateBundle struct {
	*testBundle
	accounts *account.Service
	rooms    *waitroom.Service
	server   *httptest.Server
	mu       sync.Mutex
	now      time.Time
}

type gateOptions struct {
	booking           booking.Options
	perAccount, perIP int
	onSaleIn          time.Duration // a room in front of the show when > 0
	withRoom          bool
}

const gatePassword = "queue-for-the-premiere-9"

func gateSetup(t *testing.T, o gateOptions) *gateBundle {
	t.Helper()
	gb := &gateBundle{testBundle: setup(t, o.booking), now: time.Now()}
	key, err := sealer.NewKey("k1")
	require.NoError(t, err)
	signing, err := account.ParseSigningKeys(key)
	require.NoError(t, err)
	keys, err := waitroom.ParseKeys(key)
	require.NoError(t, err)
	gb.rooms = waitroom.NewService(gb.pool, waitroom.Options{Keys: keys, Catalog: gb.catalog, Now: gb.clock})
	gb.accounts = account.NewService(gb.pool, account.Options{SigningKeys: signing})
	sessions := account.NewSessionManager(gb.pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, booking.ErrorStatuses, catalog.ErrorStatuses)})
	acc := account.NewHandler(gb.accounts, sessions, nil)
	e.Use(acc.CurrentUser())
	acc.Routes(e)
	acc.APIRoutes(e.Group("/api/v1"))
	userID := func(c echo.Context) int64 {
		if u := webctx.From(c.Request().Context()).User; u != nil {
			return u.ID
		}
		return 0
	}
	booking.NewHandler(gb.svc, booking.HandlerOptions{Sessions: sessions, RequireUser: acc.RequireUser,
		RequireAPIUser: acc.RequireAPIUser, UserID: userID,
		APIUserID: func(c echo.Context) int64 { return account.APIUserID(c.Request().Context()) },
		Admission: gb.rooms, HoldRate: booking.HoldRate{PerAccount: ratelimit.New(o.perAccount, nil),
			PerIP: ratelimit.New(o.perIP, nil)}}).Routes(e)
	waitroom.NewHandler(gb.rooms, waitroom.HandlerOptions{Sessions: sessions, RequireUser: acc.RequireUser,
		RequireStaff: acc.RequireStaff, UserID: userID}).Routes(e)
	if o.withRoom {
		_, err := gb.rooms.SaveRoom(context.Background(), waitroom.RoomInput{ShowID: gb.show.ID,
			OnSaleAt: gb.clock().Add(o.onSaleIn), TimeZone: "Europe/London", Rate: 60})
		require.NoError(t, err)
	}
	gb.server = httptest.NewServer(e)
	t.Cleanup(gb.server.Close)
	return gb
}

func (gb *gateBundle) clock() time.Time {
	gb.mu.Lock()
	defer gb.mu.Unlock()
	return gb.now
}

func (gb *gateBundle) advance(d time.Duration) {
	gb.mu.Lock()
	gb.now = gb.now.Add(d)
	gb.mu.Unlock()
}

// customer makes an account and signs it in with a browser.
func (gb *gateBundle) customer(t *testing.T, name string) (*webtest.Browser, int64) {
	t.Helper()
	email := strings.ToLower(name) + "@example.com"
	u, err := gb.accounts.CreateUser(context.Background(), account.NewUser{Email: email, Name: name,
		Password: gatePassword, Role: account.Customer, Verified: true})
	require.NoError(t, err)
	br := webtest.NewBrowser(t, gb.server.URL)
	br.SignIn(t, email, gatePassword)
	return br, u.ID
}

// apiToken makes an account and returns an API access token for it.
func (gb *gateBundle) apiToken(t *testing.T, name string) string {
	t.Helper()
	email := strings.ToLower(name) + "@example.com"
	_, err := gb.accounts.CreateUser(context.Background(), account.NewUser{Email: email, Name: name,
		Password: gatePassword, Role: account.Customer, Verified: true})
	require.NoError(t, err)
	res, body := gb.apiCall(t, "", "/api/v1/auth/token", map[string]string{"email": email, "password": gatePassword})
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	var pair struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal(body, &pair))
	return pair.AccessToken
}

// apiCall POSTs JSON with the token (if any).
func (gb *gateBundle) apiCall(t *testing.T, token, path string, body any) (*http.Response, []byte) {
	t.Helper()
	j, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, gb.server.URL+path, bytes.NewReader(j))
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
func (gb *gateBundle) apiHold(t *testing.T, token string, show int64, seats ...string) (*http.Response, []byte) {
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

func (gb *gateBundle) holdForm(t *testing.T, br *webtest.Browser, show int64, seats ...string) (*http.Response, string) {
	t.Helper()
	return br.Post(t, fmt.Sprintf("/shows/%d/hold", show), url.Values{"seats": seats})
}

func retryAfter(t *testing.T, res *http.Response) int {
	t.Helper()
	n, err := strconv.Atoi(res.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After %q", res.Header.Get("Retry-After"))
	return n
}
