package catalog

import (
	"context"
	"slices"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// priceDayKinds and priceDayparts label the rule's conditions in ctx's
// language.
func priceDayKinds(ctx context.Context) []views.CatalogChoice {
	return []views.CatalogChoice{{Value: AnyDay, Label: i18n.T(ctx, "Any day")}, {Value: Weekday, Label: i18n.T(ctx, "Weekdays")},
		{Value: Weekend, Label: i18n.T(ctx, "Weekends")}}
}

func priceDayparts(ctx context.Context) []views.CatalogChoice {
	return []views.CatalogChoice{{Value: AnyTime, Label: i18n.T(ctx, "Any time")}, {Value: Matinee, Label: i18n.T(ctx, "Matinee (before 17:00)")},
		{Value: Evening, Label: i18n.T(ctx, "Evening")}}
}

// priceDaypartShort is a daypart's label in the rules table, without the
// matinee's hour.
func priceDaypartShort(ctx context.Context, v string) string {
	switch v {
	case AnyTime:
		return i18n.T(ctx, "Any time")
	case Matinee:
		return i18n.T(ctx, "Matinee")
	case Evening:
		return i18n.T(ctx, "Evening")
	}
	return v
}

func priceLabel(list []views.CatalogChoice, v string) string {
	if i := slices.IndexFunc(list, func(c views.CatalogChoice) bool { return c.Value == v }); i >= 0 {
		return list[i].Label
	}
	return v
}

// priceRulesProps is the price section of the theater page: the rules by
// category, day and time, the categories some screen has that are not
// priced for every show, and the form, in ctx's language.
func priceRulesProps(ctx context.Context, theaterID int64, currency string, rules []PriceRule, used []Category, v views.PriceFormValues, errs validate.Errors) views.PriceRulesProps {
	days, parts := priceDayKinds(ctx), priceDayparts(ctx)
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
		p.Categories = append(p.Categories, views.CatalogChoice{Value: string(c), Label: i18n.T(ctx, c.Label())})
		if slices.Contains(used, c) && !pricedAlways(rules, c) {
			p.Unpriced = append(p.Unpriced, i18n.T(ctx, c.Label()))
		}
	}
	for _, r := range rules {
		p.Rules = append(p.Rules, views.PriceRuleItem{
			ID: r.ID, Category: i18n.T(ctx, r.Category.Label()), DayKind: priceLabel(days, r.DayKind),
			Daypart: priceDaypartShort(ctx, r.Daypart), Amount: i18n.Money(ctx, r.Amount, currency),
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
