package catalog_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testBundle is a catalogue on a fresh database behind the real middleware.
type testBundle struct {
	pool   *pgxpool.Pool
	svc    *catalog.Service
	server *httptest.Server
	now    time.Time
}

type setupOpts struct {
	// denyAdmin makes the staff guard reject every request.
	denyAdmin bool
}

// setup builds the catalogue service and its pages. The clock is fixed at
// b.now (a Wednesday 09:00 UTC in the future) so schedules are predictable.
func setup(t testing.TB, opts ...setupOpts) *testBundle {
	t.Helper()
	var o setupOpts
	if len(opts) > 0 {
		o = opts[0]
	}
	pool := pgtest.New(t)
	now := time.Date(2031, 3, 12, 9, 0, 0, 0, time.UTC)
	svc := catalog.NewService(pool, catalog.Options{Now: func() time.Time { return now }})
	sessions := account.NewSessionManager(pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 8 << 20,
		Statuses: slices.Concat(web.CommonStatuses, catalog.ErrorStatuses)})
	guard := func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	if o.denyAdmin {
		guard = func(echo.HandlerFunc) echo.HandlerFunc {
			return func(echo.Context) error { return echo.ErrForbidden }
		}
	}
	catalog.NewHandler(svc, catalog.HandlerOptions{Sessions: sessions, RequireStaff: guard}).Routes(e)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &testBundle{pool: pool, svc: svc, server: srv, now: now}
}

// get fetches path without following redirects; extra headers come in pairs.
func (b *testBundle) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.server.URL+path, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return roundTrip(t, req)
}

// postForm posts a form as a same-origin browser would (CSRF passes).
func (b *testBundle) postForm(t *testing.T, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.server.URL+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return roundTrip(t, req)
}

func roundTrip(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

// Factories. Each makes a valid object with sensible defaults.

func newCity(t *testing.T, b *testBundle, name, tz, currency string) catalog.City {
	t.Helper()
	c := catalog.City{Name: name, TimeZone: tz, Currency: currency}
	require.NoError(t, b.svc.SaveCity(context.Background(), c))
	got, err := b.svc.City(context.Background(), catalog.Slugify(name))
	require.NoError(t, err)
	return got
}

// newTheater makes a theater in London (created if needed) with a
// standard-seat price rule of 1000 (minor units) and premium of 1500.
func newTheater(t *testing.T, b *testBundle, name string) catalog.Theater {
	t.Helper()
	ctx := context.Background()
	newCity(t, b, "London", "Europe/London", "GBP")
	th, err := b.svc.CreateTheater(ctx, catalog.TheaterInput{Name: name, CitySlug: "london", Address: "1 Test Street",
		TimeZone: "Europe/London", Amenities: []string{"parking"}, TrailerMinutes: 15, CleaningMinutes: 15})
	require.NoError(t, err)
	for _, r := range []catalog.PriceRule{
		{TheaterID: th.ID, Category: catalog.Standard, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000},
		{TheaterID: th.ID, Category: catalog.Premium, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1500},
		{TheaterID: th.ID, Category: catalog.Wheelchair, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000},
		{TheaterID: th.ID, Category: catalog.Companion, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000},
	} {
		require.NoError(t, b.svc.SetPriceRule(ctx, r))
	}
	return th
}

// newScreen makes a 5x10 screen (back row premium) playing formats.
func newScreen(t *testing.T, b *testBundle, theaterID int64, name string, formats ...string) catalog.Screen {
	t.Helper()
	if len(formats) == 0 {
		formats = []string{"2D"}
	}
	l, err := catalog.NewLayout(5, 10)
	require.NoError(t, err)
	l.Rows[4].Cells = "pppppppppp"
	sc, err := b.svc.CreateScreen(context.Background(), theaterID, catalog.ScreenInput{Name: name, Formats: formats, Layout: l})
	require.NoError(t, err)
	return sc
}

// newMovie makes a now-showing English movie of 120 minutes.
func newMovie(t *testing.T, b *testBundle, title string) catalog.Movie {
	t.Helper()
	m, err := b.svc.CreateMovie(context.Background(), catalog.MovieInput{
		Title: title, Synopsis: "A test film.", RuntimeMinutes: 120, ReleaseDate: b.now.AddDate(0, 0, -7),
		Certification: "PG-13", OriginalLanguage: "English", DubbedLanguages: []string{"Hindi"},
		Genres: []string{"Drama"}, Formats: []string{"2D", "IMAX"}, Status: catalog.NowShowing,
		Cast: []catalog.Credit{{Name: "Ada Quill", Role: "Lead"}}, Crew: []catalog.Credit{{Name: "Bo Reel", Role: "Director"}},
	})
	require.NoError(t, err)
	return m
}

// newShow schedules movie on screen at start in 2D English.
func newShow(t *testing.T, b *testBundle, movieID, screenID int64, start time.Time) catalog.Show {
	t.Helper()
	s, err := b.svc.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: movieID, ScreenID: screenID,
		StartsAt: start, Language: "English", Format: "2D"})
	require.NoError(t, err)
	return s
}
