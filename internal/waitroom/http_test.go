package waitroom_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	"github.com/marqueehq/marquee/internal/waitroom"
)

const httpPassword = "front-row-centre-2031"

type httpBundle struct {
	*testBundle
	accounts *account.Service
	server   *httptest.Server
}

// httpSetup serves the waiting room's pages behind the real middleware and
// real accounts.
func httpSetup(t *testing.T) *httpBundle {
	t.Helper()
	hb := &httpBundle{testBundle: setup(t)}
	hb.accounts = account.NewService(hb.pool, account.Options{})
	sessions := account.NewSessionManager(hb.pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, waitroom.ErrorStatuses)})
	acc := account.NewHandler(hb.accounts, sessions, nil)
	e.Use(acc.CurrentUser())
	acc.Routes(e)
	waitroom.NewHandler(hb.svc, waitroom.HandlerOptions{Sessions: sessions, RequireUser: acc.RequireUser,
		RequireStaff: acc.RequireStaff, UserID: func(c echo.Context) int64 {
			if u := webctx.From(c.Request().Context()).User; u != nil {
				return u.ID
			}
			return 0
		}}).Routes(e)
	hb.server = httptest.NewServer(e)
	t.Cleanup(hb.server.Close)
	return hb
}

// browser signs in a new account with role.
func (hb *httpBundle) browser(t *testing.T, name string, role account.Role) (*webtest.Browser, int64) {
	t.Helper()
	email := strings.ToLower(name) + "@example.com"
	u, err := hb.accounts.CreateUser(context.Background(), account.NewUser{Email: email, Name: name,
		Password: httpPassword, Role: role, Verified: true})
	require.NoError(t, err)
	br := webtest.NewBrowser(t, hb.server.URL)
	br.SignIn(t, email, httpPassword)
	return br, u.ID
}

func TestTheStaffPageIsForStaffOnly(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	res, _ := webtest.NewBrowser(t, hb.server.URL).Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Contains(t, res.Header.Get("Location"), "/login")

	customer, _ := hb.browser(t, "Cass", account.Customer)
	res, _ = customer.Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = customer.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {"100"},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"UTC"}, "rate": {"100"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	rooms, err := hb.svc.Rooms(context.Background())
	require.NoError(t, err)
	require.Empty(t, rooms)
}

func TestStaffPutUpARoomAndSeeMistakesOnTheForm(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	staff, _ := hb.browser(t, "Stef", account.Staff)
	res, page := staff.Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "No waiting rooms yet")

	res, page = staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {"abc"},
		"on_sale_at": {"tomorrow"}, "time_zone": {"Europe/London"}, "rate": {"0"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Enter the show&#39;s number")
	require.Contains(t, page, "Enter the date and time tickets go on sale")
	require.Contains(t, page, "from 1 to 60000")
	require.Contains(t, page, `value="abc"`, "what was typed comes back")

	res, page = staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {"555"},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"Europe/London"}, "rate": {"100"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "an unknown show")
	require.Contains(t, page, "no show with that number")

	res, _ = staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {"100"},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"Europe/London"}, "rate": {"250"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, page = staff.Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Dune · Test Cinema · Screen 1")
	require.Contains(t, page, "Fri 14 Mar 2031, 09:00 GMT")
	require.Contains(t, page, "250/min")
}

func TestACrossSiteFormCannotPutUpARoom(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	staff, _ := hb.browser(t, "Sly", account.Staff)
	res, _ := staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {"100"},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"UTC"}, "rate": {"100"}}, "Sec-Fetch-Site", "cross-site")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	rooms, err := hb.svc.Rooms(context.Background())
	require.NoError(t, err)
	require.Empty(t, rooms)
}

func TestTheWaitingPageShowsThePlaceLiveAndLetsTheBuyerThroughOnTheirTurn(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	r := hb.room(t, 30*time.Second, 60)
	first, _ := hb.browser(t, "First", account.Customer)
	second, _ := hb.browser(t, "Second", account.Customer)
	waiting := "/waiting/" + itoa(r.ID) + "?next=" + url.QueryEscape("/shows/100/seats")
	res, _ := first.Get(t, waiting)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, page := second.Get(t, waiting)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, `data-position>2<`)
	require.Contains(t, page, `data-next="/shows/100/seats"`)
	require.Contains(t, page, `http-equiv="refresh"`, "works without JavaScript too")
	_, again := second.Get(t, waiting)
	require.Contains(t, again, `data-position>2<`, "a reload keeps the place")

	events := regexp.MustCompile(`data-events="([^"]+)"`).FindStringSubmatch(page)
	require.Len(t, events, 2)
	req, err := http.NewRequest(http.MethodGet, hb.server.URL+strings.ReplaceAll(events[1], "&amp;", "&"), nil)
	require.NoError(t, err)
	stream, err := http.DefaultClient.Do(req) // no cookies: the token says whose place
	require.NoError(t, err)
	defer stream.Body.Close()
	require.Equal(t, "text/event-stream", stream.Header.Get("Content-Type"))
	lines := bufio.NewScanner(stream.Body)
	next := func() string {
		for lines.Scan() {
			if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
				return data
			}
		}
		t.Fatalf("the stream ended: %v", lines.Err())
		return ""
	}
	require.Equal(t, `{"admitted":false,"position":"2","wait":"less than a minute"}`, next())
	hb.clock.Advance(31 * time.Second) // the on-sale, and one slot
	for {
		if data := next(); strings.Contains(data, `"admitted":true`) {
			break
		}
	}
	res, _ = second.Get(t, waiting)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/shows/100/seats", res.Header.Get("Location"))
}

func TestAVisitorIsAskedToSignInForAPlace(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	r := hb.room(t, time.Minute, 60)
	waiting := "/waiting/" + itoa(r.ID) + "?next=" + url.QueryEscape("/shows/100/seats?best=2&cat=premium")
	visitor := webtest.NewBrowser(t, hb.server.URL)
	res, _ := visitor.Get(t, waiting)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	login, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, "/login", login.Path)
	require.Equal(t, waiting, login.Query().Get("next"), "back to the same place in the queue, then the same map")
	_, page := visitor.Get(t, res.Header.Get("Location"))
	require.Contains(t, page, "one place per account")
}

func TestTheWaitingPageNeverSendsTheBuyerOffSite(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	r := hb.room(t, 0, 600)
	br, _ := hb.browser(t, "Wary", account.Customer)
	for _, next := range []string{"//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example"} {
		res, _ := br.Get(t, "/waiting/"+itoa(r.ID)+"?next="+url.QueryEscape(next))
		require.Equal(t, http.StatusSeeOther, res.StatusCode)
		require.Equal(t, "/", res.Header.Get("Location"), "next %q", next)
	}
}

func TestAForgedPlaceTokenGetsNoStream(t *testing.T) {
	t.Parallel()
	hb := httpSetup(t)
	r := hb.room(t, time.Minute, 60)
	res, _ := webtest.NewBrowser(t, hb.server.URL).Get(t, "/waiting/"+itoa(r.ID)+"/events?t="+itoa(r.ID)+".1.1.t1.forged")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}
