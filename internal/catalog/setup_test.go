package catalog_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testBundle is the whole server on a fresh database with its clock fixed
// at now (a Wednesday 09:00 UTC in the future), so schedules are
// predictable.
type testBundle struct {
	*apptest.Server
	now time.Time
	// visitor is an anonymous browser that keeps no cookies: every request
	// is a first visit unless it sends its own.
	visitor *webtest.Browser
	// admin is signed in as a staff member; see staff.
	admin *webtest.Browser
}

type setupOpts struct {
	// pool, when set, is the database the app runs on.
	pool *pgxpool.Pool
}

// setup builds the app through apptest, as serve does.
func setup(t testing.TB, opts ...setupOpts) *testBundle {
	t.Helper()
	var o setupOpts
	if len(opts) > 0 {
		o = opts[0]
	}
	now := time.Date(2031, 3, 12, 9, 0, 0, 0, time.UTC)
	s := apptest.New(t, apptest.Options{Pool: o.pool, Now: func() time.Time { return now }})
	visitor := &webtest.Browser{Base: s.URL, Client: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	return &testBundle{Server: s, now: now, visitor: visitor}
}

// staff returns a browser signed in as a staff member, made on first use.
func (b *testBundle) staff(t testing.TB) *webtest.Browser {
	t.Helper()
	if b.admin == nil {
		b.admin, _ = b.SignedIn(t, "Staff", account.Staff)
	}
	return b.admin
}

// get fetches path as an anonymous visitor; extra headers come in pairs.
func (b *testBundle) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	return b.visitor.Get(t, path, header...)
}

// postForm posts a form as an anonymous same-origin visitor would (CSRF
// passes).
func (b *testBundle) postForm(t *testing.T, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	return b.visitor.Post(t, path, form, header...)
}

// Factories. Each makes a valid object with sensible defaults.

func newCity(t *testing.T, b *testBundle, name, tz, currency string) catalog.City {
	t.Helper()
	c := catalog.City{Name: name, TimeZone: tz, Currency: currency}
	require.NoError(t, b.Catalog.SaveCity(context.Background(), c))
	got, err := b.Catalog.City(context.Background(), catalog.Slugify(name))
	require.NoError(t, err)
	return got
}

// newTheater makes a theater in London (created if needed) with a
// standard-seat price rule of 1000 (minor units) and premium of 1500.
func newTheater(t *testing.T, b *testBundle, name string) catalog.Theater {
	t.Helper()
	ctx := context.Background()
	newCity(t, b, "London", "Europe/London", "GBP")
	th, err := b.Catalog.CreateTheater(ctx, catalog.TheaterInput{Name: name, CitySlug: "london", Address: "1 Test Street",
		TimeZone: "Europe/London", Amenities: []string{"parking"}, TrailerMinutes: 15, CleaningMinutes: 15})
	require.NoError(t, err)
	for _, r := range []catalog.PriceRule{
		{TheaterID: th.ID, Category: catalog.Standard, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000},
		{TheaterID: th.ID, Category: catalog.Premium, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1500},
		{TheaterID: th.ID, Category: catalog.Wheelchair, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000},
		{TheaterID: th.ID, Category: catalog.Companion, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000},
	} {
		require.NoError(t, b.Catalog.SetPriceRule(ctx, r))
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
	sc, err := b.Catalog.CreateScreen(context.Background(), theaterID, catalog.ScreenInput{Name: name, Formats: formats, Layout: l})
	require.NoError(t, err)
	return sc
}

// newMovie makes a now-showing English movie of 120 minutes.
func newMovie(t *testing.T, b *testBundle, title string) catalog.Movie {
	t.Helper()
	m, err := b.Catalog.CreateMovie(context.Background(), catalog.MovieInput{
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
	s, err := b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: movieID, ScreenID: screenID,
		StartsAt: start, Language: "English", Format: "2D"})
	require.NoError(t, err)
	return s
}
