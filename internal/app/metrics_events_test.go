package app_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// TestPurchasesShowOnTheMetrics: a scraper on this machine sees a hold,
// a seat lost to a rival, a paid purchase and a declined card counted.
func TestPurchasesShowOnTheMetrics(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	watchJobs(t, s, true)
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{})
	ada, _ := s.SignedIn(t, "Ada", account.Customer)
	bea, _ := s.SignedIn(t, "Bea", account.Customer)
	before := scrapeAll(t, s)
	require.Contains(t, before, `marquee_payments_total{outcome="failed"}`, "each outcome is there before the first")

	pay(t, ada, hold(t, ada, show.ID, "A1", "A2"), "4242424242424242")
	res, _ := bea.Post(t, fmt.Sprintf("/shows/%d/hold", show.ID), url.Values{"seats": {"A1"}})
	require.Equal(t, http.StatusConflict, res.StatusCode, "Ada has A1")
	pay(t, bea, hold(t, bea, show.ID, "A3", "A4"), "4000000000000002")

	want := map[string]float64{
		`marquee_holds_total{result="held"}`:          2,
		`marquee_holds_total{result="taken"}`:         1,
		`marquee_purchases_total`:                     1,
		`marquee_payments_total{outcome="succeeded"}`: 1,
		`marquee_payments_total{outcome="failed"}`:    1,
	}
	var now map[string]float64
	waitUntil(t, "the payments' outcomes are applied", func() bool {
		now = scrapeAll(t, s)
		return now[`marquee_payments_total{outcome="failed"}`]-before[`marquee_payments_total{outcome="failed"}`] >= 1 &&
			now[`marquee_payments_total{outcome="succeeded"}`]-before[`marquee_payments_total{outcome="succeeded"}`] >= 1 &&
			now[`marquee_purchases_total`]-before[`marquee_purchases_total`] >= 1
	})
	for name, n := range want {
		require.Equal(t, n, now[name]-before[name], name)
	}
}

// TestQueueDepthCountsJobsWaiting: jobs nobody has worked yet show as the
// default queue's depth, and their wait as its lag.
func TestQueueDepthCountsJobsWaiting(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	watchJobs(t, s, false)
	waitUntil(t, "an empty queue reads 0", func() bool {
		m := scrapeAll(t, s)
		_, ok := m[`marquee_river_queue_depth{queue="default"}`]
		return ok && m[`marquee_river_queue_depth{queue="default"}`] == 0
	})

	br := s.Browser(t)
	for _, name := range []string{"Cleo", "Dev"} {
		res, page := br.Post(t, "/signup", url.Values{"name": {name}, "email": {strings.ToLower(name) + "@example.com"},
			"password": {apptest.Password}})
		require.Equal(t, http.StatusOK, res.StatusCode, page)
	}
	var jobsWaiting int
	require.NoError(t, s.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM river.river_job WHERE state = 'available' AND queue = 'default'`).Scan(&jobsWaiting))
	require.GreaterOrEqual(t, jobsWaiting, 2, "each sign-up enqueued its verification mail")
	waitUntil(t, "the depth reads the mails waiting", func() bool {
		m := scrapeAll(t, s)
		return m[`marquee_river_queue_depth{queue="default"}`] == float64(jobsWaiting) &&
			m[`marquee_river_queue_lag_seconds{queue="default"}`] > 0
	})
}

// watchJobs has s's metrics watch a River client over its database,
// working the jobs when work is set (else they wait in the queue).
func watchJobs(t *testing.T, s *apptest.Server, work bool) {
	t.Helper()
	client, err := jobs.New(s.Pool, jobs.Options{Workers: s.Workers(), RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s.Metrics.WatchJobs(ctx, client, 10*time.Millisecond, slog.New(slog.DiscardHandler))
	if work {
		require.NoError(t, client.Start(ctx))
		t.Cleanup(func() { _ = client.Stop(context.Background()) })
	}
}

// hold holds seats on the seat map page and returns the booking's id.
func hold(t *testing.T, br *webtest.Browser, showID int64, seats ...string) int64 {
	t.Helper()
	res, page := br.Post(t, fmt.Sprintf("/shows/%d/hold", showID), url.Values{"seats": seats})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	var id int64
	_, err := fmt.Sscanf(res.Header.Get("Location"), "/bookings/%d/checkout", &id)
	require.NoError(t, err)
	return id
}

// pay pays for a booking with a test card on the pay page.
func pay(t *testing.T, br *webtest.Browser, bookingID int64, card string) {
	t.Helper()
	res, page := br.Post(t, fmt.Sprintf("/bookings/%d/pay", bookingID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	res, page = br.Post(t, res.Header.Get("Location")+"/card", url.Values{"number": {card}, "expiry": {"12/40"},
		"cvc": {"123"}, "name": {"Test Buyer"}})
	require.Less(t, res.StatusCode, 400, page)
}

// scrapeAll reads /metrics as a scraper on this machine does: each
// sample's name and labels, as written, to its value.
func scrapeAll(t *testing.T, s *apptest.Server) map[string]float64 {
	t.Helper()
	res, err := http.Get(s.URL + "/metrics")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	out := map[string]float64{}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		if strings.HasPrefix(line, "#") || i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		require.NoError(t, err, line)
		out[line[:i]] = v
	}
	require.NoError(t, sc.Err())
	_, _ = io.Copy(io.Discard, res.Body)
	return out
}

// waitUntil polls cond until it holds; the bound only keeps a broken
// test from hanging.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	require.Eventually(t, cond, 2*time.Minute, 10*time.Millisecond, what)
}
