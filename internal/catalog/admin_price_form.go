package catalog

import (
	"slices"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// priceDayKinds and priceDayparts label the rule's conditions.
func priceDayKinds() []views.CatalogChoice {
	return []views.CatalogChoice{{Value: AnyDay, Label: "Any day"}, {Value: Weekday, Label: "Weekdays"}, {Value: Weekend, Label: "Weekends"}}
}

func priceDayparts() []views.CatalogChoice {
	return []views.CatalogChoice{{Value: AnyTime, Label: "Any time"}, {Value: Matinee, Label: "Matinee (before 17:00)"}, {Value: Evening, Label: "Evening"}}
}

func priceLabel(list []views.CatalogChoice, v string) string {
	if i := slices.IndexFunc(list, func(c views.CatalogChoice) bool { return c.Value == v }); i >= 0 {
		return list[i].Label
	}
	return v
}

// priceRulesProps is the price section of the theater page: the rules by
// category, day and time, the categories some screen has that are not
// priced for every show, and the form.
func priceRulesProps(theaterID int64, currency string, rules []PriceRule, used []Category, v views.PriceFormValues, errs validate.Errors) views.PriceRulesProps {
	days, parts := priceDayKinds(), priceDayparts()
	order := func(list []views.CatalogChoice, v string) int {
		return slices.IndexFunc(list, func(c views.CatalogChoice) bool { return c.Value == v })
	}
	rules = slices.Clone(rules)
	slices.SortFunc(rules, func(a, b PriceRule) int {
		if d := slices.Index(Categories(), a.Category) - slices.Index(Categories(), b.Category); d != 0 {
			return d
		}
		if d := order(days, a.DayKind) - order(days, b.DayKind); d != 0 {
			return d
		}
		return order(parts, a.Daypart) - order(parts, b.Daypart)
	})
	p := views.PriceRulesProps{TheaterID: theaterID, Currency: currency, Values: v, Errors: errs, DayKinds: days, Dayparts: parts}
	for _, c := range Categories() {
		p.Categories = append(p.Categories, views.CatalogChoice{Value: string(c), Label: c.Label()})
		if slices.Contains(used, c) && !pricedAlways(rules, c) {
			p.Unpriced = append(p.Unpriced, c.Label())
		}
	}
	for _, r := range rules {
		p.Rules = append(p.Rules, views.PriceRuleItem{
			ID: r.ID, Category: r.Category.Label(), DayKind: priceLabel(days, r.DayKind),
			Daypart: strings.TrimSuffix(priceLabel(parts, r.Daypart), " (before 17:00)"), Amount: money.Format(r.Amount, currency),
		})
	}
	return p
}

// pricedAlways reports whether some rule prices category c for a show on
// any day at any time, as priceFor would look it up.
func pricedAlways(rules []PriceRule, c Category) bool {
	for _, day := range []string{Weekday, Weekend} {
		for _, part := range []string{Matinee, Evening} {
			if !slices.ContainsFunc(rules, func(r PriceRule) bool {
				return r.Category == c && (r.DayKind == AnyDay || r.DayKind == day) && (r.Daypart == AnyTime || r.Daypart == part)
			}) {
				return false
			}
		}
	}
	return true
}
