package tms_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/tms"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// feedKey is the key the fake TMS expects.
const feedKey = "tms-key-8d1f"

// fakeTMS serves a theater's feed as a theater management system does:
// bearer key, ETag and If-None-Match; a test changes the feed between runs
// or makes it fail.
type fakeTMS struct {
	*httptest.Server
	mu       sync.Mutex
	feed     tms.Feed
	fail     int    // answer this status instead of the feed
	raw      []byte // answer these bytes instead of the feed
	requests int
	not304   int
}

func newFakeTMS(t *testing.T) *fakeTMS {
	f := &fakeTMS{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests++
		if r.Header.Get("Authorization") != "Bearer "+feedKey {
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		if f.fail != 0 {
			http.Error(w, "the TMS is down", f.fail)
			return
		}
		body := f.raw
		if body == nil {
			var err error
			if body, err = json.Marshal(f.feed); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		f.not304++
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(f.Close)
	return f
}

// change edits the feed the TMS serves.
func (f *fakeTMS) change(edit func(*tms.Feed)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	edit(&f.feed)
}

// testBundle is the whole app, a theater with a 5x10 "Screen 1" (standard
// seats at 10.00, rows D and E premium at 15.00) and a show of its own the
// next day, and a fake TMS connected to the theater.
type testBundle struct {
	*apptest.Server
	tms     *fakeTMS
	theater catalog.Theater
	conn    tms.Connection
	// day is a date three days ahead in the theater's zone.
	day time.Time
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	s := apptest.New(t, apptest.Options{})
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{
		Prices: map[catalog.Category]int64{catalog.Standard: 1000, catalog.Premium: 1500},
		Shape: func(l *catalog.Layout) {
			l.Rows[3].Cells, l.Rows[4].Cells = "pppppppppp", "pppppppppp"
		}})
	th, err := s.Catalog.Theater(context.Background(), show.TheaterID)
	require.NoError(t, err)
	b := &testBundle{Server: s, tms: newFakeTMS(t), theater: th}
	now := time.Now().In(th.Location())
	b.day = time.Date(now.Year(), now.Month(), now.Day()+3, 0, 0, 0, 0, th.Location())
	b.conn, err = s.TMS.SaveConnection(context.Background(), th.ID, tms.ConnectionInput{FeedURL: b.tms.URL + "/feed",
		Key: feedKey, Enabled: true, IntervalMinutes: 15})
	require.NoError(t, err)
	return b
}

// at is an RFC 3339 time on the bundle's day plus days, at hh:mm local.
func (b *testBundle) at(days, hh, mm int) string {
	return time.Date(b.day.Year(), b.day.Month(), b.day.Day()+days, hh, mm, 0, 0, b.theater.Location()).Format(time.RFC3339)
}

// firstFeed is the feed of the first run: one new film, three sessions.
func (b *testBundle) firstFeed() tms.Feed {
	prices := map[string]int64{"standard": 1200, "premium": 1800}
	return tms.Feed{Theater: "LDN-01",
		Films: []tms.FeedFilm{{ID: "F-100", Title: "Northern Lights", RuntimeMinutes: 110, ReleaseDate: "2026-11-20",
			Certification: "PG", OriginalLanguage: "English", Genres: []string{"Drama"}, Formats: []string{"2D"}}},
		Sessions: []tms.FeedSession{
			{ID: "S-1", Film: "F-100", Screen: "Screen 1", StartsAt: b.at(0, 14, 0), Format: "2D", Language: "English",
				Status: "scheduled", Prices: prices, SeatsSold: []string{"A1", "A2"}},
			{ID: "S-2", Film: "F-100", Screen: "Screen 1", StartsAt: b.at(0, 18, 0), Format: "2D", Language: "English",
				Status: "scheduled", Prices: prices},
			{ID: "S-3", Film: "F-100", Screen: "Screen 1", StartsAt: b.at(1, 14, 0), Format: "2D", Language: "English",
				Status: "scheduled", Prices: prices},
		}}
}

// sync runs a sync now and logs the run as an admin reads it.
func (b *testBundle) sync(t *testing.T) tms.Run {
	t.Helper()
	run, err := b.TMS.Sync(context.Background(), b.conn.ID)
	require.NoError(t, err)
	t.Log(run.String())
	return run
}

// count reads one number from the database (invariants at the end).
func (b *testBundle) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, b.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// sessionShow is the show a session became.
func (b *testBundle) sessionShow(t *testing.T, ext string) catalog.Show {
	t.Helper()
	var id int64
	require.NoError(t, b.Pool.QueryRow(context.Background(),
		"SELECT show_id FROM tms.sessions WHERE connection_id = $1 AND external_id = $2", b.conn.ID, ext).Scan(&id))
	sh, err := b.Catalog.Show(context.Background(), id)
	require.NoError(t, err)
	return sh
}

// workJobs works the app's River jobs until the test ends.
func workJobs(t *testing.T, s *apptest.Server) {
	t.Helper()
	client, err := jobs.New(s.Pool, jobs.Options{Workers: s.Workers(), RetryPolicy: jobs.QuickRetry{},
		Log: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() { _ = client.Stop(context.Background()) })
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

// waitUntil polls cond for up to ten seconds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// logText is a run's log as one string.
func logText(r tms.Run) string {
	var sb strings.Builder
	for _, l := range r.Log {
		sb.WriteString(l.Level + " " + l.Message + "\n")
	}
	return sb.String()
}
