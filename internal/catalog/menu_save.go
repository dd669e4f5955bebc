package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// checkMenuItem validates an item before it is stored; the messages are
// English and the admin form shows them translated.
func checkMenuItem(m MenuItem) validate.Errors {
	var errs validate.Errors
	name := strings.TrimSpace(m.Name)
	errs.Check(name != "" && len([]rune(name)) <= 60, "name", i18n.Msg("Enter a name of up to 60 characters."))
	errs.Check(len([]rune(m.Description)) <= 200, "description", i18n.Msg("Keep the description to 200 characters."))
	errs.Check(slices.Contains(MenuCategories(), m.Category), "category", i18n.Msg("Choose a category."))
	errs.Check(m.Price >= 0 && m.Price <= 10_000_000, "price", i18n.Msg("Enter a price of 0 or more."))
	errs.Check(m.TaxBP >= 0 && m.TaxBP <= 10000, "tax", i18n.Msg("Enter a tax rate from 0 to 100%."))
	errs.Check(m.Stock == nil || *m.Stock >= 0, "stock", i18n.Msg("Enter a stock of 0 or more, or leave it empty for unlimited."))
	errs.Check(m.Sort >= 0 && m.Sort <= 999, "sort", i18n.Msg("Enter a position from 0 to 999."))
	seen := map[string]bool{}
	for _, sz := range m.Sizes {
		ok := strings.TrimSpace(sz.Name) != "" && len([]rune(sz.Name)) <= 20 && sz.Price >= 0 && !seen[sz.Name]
		errs.Check(ok, "sizes", i18n.Msg("Write each size as Name=price on its own line, with different names."))
		seen[sz.Name] = true
	}
	for _, d := range m.Dietary {
		errs.Check(slices.Contains(DietaryLabels(), d), "dietary", i18n.Msg("Choose dietary labels from the list."))
	}
	for _, a := range m.Allergens {
		errs.Check(a != "" && len([]rune(a)) <= 30, "allergens", i18n.Msg("Separate allergens with commas, each up to 30 characters."))
	}
	checkModifiers(m.Modifiers, &errs)
	return errs
}

func menuSizesJSON(sizes []MenuSize) json.RawMessage {
	if sizes == nil {
		sizes = []MenuSize{}
	}
	b, _ := json.Marshal(sizes)
	return b
}

func stockParam(n *int) *int32 {
	if n == nil {
		return nil
	}
	v := int32(*n)
	return &v
}

// SaveMenuItem adds m to its theater's menu (ID 0) or saves it. Errors:
// validate.Errors (also for a name the menu already has), ErrNotFound.
func (s *Service) SaveMenuItem(ctx context.Context, m MenuItem) (MenuItem, error) {
	m.Name = strings.TrimSpace(m.Name)
	if errs := checkMenuItem(m); len(errs) > 0 {
		return MenuItem{}, errs
	}
	var row catalogdb.CatalogMenuItem
	var err error
	if m.ID == 0 {
		row, err = s.q.MenuItemInsert(ctx, s.pool, catalogdb.MenuItemInsertParams{TheaterID: m.TheaterID, Name: m.Name,
			Description: m.Description, Category: string(m.Category), PriceMinor: m.Price, TaxBp: int32(m.TaxBP),
			Sizes: menuSizesJSON(m.Sizes), Allergens: nonNil(m.Allergens), Dietary: nonNil(m.Dietary), Available: m.Available,
			Stock: stockParam(m.Stock), SortOrder: int32(m.Sort), Modifiers: modifiersJSON(m.Modifiers)})
	} else {
		row, err = s.q.MenuItemUpdate(ctx, s.pool, catalogdb.MenuItemUpdateParams{ID: m.ID, Name: m.Name,
			Description: m.Description, Category: string(m.Category), PriceMinor: m.Price, TaxBp: int32(m.TaxBP),
			Sizes: menuSizesJSON(m.Sizes), Allergens: nonNil(m.Allergens), Dietary: nonNil(m.Dietary), Available: m.Available,
			Stock: stockParam(m.Stock), SortOrder: int32(m.Sort), Modifiers: modifiersJSON(m.Modifiers)})
	}
	if pg.IsUniqueViolation(err, "") {
		return MenuItem{}, validate.Errors{"name": i18n.Msg("The menu already has an item of that name.")}
	}
	if err != nil {
		return MenuItem{}, fmt.Errorf("save menu item %q: %w", m.Name, err)
	}
	return menuItemFromRow(row), nil
}

// SetMenuItemAvailable puts an item on sale or takes it off.
func (s *Service) SetMenuItemAvailable(ctx context.Context, id int64, available bool) error {
	if err := s.q.MenuItemSetAvailable(ctx, s.pool, catalogdb.MenuItemSetAvailableParams{ID: id, Available: available}); err != nil {
		return fmt.Errorf("set menu item %d available: %w", id, err)
	}
	return nil
}

// SetMenuItemStock sets what is left of an item (nil: unlimited).
// Errors: validate.Errors for a negative stock.
func (s *Service) SetMenuItemStock(ctx context.Context, id int64, stock *int) error {
	if stock != nil && *stock < 0 {
		return validate.Errors{"stock": i18n.Msg("Enter a stock of 0 or more, or leave it empty for unlimited.")}
	}
	if err := s.q.MenuItemSetStock(ctx, s.pool, catalogdb.MenuItemSetStockParams{ID: id, Stock: stockParam(stock)}); err != nil {
		return fmt.Errorf("set stock of menu item %d: %w", id, err)
	}
	return nil
}
