package waitroom_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

func TestTheStaffPageIsForStaffOnly(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	res, _ := b.srv.Browser(t).Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Contains(t, res.Header.Get("Location"), "/login")

	customer, _ := b.srv.SignedIn(t, "Cass", account.Customer)
	res, _ = customer.Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = customer.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {itoa(b.show)},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"UTC"}, "rate": {"100"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	rooms, err := b.svc.Rooms(context.Background())
	require.NoError(t, err)
	require.Empty(t, rooms)
}

func TestStaffPutUpARoomAndSeeMistakesOnTheForm(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	staff, _ := b.srv.SignedIn(t, "Stef", account.Staff)
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

	res, page = staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {itoa(b.show + 1000)},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"Europe/London"}, "rate": {"100"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "an unknown show")
	require.Contains(t, page, "no show with that number")

	res, _ = staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {itoa(b.show)},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"Europe/London"}, "rate": {"250"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, page = staff.Get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Dune · Test Cinema · Screen 1")
	require.Contains(t, page, "Friday 14 March 2031, 09:00 GMT")
	require.Contains(t, page, "250/min")
}

func TestACrossSiteFormCannotPutUpARoom(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	staff, _ := b.srv.SignedIn(t, "Sly", account.Staff)
	res, _ := staff.Post(t, "/admin/waiting-rooms", url.Values{"scope": {"show"}, "show_id": {itoa(b.show)},
		"on_sale_at": {"2031-03-14T09:00"}, "time_zone": {"UTC"}, "rate": {"100"}}, "Sec-Fetch-Site", "cross-site")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	rooms, err := b.svc.Rooms(context.Background())
	require.NoError(t, err)
	require.Empty(t, rooms)
}

func TestTheWaitingPageShowsThePlaceLiveAndLetsTheBuyerThroughOnTheirTurn(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	r := b.room(t, 30*time.Second, 60)
	first, _ := b.srv.SignedIn(t, "First", account.Customer)
	second, _ := b.srv.SignedIn(t, "Second", account.Customer)
	seats := "/shows/" + itoa(b.show) + "/seats"
	waiting := "/waiting/" + itoa(r.ID) + "?next=" + url.QueryEscape(seats)
	res, _ := first.Get(t, waiting)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, page := second.Get(t, waiting)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, `data-position>2<`)
	require.Contains(t, page, `data-next="`+seats+`"`)
	require.Contains(t, page, `http-equiv="refresh"`, "works without JavaScript too")
	_, again := second.Get(t, waiting)
	require.Contains(t, again, `data-position>2<`, "a reload keeps the place")

	events := regexp.MustCompile(`data-events="([^"]+)"`).FindStringSubmatch(page)
	require.Len(t, events, 2)
	req, err := http.NewRequest(http.MethodGet, b.srv.URL+strings.ReplaceAll(events[1], "&amp;", "&"), nil)
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
	b.clock.Advance(31 * time.Second) // the on-sale, and one slot
	for {
		if data := next(); strings.Contains(data, `"admitted":true`) {
			break
		}
	}
	res, _ = second.Get(t, waiting)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, seats, res.Header.Get("Location"))
}

func TestAVisitorIsAskedToSignInForAPlace(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	r := b.room(t, time.Minute, 60)
	waiting := "/waiting/" + itoa(r.ID) + "?next=" + url.QueryEscape("/shows/"+itoa(b.show)+"/seats?best=2&cat=premium")
	visitor := b.srv.Browser(t)
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
	b := httpSetup(t)
	r := b.room(t, 0, 600)
	br, _ := b.srv.SignedIn(t, "Wary", account.Customer)
	for _, next := range []string{"//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example"} {
		res, _ := br.Get(t, "/waiting/"+itoa(r.ID)+"?next="+url.QueryEscape(next))
		require.Equal(t, http.StatusSeeOther, res.StatusCode)
		require.Equal(t, "/", res.Header.Get("Location"), "next %q", next)
	}
}

func TestAForgedPlaceTokenGetsNoStream(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	r := b.room(t, time.Minute, 60)
	res, _ := b.srv.Browser(t).Get(t, "/waiting/"+itoa(r.ID)+"/events?t="+itoa(r.ID)+".1.1.t1.forged")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}
