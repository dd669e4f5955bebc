package booking

import (
	"context"
	"fmt"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// optionField is the form field of an item's option group: opt_<id>_<group index>.
func optionField(itemID int64, group int) string { return fmt.Sprintf("opt_%d_%d", itemID, group) }

// optionsFromForm reads the options chosen for item, by group; a group
// with nothing ticked is left out (the service then says what is missing).
func optionsFromForm(c echo.Context, item catalog.MenuItem) map[string][]string {
	if len(item.Modifiers) == 0 {
		return nil
	}
	_ = c.Request().ParseForm()
	out := map[string][]string{}
	for gi, g := range item.Modifiers {
		var picked []string
		for _, v := range c.Request().Form[optionField(item.ID, gi)] {
			if v != "" {
				picked = append(picked, v)
			}
		}
		if len(picked) > 0 {
			out[g.Name] = picked
		}
	}
	return out
}

// foodGroupViews are the option groups of item for the checkout form,
// ticked as on the first line of it already chosen, else with the first
// option of a pick-one group ticked.
func foodGroupViews(ctx context.Context, item catalog.MenuItem, lines []FoodLine, cur string) []views.FoodGroupView {
	var chosen []string
	if i := slices.IndexFunc(lines, func(l FoodLine) bool { return l.MenuItemID == item.ID }); i >= 0 {
		chosen = lines[i].Options
	}
	var out []views.FoodGroupView
	for gi, g := range item.Modifiers {
		gv := views.FoodGroupView{Legend: g.Name, Field: optionField(item.ID, gi), Multiple: g.Max > 1 || g.Min == 0}
		switch {
		case g.Min == 1 && g.Max == 1:
			gv.Hint = i18n.T(ctx, "Choose one")
		case g.Min == 0:
			gv.Hint = i18n.T(ctx, "Choose up to {{.N}}", "N", g.Max)
		default:
			gv.Hint = i18n.T(ctx, "Choose {{.Min}} to {{.Max}}", "Min", g.Min, "Max", g.Max)
		}
		any := false
		for _, o := range g.Options {
			ov := views.FoodModView{Label: o.Name, Value: o.Name, Checked: slices.Contains(chosen, g.ModifierLabel(o.Name))}
			if o.Price > 0 {
				ov.Price = "+" + i18n.Money(ctx, o.Price, cur)
			}
			any = any || ov.Checked
			gv.Options = append(gv.Options, ov)
		}
		if !any && !gv.Multiple && len(gv.Options) > 0 {
			gv.Options[0].Checked = true
		}
		out = append(out, gv)
	}
	return out
}

// menuPictureURL is where an item's picture is served, "" for none.
func menuPictureURL(m catalog.MenuItem) string {
	if m.PictureID == nil {
		return ""
	}
	return fmt.Sprintf("/media/images/%d", *m.PictureID)
}
