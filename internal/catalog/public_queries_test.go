package catalog_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// queryCounter counts the statements a pool sends.
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	q.n.Add(1)
	return ctx
}

func (q *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// countingServer serves the public pages of b's database through a pool
// that counts queries, with the city middleware as main installs it.
func countingServer(t *testing.T, b *testBundle) (*httptest.Server, *queryCounter) {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(b.pool.Config().ConnString())
	require.NoError(t, err)
	qc := &queryCounter{}
	cfg.ConnConfig.Tracer = qc
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	svc := catalog.NewService(pool, catalog.Options{Now: func() time.Time { return b.now }})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20})
	h := catalog.NewHandler(svc, catalog.HandlerOptions{RequireStaff: func(next echo.HandlerFunc) echo.HandlerFunc { return next }})
	e.Use(h.CityContext())
	h.Routes(e)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv, qc
}

// queriesFor fetches path as a London visitor and returns how many
// queries the page ran.
func queriesFor(t *testing.T, srv *httptest.Server, qc *queryCounter, path string) int64 {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	require.NoError(t, err)
	req.AddCookie(&http.Cookie{Name: "city", Value: "london"})
	before := qc.n.Load()
	res, body := roundTrip(t, req)
	require.Equal(t, http.StatusOK, res.StatusCode, path)
	require.Contains(t, body, "<span>London</span>", "the city middleware names the city in the header")
	return qc.n.Load() - before
}

func TestPublicPagesRunAConstantNumberOfQueries(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	srv, qc := countingServer(t, b)
	th := newTheater(t, b, "Riverside Picturehouse")
	screens := []catalog.Screen{newScreen(t, b, th.ID, "Screen 1"), newScreen(t, b, th.ID, "Screen 2")}
	m := newMovie(t, b, "The Lantern Keeper")
	newShow(t, b, m.ID, screens[0].ID, b.now.Add(time.Hour))
	pages := []string{"/", "/movies/" + m.Slug, "/theaters/" + th.Slug}
	small := map[string]int64{}
	for _, p := range pages {
		small[p] = queriesFor(t, srv, qc, p)
		require.Positive(t, small[p], "the counter sees %s's queries", p)
	}

	// Many more shows, theaters and movies.
	other := newTheater(t, b, "Camden Electric")
	screens = append(screens, newScreen(t, b, other.ID, "One"))
	movies := []catalog.Movie{m}
	for _, title := range []string{"Monsoon Letters", "The Brass Badger", "Frontera de Polvo"} {
		movies = append(movies, newMovie(t, b, title))
	}
	for i, sc := range screens {
		ids := []int64{sc.ID}
		_, err := b.svc.ScheduleShows(ctx, catalog.BulkShowInput{MovieID: movies[i%len(movies)].ID, ScreenIDs: ids,
			FirstDay: b.now, LastDay: b.now.AddDate(0, 0, 6), Times: []string{"13:00", "16:00", "19:00", "22:00"},
			Language: "English", Format: "2D"})
		require.NoError(t, err)
	}
	_, err := b.svc.ScheduleShows(ctx, catalog.BulkShowInput{MovieID: m.ID, ScreenIDs: []int64{screens[2].ID},
		FirstDay: b.now, LastDay: b.now.AddDate(0, 0, 6), Times: []string{"10:00"}, Language: "English", Format: "2D"})
	require.NoError(t, err)

	for _, p := range pages {
		require.Equal(t, small[p], queriesFor(t, srv, qc, p), "%s runs as many queries with 90 shows as with 1", p)
	}
	require.LessOrEqual(t, small["/movies/"+m.Slug], int64(6))
}
