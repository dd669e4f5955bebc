package recommend_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/recommend"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testBundle is the app with two cities ready for shows; catalog,
// accounts and svc are the app's own services.
type testBundle struct {
	srv      *apptest.Server
	pool     *pgxpool.Pool
	catalog  *catalog.Service
	accounts *account.Service
	svc      *recommend.Service
	// screens by city slug, for scheduling shows.
	screens map[string]catalog.Screen
	next    time.Time
}

// setup builds the app (recommendations over the real catalogue and
// accounts, jobs queued but not worked) and makes two cities (Pune,
// Mumbai) with a one-screen theater each. catalogtest.Show cannot stand in:
// it makes one London theater per database, and these tests need two
// cities.
func setup(t testing.TB) *testBundle {
	t.Helper()
	ctx := context.Background()
	s := apptest.New(t, apptest.Options{})
	b := &testBundle{srv: s, pool: s.Pool, catalog: s.Catalog, accounts: s.Account, svc: s.Recommend,
		screens: map[string]catalog.Screen{}, next: time.Now().Add(3 * time.Hour).Truncate(time.Hour)}
	for _, city := range []string{"Pune", "Mumbai"} {
		require.NoError(t, b.catalog.SaveCity(ctx, catalog.City{Name: city, TimeZone: "Asia/Kolkata", Currency: "INR"}))
		th, err := b.catalog.CreateTheater(ctx, catalog.TheaterInput{Name: city + " Cinema", CitySlug: slug(city),
			TimeZone: "Asia/Kolkata", TrailerMinutes: 10, CleaningMinutes: 10})
		require.NoError(t, err)
		require.NoError(t, b.catalog.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, Category: catalog.Standard,
			DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 20000}))
		layout, err := catalog.NewLayout(5, 10)
		require.NoError(t, err)
		sc, err := b.catalog.CreateScreen(ctx, th.ID, catalog.ScreenInput{Name: "Screen 1", Formats: []string{"2D"}, Layout: layout})
		require.NoError(t, err)
		b.screens[slug(city)] = sc
	}
	return b
}

func slug(city string) string {
	if city == "Pune" {
		return "pune"
	}
	return "mumbai"
}

// movie adds a movie now showing, released a week ago.
func (b *testBundle) movie(t testing.TB, title, language, director string, genres []string, cast ...string) catalog.Movie {
	t.Helper()
	in := catalog.MovieInput{Title: title, RuntimeMinutes: 100, ReleaseDate: time.Now().AddDate(0, 0, -7),
		Certification: "PG", OriginalLanguage: language, Genres: genres, Formats: []string{"2D"}, Status: catalog.NowShowing,
		Crew: []catalog.Credit{{Name: director, Role: "Director"}}}
	for _, c := range cast {
		in.Cast = append(in.Cast, catalog.Credit{Name: c, Role: "Lead"})
	}
	m, err := b.catalog.CreateMovie(context.Background(), in)
	require.NoError(t, err)
	return m
}

// show schedules the movie in the city in the coming days.
func (b *testBundle) show(t testing.TB, m catalog.Movie, city string) {
	t.Helper()
	_, err := b.catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: m.ID, ScreenID: b.screens[city].ID,
		StartsAt: b.next, Language: m.OriginalLanguage, Format: "2D"})
	require.NoError(t, err)
	b.next = b.next.Add(3 * time.Hour)
}

// user creates a customer and returns their id.
func (b *testBundle) user(t testing.TB, name string) int64 {
	t.Helper()
	u, err := b.accounts.CreateUser(context.Background(), account.NewUser{Email: fmt.Sprintf("%s-%d@example.com", strings.ReplaceAll(name, " ", "."), time.Now().UnixNano()),
		Name: name, Password: "velvet-curtain-popcorn-42", Role: account.Customer, Verified: true})
	require.NoError(t, err)
	return u.ID
}

// booked records a confirmed booking as the booking module does.
func (b *testBundle) booked(t testing.TB, userID int64, movies ...catalog.Movie) {
	t.Helper()
	for _, m := range movies {
		require.NoError(t, pg.InTx(context.Background(), b.pool, func(ctx context.Context, tx pgx.Tx) error {
			return b.svc.Booked(ctx, tx, userID, m.ID)
		}))
	}
}

func (b *testBundle) recompute(t testing.TB) {
	t.Helper()
	_, err := b.svc.Recompute(context.Background())
	require.NoError(t, err)
}

// titles lists the picks' titles and reasons.
func titles(picks []recommend.Pick) ([]string, map[string]string) {
	var out []string
	reasons := map[string]string{}
	for _, p := range picks {
		out = append(out, p.Movie.Title)
		reasons[p.Movie.Title] = p.Reason
	}
	return out, reasons
}

func (b *testBundle) svcNow() time.Time { return time.Now() }

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return string(out)
}
