package authz_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/authz"
)

func TestAManagerRunsOnlyTheirTheater(t *testing.T) {
	t.Parallel()
	s := authz.Scope{Grants: []authz.Grant{{Role: authz.TheaterManager, ChainID: 1, TheaterID: 10}}}
	require.True(t, s.Can(authz.Manage, authz.Place{ChainID: 1, TheaterID: 10}))
	require.True(t, s.Can(authz.CheckIn, authz.Place{ChainID: 1, TheaterID: 10}))
	require.False(t, s.Can(authz.Manage, authz.Place{ChainID: 1, TheaterID: 11}), "another theater of the chain")
	require.False(t, s.Can(authz.RunChain, authz.Place{ChainID: 1}), "the chain's settings")
	require.Equal(t, authz.Filter{ChainIDs: []int64{}, TheaterIDs: []int64{10}}, s.Filter(authz.Manage))
	require.False(t, s.Filter(authz.Manage).Allows(authz.Place{ChainID: 1, TheaterID: 11}))
}

func TestAChainAdminRunsEveryTheaterOfTheChainAndNoOther(t *testing.T) {
	t.Parallel()
	s := authz.Scope{Grants: []authz.Grant{{Role: authz.ChainAdmin, ChainID: 1}}}
	require.True(t, s.Can(authz.RunChain, authz.Place{ChainID: 1}))
	require.True(t, s.Can(authz.Manage, authz.Place{ChainID: 1, TheaterID: 99}))
	require.False(t, s.Can(authz.CheckIn, authz.Place{ChainID: 2, TheaterID: 20}))
	require.True(t, s.Filter(authz.Sell).Allows(authz.Place{ChainID: 1, TheaterID: 12}))
}

func TestDoorStaffOnlyScanTickets(t *testing.T) {
	t.Parallel()
	s := authz.Scope{Grants: []authz.Grant{{Role: authz.Door, ChainID: 1}}}
	p := authz.Place{ChainID: 1, TheaterID: 10}
	require.True(t, s.Can(authz.CheckIn, p))
	require.False(t, s.Can(authz.Sell, p))
	require.True(t, s.IsStaff())
	require.False(t, s.CanAnywhere(authz.Manage))
	require.Empty(t, s.Filter(authz.Sell).ChainIDs)
}

func TestThePlatformMayDoEverythingAndCustomersNothing(t *testing.T) {
	t.Parallel()
	p := authz.Place{ChainID: 3, TheaterID: 30}
	require.True(t, authz.Scope{Platform: true}.Can(authz.RunChain, p))
	require.True(t, authz.Scope{Platform: true}.Filter(authz.Manage).All)
	require.False(t, authz.Scope{}.Can(authz.CheckIn, p))
	require.False(t, authz.Scope{}.IsStaff())
}

func TestRolesOutrankOnlyTheLessTrusted(t *testing.T) {
	t.Parallel()
	require.True(t, authz.ChainAdmin.Outranks(authz.TheaterManager))
	require.True(t, authz.TheaterManager.Outranks(authz.Door))
	require.False(t, authz.TheaterManager.Outranks(authz.TheaterManager))
	require.False(t, authz.Door.Outranks(authz.BoxOffice))
	require.False(t, authz.Role("owner").Valid())
}
