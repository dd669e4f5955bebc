package demo

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// menuItem is a demo menu item; prices are in minor units of the
// theater's currency, before tax.
type menuItem struct {
	Name, Description string
	Category          catalog.MenuCategory
	Price             int64
	TaxBP             int
	Sizes             []catalog.MenuSize
	Allergens         []string
	Dietary           []string
	Modifiers         []catalog.MenuModifierGroup
}

// menuFor is the demo menu of a theater in currency: popcorn in three
// sizes, nachos, soft drinks and a combo everywhere, priced for the
// place, and samosas in Mumbai (INR).
func menuFor(currency string) []menuItem {
	// k scales a price in pence to the currency's minor units.
	k, tax := int64(1), 2000 // GBP, 20% VAT
	switch currency {
	case "INR":
		k, tax = 50, 500 // 5% GST
	case "USD":
		k, tax = 1, 888
	case "AUD":
		k, tax = 2, 1000 // 10% GST
	}
	sizes := func(s, m, l int64) []catalog.MenuSize {
		return []catalog.MenuSize{{Name: "Small", Price: s * k}, {Name: "Medium", Price: m * k}, {Name: "Large", Price: l * k}}
	}
	out := []menuItem{
		{Name: "Popcorn", Description: "Salted or sweet, popped fresh.", Category: catalog.MenuPopcorn, Price: 450 * k, TaxBP: tax,
			Sizes: sizes(375, 450, 575), Allergens: []string{"milk"}, Dietary: []string{"vegetarian", "gluten_free"},
			Modifiers: []catalog.MenuModifierGroup{
				{Name: "Flavour", Min: 1, Max: 1, Options: []catalog.MenuModOption{{Name: "Salted"}, {Name: "Sweet"}, {Name: "Mixed"}}},
				{Name: "Extras", Max: 2, Options: []catalog.MenuModOption{{Name: "Extra butter", Price: 50 * k}, {Name: "Caramel drizzle", Price: 75 * k}}}}},
		{Name: "Nachos", Description: "Tortilla chips with cheese sauce and salsa.", Category: catalog.MenuSnacks, Price: 525 * k, TaxBP: tax,
			Allergens: []string{"milk"}, Dietary: []string{"vegetarian"}},
		{Name: "Soft drink", Description: "Cola, diet cola or lemonade.", Category: catalog.MenuDrinks, Price: 325 * k, TaxBP: tax,
			Sizes: sizes(275, 325, 395), Dietary: []string{"vegan", "gluten_free"},
			Modifiers: []catalog.MenuModifierGroup{{Name: "Drink", Min: 1, Max: 1,
				Options: []catalog.MenuModOption{{Name: "Cola"}, {Name: "Diet cola"}, {Name: "Lemonade"}}}}},
		{Name: "Bottled water", Category: catalog.MenuDrinks, Price: 200 * k, TaxBP: tax, Dietary: []string{"vegan", "gluten_free"}},
		{Name: "Movie combo", Description: "Large popcorn and two medium soft drinks.", Category: catalog.MenuCombos, Price: 1150 * k,
			TaxBP: tax, Allergens: []string{"milk"}, Dietary: []string{"vegetarian"}},
	}
	if currency == "INR" {
		out = append(out, menuItem{Name: "Samosa (2 pcs)", Description: "Spiced potato and peas, with chutney.",
			Category: catalog.MenuHotFood, Price: 160 * k, TaxBP: tax, Allergens: []string{"gluten"}, Dietary: []string{"vegetarian"}})
	}
	return out
}

// EnsureMenus gives every theater the demo menu items it lacks, priced in
// its city's currency, with their option groups (popcorn flavour, drink).
// It is safe to run on every start: an item already there (by name)
// keeps what staff made of it, and gains the demo's groups only when it
// has none and staff never edited it.
func EnsureMenus(ctx context.Context, pool *pgxpool.Pool) error {
	return pg.InTx(ctx, pool, func(ctx context.Context, tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT t.id, c.currency FROM catalog.theaters t JOIN catalog.cities c ON c.slug = t.city_slug`)
		if err != nil {
			return fmt.Errorf("theaters for demo menus: %w", err)
		}
		type theater struct {
			id       int64
			currency string
		}
		var theaters []theater
		for rows.Next() {
			var t theater
			if err := rows.Scan(&t.id, &t.currency); err != nil {
				return fmt.Errorf("read theater: %w", err)
			}
			theaters = append(theaters, t)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("theaters for demo menus: %w", err)
		}
		for _, t := range theaters {
			for i, m := range menuFor(t.currency) {
				sizes, _ := json.Marshal(append([]catalog.MenuSize{}, m.Sizes...))
				mods, _ := json.Marshal(append([]catalog.MenuModifierGroup{}, m.Modifiers...))
				if _, err := tx.Exec(ctx, `INSERT INTO catalog.menu_items (theater_id, name, description, category, price_minor,
					tax_bp, sizes, allergens, dietary, sort_order, modifiers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
					ON CONFLICT (theater_id, lower(name)) DO UPDATE SET modifiers = EXCLUDED.modifiers
					WHERE catalog.menu_items.modifiers = '[]' AND catalog.menu_items.updated_at = catalog.menu_items.created_at`,
					t.id, m.Name, m.Description, string(m.Category), m.Price, m.TaxBP, sizes, nonNil(m.Allergens), nonNil(m.Dietary), i, mods); err != nil {
					return fmt.Errorf("demo menu item %s at theater %d: %w", m.Name, t.id, err)
				}
			}
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
