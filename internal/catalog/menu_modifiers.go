package catalog

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Limits of an item's option groups.
const (
	maxModifierGroups  = 6
	maxModifierOptions = 10
)

// MenuModifierGroup is a choice the buyer makes for a menu item, like
// "Flavour" (pick exactly one: Min 1, Max 1) or "Extras" (pick up to
// two: Min 0, Max 2).
type MenuModifierGroup struct {
	Name    string          `json:"name"`
	Min     int             `json:"min"`
	Max     int             `json:"max"`
	Options []MenuModOption `json:"options"`
}

// MenuModOption is one option of a group; Price (minor units, before
// tax) is added to the item's unit price when it is chosen.
type MenuModOption struct {
	Name  string `json:"name"`
	Price int64  `json:"price_minor"`
}

// ModifierLabel is how a chosen option is written on an order:
// "Flavour: Sweet" for a pick-one group, the option alone otherwise.
func (g MenuModifierGroup) ModifierLabel(option string) string {
	if g.Max == 1 {
		return g.Name + ": " + option
	}
	return option
}

// ChooseModifiers checks the options chosen for the item (by group
// name, the options' names) and returns their labels as sold and the sum
// of their prices. Errors: validate.Errors under "food" for a group with
// too few or too many options, or an option it does not have.
func (m MenuItem) ChooseModifiers(chosen map[string][]string) ([]string, int64, error) {
	var labels []string
	var extra int64
	for name := range chosen {
		if !m.hasModifierGroup(name) {
			return nil, 0, validate.Errors{"food": i18n.Msg("Choose options the item has.")}
		}
	}
	for _, g := range m.Modifiers {
		picked := chosen[g.Name]
		if len(picked) < g.Min || len(picked) > g.Max {
			return nil, 0, validate.Errors{"food": i18n.Msg("Pick the options each item asks for: one in a pick-one group, and no more than a group allows.")}
		}
		seen := map[string]bool{}
		for _, name := range picked {
			i := slices.IndexFunc(g.Options, func(o MenuModOption) bool { return o.Name == name })
			if i < 0 || seen[name] {
				return nil, 0, validate.Errors{"food": i18n.Msg("Choose options the item has.")}
			}
			seen[name] = true
		}
		// Labels follow the menu's order, so the same choice is the same line.
		for _, o := range g.Options {
			if seen[o.Name] {
				labels = append(labels, g.ModifierLabel(o.Name))
				extra += o.Price
			}
		}
	}
	return labels, extra, nil
}

func (m MenuItem) hasModifierGroup(name string) bool {
	for _, g := range m.Modifiers {
		if g.Name == name {
			return true
		}
	}
	return false
}

// checkModifiers validates an item's groups before they are stored.
func checkModifiers(groups []MenuModifierGroup, errs *validate.Errors) {
	msg := i18n.Msg("Write each option group as Name min-max: Option=price, Option on its own line (up to 6 groups of up to 10 options, different names).")
	if len(groups) > maxModifierGroups {
		errs.Add("modifiers", msg)
		return
	}
	names := map[string]bool{}
	for _, g := range groups {
		ok := strings.TrimSpace(g.Name) != "" && len([]rune(g.Name)) <= 30 && !names[g.Name] &&
			len(g.Options) > 0 && len(g.Options) <= maxModifierOptions && g.Min >= 0 && g.Max >= 1 && g.Min <= g.Max && g.Max <= len(g.Options)
		names[g.Name] = true
		opts := map[string]bool{}
		for _, o := range g.Options {
			ok = ok && strings.TrimSpace(o.Name) != "" && len([]rune(o.Name)) <= 30 && !opts[o.Name] && o.Price >= 0 && o.Price <= 1_000_000
			opts[o.Name] = true
		}
		if !ok {
			errs.Add("modifiers", msg)
			return
		}
	}
}

func modifiersJSON(groups []MenuModifierGroup) json.RawMessage {
	if groups == nil {
		groups = []MenuModifierGroup{}
	}
	b, _ := json.Marshal(groups)
	return b
}
