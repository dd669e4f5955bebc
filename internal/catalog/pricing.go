package catalog

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Day kinds and dayparts a price rule can be limited to.
const (
	AnyDay   = "any"
	Weekday  = "weekday"
	Weekend  = "weekend"
	AnyTime  = "any"
	Matinee  = "matinee" // starts before 17:00 local time
	Evening  = "evening"
	matineeH = 17
)

// PriceRule prices one seat category at a theater, optionally only on
// weekdays or weekends and only for matinee or evening shows.
type PriceRule struct {
	ID        int64
	TheaterID int64
	Category  Category
	DayKind   string
	Daypart   string
	Amount    int64 // minor units of the city's currency
}

// PriceRules lists a theater's price rules.
func (s *Service) PriceRules(ctx context.Context, theaterID int64) ([]PriceRule, error) {
	rows, err := s.q.PriceRuleListForTheater(ctx, s.pool, theaterID)
	if err != nil {
		return nil, fmt.Errorf("price rules of theater %d: %w", theaterID, err)
	}
	out := make([]PriceRule, len(rows))
	for i, r := range rows {
		out[i] = PriceRule{ID: r.ID, TheaterID: r.TheaterID, Category: Category(r.Category),
			DayKind: r.DayKind, Daypart: r.Daypart, Amount: r.AmountMinor}
	}
	return out, nil
}

// SetPriceRule creates the rule or replaces the amount of the rule with the
// same theater, category, day kind and daypart. Errors: ErrInvalid, ErrNotFound.
func (s *Service) SetPriceRule(ctx context.Context, r PriceRule) error {
	var e validate.Errors
	e.Check(slices.Contains(Categories(), r.Category), "category", i18n.Msg("Choose a seat category."))
	e.Check(r.DayKind == AnyDay || r.DayKind == Weekday || r.DayKind == Weekend, "day_kind", i18n.Msg("Choose any day, weekdays or weekends."))
	e.Check(r.Daypart == AnyTime || r.Daypart == Matinee || r.Daypart == Evening, "daypart", i18n.Msg("Choose any time, matinee or evening."))
	e.Check(r.Amount >= 0 && r.Amount <= 100_000_00, "amount", i18n.Msg("Enter a price between 0 and 100,000."))
	if err := e.Err(); err != nil {
		return err
	}
	if _, err := s.Theater(ctx, r.TheaterID); err != nil {
		return err
	}
	err := s.q.PriceRuleUpsert(ctx, s.pool, catalogdb.PriceRuleUpsertParams{
		TheaterID: r.TheaterID, Category: string(r.Category), DayKind: r.DayKind, Daypart: r.Daypart, AmountMinor: r.Amount,
	})
	if err != nil {
		return fmt.Errorf("save price rule: %w", err)
	}
	return nil
}

// DeletePriceRule removes one of a theater's rules.
func (s *Service) DeletePriceRule(ctx context.Context, theaterID, id int64) error {
	if err := s.q.PriceRuleDelete(ctx, s.pool, catalogdb.PriceRuleDeleteParams{ID: id, TheaterID: theaterID}); err != nil {
		return fmt.Errorf("delete price rule %d: %w", id, err)
	}
	return nil
}

// priceFor picks, for each category, the most specific rule matching a show
// starting at localStart; missing lists categories no rule covers.
func priceFor(rules []PriceRule, categories []Category, localStart time.Time) (p Prices, missing []Category) {
	day := Weekday
	if wd := localStart.Weekday(); wd == time.Saturday || wd == time.Sunday {
		day = Weekend
	}
	part := Evening
	if localStart.Hour() < matineeH {
		part = Matinee
	}
	p = Prices{}
	for _, c := range categories {
		best := -1
		for _, r := range rules {
			if r.Category != c || (r.DayKind != AnyDay && r.DayKind != day) || (r.Daypart != AnyTime && r.Daypart != part) {
				continue
			}
			score := 0
			if r.DayKind != AnyDay {
				score++
			}
			if r.Daypart != AnyTime {
				score++
			}
			if score > best {
				best, p[c] = score, r.Amount
			}
		}
		if best < 0 {
			missing = append(missing, c)
		}
	}
	return p, missing
}
