package catalog_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/authz"
)

func popcornForm() url.Values {
	return url.Values{"name": {"Popcorn"}, "category": {"popcorn"}, "price": {"4.00"}, "tax": {"20"},
		"sizes": {"Small=3.50\nLarge=6.00"}, "allergens": {"milk"}, "dietary": {"vegetarian"}, "stock": {"30"}, "available": {"1"}}
}

func TestAManagerOfAnotherTheaterGets404OnItsMenu(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)

	res, _ := manager.Get(t, fmt.Sprintf("/admin/theaters/%d/menu", s.a.ID))
	require.Equal(t, http.StatusOK, res.StatusCode, "their own theater")
	res, _ = manager.Get(t, fmt.Sprintf("/admin/theaters/%d/menu", s.bTheater.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = manager.Post(t, fmt.Sprintf("/admin/theaters/%d/menu", s.bTheater.ID), popcornForm())
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	items, err := s.Catalog.TheaterMenu(context.Background(), s.bTheater.ID)
	require.NoError(t, err)
	require.Empty(t, items, "nothing was added to the other theater's menu")
}

func TestAManagerAddsAMenuItemSetsItsStockAndTakesItOff(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	list := fmt.Sprintf("/admin/theaters/%d/menu", s.a.ID)

	bad := popcornForm()
	bad.Set("name", "")
	bad.Set("price", "lots")
	bad.Set("tax", "150")
	bad.Set("sizes", "Large")
	res, page := manager.Post(t, list, bad)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	page = html.UnescapeString(page)
	for _, want := range []string{"Enter a name of up to 60 characters.", "Enter a tax rate from 0 to 100%.",
		"Write each size as Name=price on its own line"} {
		require.Contains(t, page, want)
	}

	res, _ = manager.Post(t, list, popcornForm())
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	ctx := context.Background()
	items, err := s.Catalog.TheaterMenu(ctx, s.a.ID)
	require.NoError(t, err)
	require.Len(t, items, 1)
	pop := items[0]
	require.Equal(t, 2000, pop.TaxBP)
	require.Len(t, pop.Sizes, 2)
	require.Equal(t, int64(600), pop.Sizes[1].Price)
	require.Equal(t, 30, *pop.Stock)

	res, _ = manager.Post(t, fmt.Sprintf("%s/%d/stock", list, pop.ID), url.Values{"stock": {"-3"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	res, _ = manager.Post(t, fmt.Sprintf("%s/%d/stock", list, pop.ID), url.Values{"stock": {"0"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = manager.Post(t, fmt.Sprintf("%s/%d/availability", list, pop.ID), url.Values{"available": {"0"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got, err := s.Catalog.MenuItem(ctx, pop.ID)
	require.NoError(t, err)
	require.Equal(t, 0, *got.Stock)
	require.False(t, got.Available)
	require.False(t, got.OnSale())
}
