package catalog

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// menuForm is the add/edit form of a menu item as posted.
type menuForm struct {
	in     MenuItem
	values views.MenuItemValues
	errs   validate.Errors
}

// parseMenuForm reads the menu item form; problems go to errs.
func parseMenuForm(c echo.Context) menuForm {
	v := views.MenuItemValues{Name: c.FormValue("name"), Description: strings.TrimSpace(c.FormValue("description")),
		Category: c.FormValue("category"), Price: strings.TrimSpace(c.FormValue("price")), Tax: strings.TrimSpace(c.FormValue("tax")),
		Sizes: c.FormValue("sizes"), Modifiers: c.FormValue("modifiers"), Allergens: c.FormValue("allergens"), Stock: strings.TrimSpace(c.FormValue("stock")),
		Sort: strings.TrimSpace(c.FormValue("sort")), Available: c.FormValue("available") == "1", Dietary: map[string]bool{}}
	f := menuForm{values: v, in: MenuItem{Name: v.Name, Description: v.Description, Category: MenuCategory(v.Category), Available: v.Available}}
	if p := parseAmount(v.Price, "price", &f.errs); p != nil {
		f.in.Price = *p
	} else {
		f.errs.Add("price", i18n.Msg("Enter a price like 4.50."))
	}
	if v.Tax != "" {
		pct, err := strconv.ParseFloat(v.Tax, 64)
		if err != nil || pct < 0 || pct > 100 {
			f.errs.Add("tax", i18n.Msg("Enter a tax rate from 0 to 100%."))
		}
		f.in.TaxBP = int(pct*100 + 0.5)
	}
	if v.Stock != "" {
		n, err := strconv.Atoi(v.Stock)
		if err != nil || n < 0 {
			f.errs.Add("stock", i18n.Msg("Enter a stock of 0 or more, or leave it empty for unlimited."))
		}
		f.in.Stock = &n
	}
	if v.Sort != "" {
		n, err := strconv.Atoi(v.Sort)
		if err != nil {
			f.errs.Add("sort", i18n.Msg("Enter a position from 0 to 999."))
		}
		f.in.Sort = n
	}
	for _, line := range strings.Split(v.Sizes, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, amount, ok := strings.Cut(line, "=")
		var sizeErrs validate.Errors
		p := parseAmount(strings.TrimSpace(amount), "sizes", &sizeErrs)
		if !ok || p == nil || len(sizeErrs) > 0 {
			f.errs.Add("sizes", i18n.Msg("Write each size as Name=price on its own line, with different names."))
			continue
		}
		f.in.Sizes = append(f.in.Sizes, MenuSize{Name: strings.TrimSpace(name), Price: *p})
	}
	f.in.Modifiers = parseModifierLines(v.Modifiers, &f.errs)
	for _, a := range strings.Split(v.Allergens, ",") {
		if a = strings.TrimSpace(a); a != "" {
			f.in.Allergens = append(f.in.Allergens, a)
		}
	}
	for _, d := range c.Request().Form["dietary"] {
		f.in.Dietary = append(f.in.Dietary, d)
		f.values.Dietary[d] = true
	}
	for k, msg := range checkMenuItem(f.in) {
		if _, seen := f.errs[k]; !seen {
			f.errs.Add(k, msg)
		}
	}
	return f
}

// menuItemValues is a stored item as the form shows it.
func menuItemValues(m MenuItem) views.MenuItemValues {
	v := views.MenuItemValues{Name: m.Name, Description: m.Description, Category: string(m.Category), Price: formatAmount(&m.Price),
		Tax: strconv.FormatFloat(float64(m.TaxBP)/100, 'f', -1, 64), Allergens: strings.Join(m.Allergens, ", "),
		Sort: strconv.Itoa(m.Sort), Available: m.Available, Dietary: map[string]bool{}, Modifiers: modifierLines(m.Modifiers)}
	for _, sz := range m.Sizes {
		v.Sizes += fmt.Sprintf("%s=%s\n", sz.Name, formatAmount(&sz.Price))
	}
	if m.Stock != nil {
		v.Stock = strconv.Itoa(*m.Stock)
	}
	for _, d := range m.Dietary {
		v.Dietary[d] = true
	}
	return v
}

// MenuCategoryName is a menu category in ctx's language.
func MenuCategoryName(ctx context.Context, c MenuCategory) string {
	switch c {
	case MenuPopcorn:
		return i18n.T(ctx, "Popcorn")
	case MenuDrinks:
		return i18n.T(ctx, "Drinks")
	case MenuSnacks:
		return i18n.T(ctx, "Snacks")
	case MenuCombos:
		return i18n.T(ctx, "Combos")
	case MenuSweets:
		return i18n.T(ctx, "Sweets")
	case MenuHotFood:
		return i18n.T(ctx, "Hot food")
	}
	return string(c)
}

// DietaryName is a dietary label in ctx's language.
func DietaryName(ctx context.Context, d string) string {
	switch d {
	case "vegetarian":
		return i18n.T(ctx, "Vegetarian")
	case "vegan":
		return i18n.T(ctx, "Vegan")
	case "gluten_free":
		return i18n.T(ctx, "Gluten free")
	case "halal":
		return i18n.T(ctx, "Halal")
	}
	return d
}

// menuFormProps is the add or edit form of the menu page.
func menuFormProps(ctx context.Context, action string, editing bool, v views.MenuItemValues, errs validate.Errors) views.MenuItemFormProps {
	f := views.MenuItemFormProps{Action: action, Editing: editing, Values: v, Errors: errs}
	for _, c := range MenuCategories() {
		f.Categories = append(f.Categories, views.Option{Value: string(c), Label: MenuCategoryName(ctx, c)})
	}
	for _, d := range DietaryLabels() {
		f.Dietary = append(f.Dietary, views.Option{Value: d, Label: DietaryName(ctx, d)})
	}
	return f
}
