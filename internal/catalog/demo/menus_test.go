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

func TestEveryDemoTheaterGetsAMenuInItsCurrencyAndSeedingTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	cat := catalog.NewService(pool, catalog.Options{})
	_, err := demo.Load(ctx, cat, time.Now())
	require.NoError(t, err)
	for range 2 {
		require.NoError(t, demo.EnsureMenus(ctx, pool))
	}
	theaters, err := cat.Theaters(ctx, "")
	require.NoError(t, err)
	require.NotEmpty(t, theaters)
	for _, th := range theaters {
		menu, err := cat.TheaterMenu(ctx, th.ID)
		require.NoError(t, err)
		names := map[string]catalog.MenuItem{}
		for _, m := range menu {
			names[m.Name] = m
		}
		require.Contains(t, names, "Popcorn", th.Name)
		require.Len(t, names["Popcorn"].Sizes, 3)
		require.Contains(t, names, "Movie combo")
		_, samosa := names["Samosa (2 pcs)"]
		require.Equal(t, th.CitySlug == "mumbai", samosa, th.Name)
		if th.CitySlug == "mumbai" {
			require.Equal(t, int64(525*50), names["Nachos"].Price, "nachos cost 262.50 rupees")
		}
	}
}

func TestDemoPopcornAndDrinksGetOptionsButStaffEditsAreKept(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	cat := catalog.NewService(pool, catalog.Options{})
	_, err := demo.Load(ctx, cat, time.Now())
	require.NoError(t, err)
	require.NoError(t, demo.EnsureMenus(ctx, pool))
	theaters, err := cat.Theaters(ctx, "")
	require.NoError(t, err)
	menu, err := cat.TheaterMenu(ctx, theaters[0].ID)
	require.NoError(t, err)
	byName := map[string]catalog.MenuItem{}
	for _, m := range menu {
		byName[m.Name] = m
	}
	require.Equal(t, "Flavour", byName["Popcorn"].Modifiers[0].Name)
	require.Equal(t, "Drink", byName["Soft drink"].Modifiers[0].Name)

	drink := byName["Soft drink"]
	drink.Modifiers = nil
	_, err = cat.SaveMenuItem(ctx, drink)
	require.NoError(t, err)
	require.NoError(t, demo.EnsureMenus(ctx, pool))
	got, err := cat.MenuItem(ctx, drink.ID)
	require.NoError(t, err)
	require.Empty(t, got.Modifiers, "staff took the options off; seeding again keeps that")
}
