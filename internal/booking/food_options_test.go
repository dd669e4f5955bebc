package booking_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// popcornWithOptions gives the show's theater popcorn in two sizes with
// a flavour to pick (Sweet costs 0.30 more) and up to two extras.
func (b *testBundle) popcornWithOptions(t *testing.T) catalog.MenuItem {
	t.Helper()
	m, err := b.catalog.SaveMenuItem(context.Background(), catalog.MenuItem{TheaterID: b.show.TheaterID, Name: "Popcorn",
		Category: catalog.MenuPopcorn, Price: 450, TaxBP: 2000, Available: true,
		Sizes: []catalog.MenuSize{{Name: "Medium", Price: 450}, {Name: "Large", Price: 600}},
		Modifiers: []catalog.MenuModifierGroup{
			{Name: "Flavour", Min: 1, Max: 1, Options: []catalog.MenuModOption{{Name: "Salted"}, {Name: "Sweet", Price: 30}, {Name: "Mixed"}}},
			{Name: "Extras", Max: 2, Options: []catalog.MenuModOption{{Name: "Extra butter", Price: 50}, {Name: "Caramel drizzle", Price: 75},
				{Name: "Chilli salt", Price: 20}}},
		}})
	require.NoError(t, err)
	return m
}

func TestChosenOptionsArePricedWithTaxAndKeptWithTheOrder(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	popcorn := b.popcornWithOptions(t)
	bk, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"C1"})
	require.NoError(t, err)

	co, err := b.svc.SetFood(ctx, 1, bk.ID, []booking.FoodChoice{
		{MenuItemID: popcorn.ID, Variant: "Large", Qty: 1,
			Options: map[string][]string{"Flavour": {"Sweet"}, "Extras": {"Caramel drizzle", "Extra butter"}}},
		{MenuItemID: popcorn.ID, Variant: "Large", Qty: 2, Options: map[string][]string{"Flavour": {"Salted"}}},
	})
	require.NoError(t, err)
	// 6.00 + 0.30 + 0.50 + 0.75 = 7.55 a tub, and two plain salted at 6.00.
	require.Equal(t, int64(755+1200), co.Price.FoodSubtotal)
	require.Equal(t, int64(151+240), co.Price.FoodTax)

	lines, err := b.svc.BookingFood(ctx, bk.ID)
	require.NoError(t, err)
	require.Len(t, lines, 2, "other options make another line")
	require.Equal(t, "Popcorn (Large) — Flavour: Sweet, Extra butter, Caramel drizzle", lines[0].Title(), "options in menu order")
	require.Equal(t, []string{"Flavour: Salted"}, lines[1].Options)
	require.Equal(t, 2, lines[1].Qty)

	refused := map[string]map[string][]string{
		"no flavour":         {"Extras": {"Extra butter"}},
		"two flavours":       {"Flavour": {"Sweet", "Mixed"}},
		"three extras":       {"Flavour": {"Sweet"}, "Extras": {"Extra butter", "Caramel drizzle", "Chilli salt"}},
		"an unknown option":  {"Flavour": {"Bacon"}},
		"an unknown group":   {"Flavour": {"Sweet"}, "Sauce": {"Ketchup"}},
		"the same one twice": {"Flavour": {"Sweet"}, "Extras": {"Extra butter", "Extra butter"}},
	}
	for name, options := range refused {
		_, err := b.svc.SetFood(ctx, 1, bk.ID, []booking.FoodChoice{{MenuItemID: popcorn.ID, Variant: "Medium", Qty: 1, Options: options}})
		fields, ok := validate.Fields(err)
		require.True(t, ok, "%s: %v", name, err)
		require.NotEmpty(t, fields["food"], name)
	}
	lines, err = b.svc.BookingFood(ctx, bk.ID)
	require.NoError(t, err)
	require.Len(t, lines, 2, "a refused choice leaves the order as it was")
}

func TestAMenuItemsOptionGroupsAreValidated(t *testing.T) {
	t.Parallel()
	b := setup(t)
	bad := []catalog.MenuModifierGroup{{Name: "Flavour", Min: 2, Max: 1, Options: []catalog.MenuModOption{{Name: "Salted"}}}}
	_, err := b.catalog.SaveMenuItem(context.Background(), catalog.MenuItem{TheaterID: b.show.TheaterID, Name: "Popcorn",
		Category: catalog.MenuPopcorn, Price: 450, Modifiers: bad})
	fields, ok := validate.Fields(err)
	require.True(t, ok, "%v", err)
	require.NotEmpty(t, fields["modifiers"])
}
