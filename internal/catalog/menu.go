package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// ErrSoldOut: a menu item has less stock left than was asked for.
var ErrSoldOut = errors.New("that item has sold out")

// MenuCategory groups a theater's menu (popcorn, drinks, ...).
type MenuCategory string

// Menu categories, in the order a menu lists them.
const (
	MenuPopcorn MenuCategory = "popcorn"
	MenuDrinks  MenuCategory = "drinks"
	MenuSnacks  MenuCategory = "snacks"
	MenuCombos  MenuCategory = "combos"
	MenuSweets  MenuCategory = "sweets"
	MenuHotFood MenuCategory = "hot_food"
)

// MenuCategories lists every menu category in menu order.
func MenuCategories() []MenuCategory {
	return []MenuCategory{MenuCombos, MenuPopcorn, MenuDrinks, MenuSnacks, MenuHotFood, MenuSweets}
}

// Dietary labels a menu item may carry.
func DietaryLabels() []string { return []string{"vegetarian", "vegan", "gluten_free", "halal"} }

// MenuSize is one size or variant of a menu item at its own price (minor
// units, before tax).
type MenuSize struct {
	Name  string `json:"name"`
	Price int64  `json:"price_minor"`
}

// MenuItem is something a theater sells to eat or drink. Prices are in
// the theater's currency, before tax (TaxBP basis points on top).
type MenuItem struct {
	ID          int64
	TheaterID   int64
	Name        string
	Description string
	Category    MenuCategory
	Price       int64
	TaxBP       int
	// Sizes are the variants; empty sells one size at Price.
	Sizes     []MenuSize
	Allergens []string
	Dietary   []string
	Available bool
	// Stock is what is left, nil for unlimited.
	Stock *int
	Sort  int
	// Modifiers are the choices the buyer makes (flavour, extras).
	Modifiers []MenuModifierGroup
	// PictureID is the uploaded picture's image, nil for none.
	PictureID *int64
}

// PriceOf returns the unit price of variant ("" when the item has no
// sizes) and whether the item is sold in it.
func (m MenuItem) PriceOf(variant string) (int64, bool) {
	if len(m.Sizes) == 0 {
		return m.Price, variant == ""
	}
	i := slices.IndexFunc(m.Sizes, func(s MenuSize) bool { return s.Name == variant })
	if i < 0 {
		return 0, false
	}
	return m.Sizes[i].Price, true
}

// OnSale reports whether the item can be bought: available and not sold out.
func (m MenuItem) OnSale() bool { return m.Available && (m.Stock == nil || *m.Stock > 0) }

func menuItemFromRow(r catalogdb.CatalogMenuItem) MenuItem {
	m := MenuItem{ID: r.ID, TheaterID: r.TheaterID, Name: r.Name, Description: r.Description, Category: MenuCategory(r.Category),
		Price: r.PriceMinor, TaxBP: int(r.TaxBp), Allergens: r.Allergens, Dietary: r.Dietary, Available: r.Available, Sort: int(r.SortOrder)}
	_ = json.Unmarshal(r.Sizes, &m.Sizes)
	_ = json.Unmarshal(r.Modifiers, &m.Modifiers)
	m.PictureID = r.PictureImageID
	if r.Stock != nil {
		n := int(*r.Stock)
		m.Stock = &n
	}
	return m
}

// TheaterMenu returns a theater's whole menu, unavailable items too, in
// menu order.
func (s *Service) TheaterMenu(ctx context.Context, theaterID int64) ([]MenuItem, error) {
	return s.theaterMenu(ctx, s.pool, theaterID)
}

// TheaterMenuTx reads a theater's menu inside the caller's transaction.
func (s *Service) TheaterMenuTx(ctx context.Context, tx pgx.Tx, theaterID int64) ([]MenuItem, error) {
	return s.theaterMenu(ctx, tx, theaterID)
}

func (s *Service) theaterMenu(ctx context.Context, db catalogdb.DBTX, theaterID int64) ([]MenuItem, error) {
	rows, err := s.q.MenuItemListForTheater(ctx, db, theaterID)
	if err != nil {
		return nil, fmt.Errorf("menu of theater %d: %w", theaterID, err)
	}
	out := make([]MenuItem, len(rows))
	for i, r := range rows {
		out[i] = menuItemFromRow(r)
	}
	slices.SortStableFunc(out, func(a, b MenuItem) int {
		return slices.Index(MenuCategories(), a.Category) - slices.Index(MenuCategories(), b.Category)
	})
	return out, nil
}

// MenuItem returns one menu item. Errors: ErrNotFound.
func (s *Service) MenuItem(ctx context.Context, id int64) (MenuItem, error) {
	r, err := s.q.MenuItemGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return MenuItem{}, fmt.Errorf("menu item %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return MenuItem{}, fmt.Errorf("get menu item %d: %w", id, err)
	}
	return menuItemFromRow(r), nil
}

// MenuStockTx changes the stock of a menu item inside the caller's
// transaction: a negative delta takes stock (only if that much is left,
// so stock never goes below zero), a positive one gives it back.
// Unlimited items are untouched. Errors: ErrSoldOut.
func (s *Service) MenuStockTx(ctx context.Context, tx pgx.Tx, itemID int64, delta int) error {
	if delta >= 0 {
		if err := s.q.MenuItemReturnStock(ctx, tx, catalogdb.MenuItemReturnStockParams{ID: itemID, Qty: int32(delta)}); err != nil {
			return fmt.Errorf("return stock of menu item %d: %w", itemID, err)
		}
		return nil
	}
	n, err := s.q.MenuItemTakeStock(ctx, tx, catalogdb.MenuItemTakeStockParams{ID: itemID, Qty: int32(-delta)})
	if err != nil {
		return fmt.Errorf("take stock of menu item %d: %w", itemID, err)
	}
	if n == 0 {
		return fmt.Errorf("menu item %d: %w", itemID, ErrSoldOut)
	}
	return nil
}
