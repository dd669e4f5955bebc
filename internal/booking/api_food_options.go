package booking

import "github.com/marqueehq/marquee/internal/catalog"

// apiOptionGroup is an option group of a menu item: choose from min to
// max of its options (min 1, max 1: exactly one).
type apiOptionGroup struct {
	Name    string      `json:"name"`
	Min     int         `json:"min"`
	Max     int         `json:"max"`
	Options []apiOption `json:"options"`
}

// apiOption is one option; Price (minor units, before tax) is added to
// the item's unit price.
type apiOption struct {
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

func apiOptionGroups(m catalog.MenuItem) []apiOptionGroup {
	out := []apiOptionGroup{}
	for _, g := range m.Modifiers {
		ag := apiOptionGroup{Name: g.Name, Min: g.Min, Max: g.Max, Options: []apiOption{}}
		for _, o := range g.Options {
			ag.Options = append(ag.Options, apiOption{Name: o.Name, Price: o.Price})
		}
		out = append(out, ag)
	}
	return out
}
