package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestDemoSeedingCreatesTheChainsAndTheirStaffLoginsAndRunsTwiceUnchanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	cat := catalog.NewService(pool, catalog.Options{})
	accounts := account.NewService(pool, account.Options{})
	_, err := demo.Load(ctx, cat, time.Now())
	require.NoError(t, err)

	for range 2 {
		require.NoError(t, demo.EnsureChains(ctx, pool))
		where, err := demo.Places(ctx, cat)
		require.NoError(t, err)
		require.NoError(t, accounts.EnsureDemoUsers(ctx))
		require.NoError(t, accounts.EnsureDemoStaff(ctx, where))
	}

	theaters, err := cat.Theaters(ctx, "")
	require.NoError(t, err)
	chains, err := cat.Chains(ctx)
	require.NoError(t, err)
	bySlug := map[string]catalog.Chain{}
	for _, c := range chains {
		bySlug[c.Slug] = c
	}
	require.Len(t, bySlug, 3, "Lumière, Apex and the independents")
	owner := map[string]string{}
	for _, th := range theaters {
		for _, c := range chains {
			if c.ID == th.ChainID {
				owner[th.Name] = c.Slug
			}
		}
	}
	require.Equal(t, "lumiere", owner["Marquee Riverside"])
	require.Equal(t, "apex", owner["Orion Cineplex Bandra"])
	require.Equal(t, "independent", owner["Lenox Picture House"], "New York stays independent")
	lumiere := bySlug["lumiere"]
	require.NotNil(t, lumiere.Policy.CancelWindow)
	require.Equal(t, 24*time.Hour, *lumiere.Policy.CancelWindow)
	require.NotNil(t, lumiere.Policy.BookingFee)
	require.NotEmpty(t, lumiere.TicketNote)
	require.Nil(t, bySlug["apex"].Policy.CancelWindow, "Apex keeps the site's window")

	// Every demo staff login signs in and holds exactly its one role.
	for _, d := range account.DemoStaff() {
		u, err := accounts.Login(ctx, d.User.Email, d.User.Password, "127.0.0.1")
		require.NoError(t, err, d.User.Email)
		sc, err := accounts.Scope(ctx, u.ID)
		require.NoError(t, err)
		require.False(t, sc.Platform, d.User.Email)
		require.Len(t, sc.Grants, 1, d.User.Email)
		require.Equal(t, d.Role, sc.Grants[0].Role)
		require.Equal(t, bySlug[d.Chain].ID, sc.Grants[0].ChainID)
	}
	staff, err := accounts.UserByEmail(ctx, "staff@marquee.test")
	require.NoError(t, err)
	sc, err := accounts.Scope(ctx, staff.ID)
	require.NoError(t, err)
	require.True(t, sc.Platform, "staff@marquee.test is Marquee's own staff")
}
