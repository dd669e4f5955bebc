package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// TestTwoInstancesActAsOneSite boots the built binary twice (role all:
// both serve pages and both work jobs) on one database and one Redis, as
// two instances behind a load balancer, and has a buyer, staff and an
// abuser move between them.
func TestTwoInstancesActAsOneSite(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	// A shutdown deadline far past the test's patience: an instance must
	// stop without waiting for the live seat map left open on it.
	site.env = map[string]string{"REDIS_URL": redistest.URL(t), "REDIS_PREFIX": redistest.Prefix(), "RATE_API_PER_IP": "2",
		"SHUTDOWN_TIMEOUT": "10m"}
	// The catalogue and the accounts, made through the app's own services.
	seed := apptest.New(t, apptest.Options{Pool: site.db})
	show := catalogtest.Show(t, seed.Catalog, catalogtest.ShowOptions{})
	ada, sam := seed.User(t, "Ada", account.Customer), seed.User(t, "Sam", account.Staff)
	one, two := site.start(t, "all"), site.start(t, "all")
	ctx := context.Background()

	// A session made on one instance is good on the other (a load
	// balancer sends the same cookies to both).
	adaOne := webtest.NewBrowser(t, one.base)
	adaOne.SignIn(t, ada.Email, apptest.Password)
	adaTwo := &webtest.Browser{Base: two.base, Client: adaOne.Client}
	res, page := adaTwo.Get(t, "/account/bookings")
	require.Equal(t, http.StatusOK, res.StatusCode, "signed in on the other instance too")
	require.Contains(t, page, "Ada")

	// A hold made through one appears live on a seat map open on the other.
	seats := openSeatStream(t, two.base, show.ID)
	seats.next(t, "the first snapshot", func(map[string]string) bool { return true })
	res, page = adaOne.Post(t, fmt.Sprintf("/shows/%d/hold", show.ID), url.Values{"seats": {"A1", "A2"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	var bookingID int64
	_, err := fmt.Sscanf(res.Header.Get("Location"), "/bookings/%d/checkout", &bookingID)
	require.NoError(t, err)
	seats.next(t, "A1 and A2 held on the other instance's map", func(s map[string]string) bool {
		return s["A1"] == "held" && s["A2"] == "held"
	})

	// Paid on the other instance; both work jobs, and the confirmation
	// mail's job runs exactly once: one delivery, sent at the first try.
	res, page = adaTwo.Post(t, fmt.Sprintf("/bookings/%d/pay", bookingID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	res, page = adaTwo.Post(t, res.Header.Get("Location")+"/card", url.Values{"number": {"4242424242424242"},
		"expiry": {"12/40"}, "cvc": {"123"}, "name": {"Ada"}})
	require.Less(t, res.StatusCode, 400, page)
	waitFor(t, "the confirmation mail is sent", func() bool {
		var sent int
		require.NoError(t, site.db.QueryRow(ctx, `SELECT count(*) FROM notify.deliveries d
			JOIN notify.messages m ON m.id = d.message_id WHERE m.kind = 'booking.confirmed' AND d.status = 'sent'`).Scan(&sent))
		return sent > 0
	})
	var deliveries, attempts, mailJobs, rerun int
	require.NoError(t, site.db.QueryRow(ctx, `SELECT count(*), coalesce(sum(d.attempts), 0) FROM notify.deliveries d
		JOIN notify.messages m ON m.id = d.message_id WHERE m.kind = 'booking.confirmed'`).Scan(&deliveries, &attempts))
	require.Equal(t, 1, deliveries, "one delivery of the confirmation")
	require.Equal(t, 1, attempts, "sent once")
	require.NoError(t, site.db.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE attempt > 1)
		FROM river.river_job WHERE kind = 'notify.send' AND (args->>'message_id')::bigint IN
			(SELECT id FROM notify.messages WHERE kind = 'booking.confirmed')`).Scan(&mailJobs, &rerun))
	require.Equal(t, 1, mailJobs, "one job sends the confirmation")
	require.Zero(t, rerun, "worked once, by one of the two")

	// A rate limit counted on one holds on the other (RATE_API_PER_IP=2).
	require.Equal(t, http.StatusUnauthorized, status(t, one.base+"/api/v1/me"))
	require.Equal(t, http.StatusUnauthorized, status(t, two.base+"/api/v1/me"))
	require.Equal(t, http.StatusTooManyRequests, status(t, one.base+"/api/v1/me"), "the other instance spent the second")
	require.Equal(t, http.StatusTooManyRequests, status(t, two.base+"/api/v1/me"))

	// A show staff add on one instance is on the other's cached movie page
	// at once.
	movie, err := seed.Catalog.Movie(ctx, show.MovieID)
	require.NoError(t, err)
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	starts := show.StartsAt.Add(3 * time.Hour).In(london)
	moviePage := "/movies/" + movie.Slug + "?date=" + starts.Format(time.DateOnly)
	visitor := webtest.NewBrowser(t, two.base)
	visitor.SetCookie(t, "city", "london")
	for range 2 {
		res, _ = visitor.Get(t, moviePage)
		require.Equal(t, http.StatusOK, res.StatusCode)
	}
	staff := webtest.NewBrowser(t, one.base)
	staff.SignIn(t, sam.Email, apptest.Password)
	res, page = staff.Post(t, "/admin/shows", url.Values{"movie": {fmt.Sprint(show.MovieID)},
		"screen": {fmt.Sprint(show.ScreenID)}, "date": {starts.Format(time.DateOnly)}, "time": {starts.Format("15:04")},
		"format": {"2D"}, "language": {"English"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	added := regexp.MustCompile(`#show-(\d+)`).FindStringSubmatch(res.Header.Get("Location"))
	require.NotNil(t, added, res.Header.Get("Location"))
	waitFor(t, "the new show is on the other instance's movie page", func() bool {
		_, page := visitor.Get(t, moviePage)
		return strings.Contains(page, `href="/shows/`+added[1]+`/seats"`)
	})

	for _, p := range []*process{one, two} {
		require.NoError(t, p.stop(t), "stops, the seat map open on it or not")
		requireNoPoolRuleBroken(t, p.log.String())
	}
	for range seats.events {
	}

}

// status is the status of GET u, from a client with no cookies.
func status(t *testing.T, u string) int {
	t.Helper()
	res, err := http.Get(u)
	require.NoError(t, err)
	res.Body.Close()
	return res.StatusCode
}

// seatStream is a live seat map (GET /shows/:id/seats/events) read as
// EventSource reads it.
type seatStream struct{ events chan map[string]string }

func openSeatStream(t *testing.T, base string, showID int64) *seatStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/shows/%d/seats/events", base, showID), nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	s := &seatStream{events: make(chan map[string]string, 100)}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(res.Body)
		var data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && data != "":
				var states map[string]string
				if json.Unmarshal([]byte(data), &states) == nil {
					s.events <- states
				}
				data = ""
			}
		}
	}()
	return s
}

// next waits for an event in which check holds; the bound only keeps a
// broken stream from hanging the test.
func (s *seatStream) next(t *testing.T, what string, check func(map[string]string) bool) {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case ev, ok := <-s.events:
			require.True(t, ok, "the stream ended while waiting for %s", what)
			if check(ev) {
				return
			}
		case <-deadline:
			require.FailNow(t, "no event within a minute: "+what)
		}
	}
}
