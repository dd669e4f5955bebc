package catalog_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// queryCounter counts the statements a pool sends.
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	q.n.Add(1)
	return ctx
}

func (q *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// countingSetup is setup over a pool that counts the statements it sends.
func countingSetup(t *testing.T) (*testBundle, *queryCounter) {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(pgtest.New(t).Config().ConnString())
	require.NoError(t, err)
	qc := &queryCounter{}
	cfg.ConnConfig.Tracer = qc
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return setup(t, setupOpts{pool: pool}), qc
}

// queriesFor fetches path as a London visitor and returns how many
// queries the page ran.
func queriesFor(t *testing.T, b *testBundle, qc *queryCounter, path string) int64 {
	t.Helper()
	before := qc.n.Load()
	res, body := b.get(t, path, cityCookie("london")...)
	require.Equal(t, http.StatusOK, res.StatusCode, path)
	require.Contains(t, body, `<span class="city-pill__name">London</span>`, "the city middleware names the city in the header")
	return qc.n.Load() - before
}

func TestPublicPagesRunAConstantNumberOfQueries(t *testing.T) {
	t.Parallel()
	b, qc := countingSetup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Riverside Picturehouse")
	screens := []catalog.Screen{newScreen(t, b, th.ID, "Screen 1"), newScreen(t, b, th.ID, "Screen 2")}
	m := newMovie(t, b, "The Lantern Keeper")
	newShow(t, b, m.ID, screens[0].ID, b.now.Add(time.Hour))
	pages := []string{"/", "/movies/" + m.Slug, "/theaters/" + th.Slug}
	small := map[string]int64{}
	for _, p := range pages {
		small[p] = queriesFor(t, b, qc, p)
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
		_, err := b.Catalog.ScheduleShows(ctx, catalog.BulkShowInput{MovieID: movies[i%len(movies)].ID, ScreenIDs: ids,
			FirstDay: b.now, LastDay: b.now.AddDate(0, 0, 6), Times: []string{"13:00", "16:00", "19:00", "22:00"},
			Language: "English", Format: "2D"})
		require.NoError(t, err)
	}
	_, err := b.Catalog.ScheduleShows(ctx, catalog.BulkShowInput{MovieID: m.ID, ScreenIDs: []int64{screens[2].ID},
		FirstDay: b.now, LastDay: b.now.AddDate(0, 0, 6), Times: []string{"10:00"}, Language: "English", Format: "2D"})
	require.NoError(t, err)

	for _, p := range pages {
		require.Equal(t, small[p], queriesFor(t, b, qc, p), "%s runs as many queries with 90 shows as with 1", p)
	}
	require.LessOrEqual(t, small["/movies/"+m.Slug], int64(6))
}
