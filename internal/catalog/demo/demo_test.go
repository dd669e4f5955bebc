package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestDemoLoadsARealisticCatalogue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	svc := catalog.NewService(pool, catalog.Options{})
	now := time.Now()

	seeded, err := demo.Seeded(ctx, svc)
	require.NoError(t, err)
	require.False(t, seeded)
	shows, err := demo.Load(ctx, svc, now)
	require.NoError(t, err)
	seeded, err = demo.Seeded(ctx, svc)
	require.NoError(t, err)
	require.True(t, seeded)

	var movies, cities, theaters, screens, imax, distinctDays int
	require.NoError(t, pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM catalog.movies), (SELECT count(*) FROM catalog.cities),
		(SELECT count(*) FROM catalog.theaters), (SELECT count(*) FROM catalog.screens),
		(SELECT count(*) FROM catalog.screens WHERE 'IMAX' = ANY(formats) AND seat_count >= 280),
		(SELECT count(DISTINCT (starts_at AT TIME ZONE 'UTC')::date) FROM catalog.shows)`).
		Scan(&movies, &cities, &theaters, &screens, &imax, &distinctDays))
	require.GreaterOrEqual(t, movies, 40)
	require.Equal(t, 4, cities)
	require.GreaterOrEqual(t, theaters, 12)
	require.GreaterOrEqual(t, screens, 40)
	require.GreaterOrEqual(t, imax, 1, "a 300-seat IMAX")
	require.GreaterOrEqual(t, distinctDays, demo.Days)
	require.Greater(t, shows, 2000)
	t.Logf("demo: %d movies, %d theaters, %d screens, %d shows", movies, theaters, screens, shows)

	// Every city has something on today or tomorrow.
	for _, city := range []string{"mumbai", "london", "new-york", "sydney"} {
		cards, err := svc.NowShowing(ctx, city)
		require.NoError(t, err)
		require.NotEmpty(t, cards, city)
	}
}
