package catalog_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

func childForm() url.Values {
	return url.Values{"name": {"Child"}, "code": {"child"}, "sort_order": {"1"}, "percent": {"60"},
		"fixed_premium": {"7.50"}, "days": {"6", "0"}, "daypart": {"matinee"}, "max_certification": {"PG"},
		"age_note": {"Under 15"}, "proof_required": {"1"}, "proof_note": {"Photo ID showing age"}, "active": {"1"}}
}

func TestAManagerOfAnotherTheaterGets404OnItsTicketTypes(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)

	res, _ := manager.Get(t, fmt.Sprintf("/admin/theaters/%d/ticket-types", s.a.ID))
	require.Equal(t, http.StatusOK, res.StatusCode, "their own theater")
	for _, path := range []string{
		fmt.Sprintf("/admin/theaters/%d/ticket-types", s.bTheater.ID),
		fmt.Sprintf("/admin/theaters/%d/ticket-types", s.a2.ID),
		fmt.Sprintf("/admin/chains/%d/ticket-types", s.alpha.ID),
	} {
		res, _ := manager.Get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
	res, _ = manager.Post(t, fmt.Sprintf("/admin/theaters/%d/ticket-types", s.bTheater.ID), childForm())
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	types, err := s.Catalog.TicketTypes(context.Background(), s.beta.ID, s.bTheater.ID)
	require.NoError(t, err)
	require.Empty(t, types, "nothing was added to the other theater")
}

func TestAManagerAddsEditsAndDeactivatesTheirTheatersTicketTypes(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	list := fmt.Sprintf("/admin/theaters/%d/ticket-types", s.a.ID)

	bad := childForm()
	bad.Set("code", "no spaces!")
	bad.Set("percent", "300")
	bad.Set("proof_note", "")
	bad.Set("fixed_premium", "lots")
	res, page := manager.Post(t, list, bad)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	page = html.UnescapeString(page)
	for _, want := range []string{"Enter a code of up to 20 capital letters", "Enter a percentage of the seat price from 0 to 200.",
		"Say what proof the door staff should ask for.", "Enter an amount like 1.50"} {
		require.Contains(t, page, want)
	}

	res, _ = manager.Post(t, list, childForm())
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	ctx := context.Background()
	types, err := s.Catalog.TicketTypes(ctx, s.alpha.ID, s.a.ID)
	require.NoError(t, err)
	require.Len(t, types, 1)
	child := types[0]
	require.Equal(t, "CHILD", child.Code)
	require.Equal(t, map[catalog.Category]int64{catalog.Premium: 750}, child.FixedPrices)
	require.Equal(t, catalog.Matinee, child.Daypart)
	require.Len(t, child.Days, 2)

	res, _ = manager.Post(t, list, childForm())
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "the code is taken in this list")

	_, page = manager.Get(t, list)
	page = html.UnescapeString(page)
	require.Contains(t, page, "60% of the seat price")
	require.Contains(t, page, "Films up to PG")

	edit := childForm()
	edit.Set("name", "Junior")
	res, _ = manager.Post(t, fmt.Sprintf("%s/%d", list, child.ID), edit)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = manager.Post(t, fmt.Sprintf("%s/%d/deactivate", list, child.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got, err := s.Catalog.TicketType(ctx, child.ID)
	require.NoError(t, err)
	require.Equal(t, "Junior", got.Name)
	require.False(t, got.Active)

	other, err := s.Catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: s.beta.ID, TheaterID: s.bTheater.ID, Code: "SENIOR",
		Name: "Senior", Percent: 70, Daypart: catalog.AnyTime, Active: true})
	require.NoError(t, err)
	res, _ = manager.Get(t, fmt.Sprintf("%s/%d/edit", list, other.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another theater's type is not found through this one")
}

func TestAChainAdminRunsTheChainsTicketTypesOnly(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	admin := staffAt(t, s.testBundle, "Cara", authz.ChainAdmin, s.alpha.ID, 0)
	res, _ := admin.Post(t, fmt.Sprintf("/admin/chains/%d/ticket-types", s.alpha.ID), childForm())
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = admin.Get(t, fmt.Sprintf("/admin/chains/%d/ticket-types", s.beta.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	_, page := admin.Get(t, fmt.Sprintf("/admin/theaters/%d/ticket-types", s.a2.ID))
	require.Contains(t, page, "sells its chain", "a theater without its own list says it sells the chain's")
	d, err := s.Catalog.ShowDetail(context.Background(), s.showA.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"CHILD"}, []string{d.TicketTypes[0].Code}, "the chain's types are in effect at its theaters")
}
