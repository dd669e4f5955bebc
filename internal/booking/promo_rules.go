package booking

import (
	"fmt"
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// Messages a buyer sees when a promo code does not apply, translated
// where they are shown.
var (
	msgPromoEmpty    = i18n.Msg("Enter a promo code.")
	msgPromoGarbage  = i18n.Msg("That doesn't look like a promo code. Codes are letters and digits, like SPRING25.")
	msgPromoInactive = i18n.Msg("This code is no longer available.")
	msgPromoUsedUp   = i18n.Msg("This code has been used up.")
	msgPromoOnce     = i18n.Msg("You've already used this code.")
	msgHoldOver      = i18n.Msg("Your seats are no longer held, so this booking can't be changed.")
)

// promoUse is what a code is checked against: the booking's show, its
// ticket count and currency, and today's date where the show plays.
type promoUse struct {
	show    catalog.ShowDetail
	tickets int
	today   time.Time // the theater's local date, midnight UTC
}

func newPromoUse(d catalog.ShowDetail, tickets int, now time.Time) promoUse {
	return promoUse{show: d, tickets: tickets, today: promoLocalDate(now, d.Theater.Location())}
}

// refusal explains why p cannot be applied to u, or returns "" when it
// can (usage limits apart, which need the lock: see usageRefusal).
func (p Promo) refusal(u promoUse) string {
	loc := u.show.Theater.Location()
	showDay := promoLocalDate(u.show.StartsAt, loc)
	switch {
	case !p.Active:
		return msgPromoInactive
	case !p.ValidUntil.IsZero() && p.ValidUntil.Before(u.today):
		return "This code expired on " + p.ValidUntil.Format("2 January 2006") + "."
	case len(p.MovieIDs) > 0 && !slices.Contains(p.MovieIDs, u.show.MovieID):
		return "This code isn't valid for " + u.show.Movie.Title + "."
	case len(p.TheaterIDs) > 0 && !slices.Contains(p.TheaterIDs, u.show.TheaterID):
		return "This code isn't valid at " + u.show.Theater.Name + "."
	case (!p.ValidFrom.IsZero() && showDay.Before(p.ValidFrom)) || (!p.ValidUntil.IsZero() && showDay.After(p.ValidUntil)):
		return "This code isn't valid for shows on " + showDay.Format("2 January") + ": it is for " + p.dateRange() + "."
	case p.Kind == AmountOff && p.Currency != u.show.City.Currency:
		return "This code can't be used for prices in " + u.show.City.Currency + "."
	case u.tickets < p.MinTickets:
		return fmt.Sprintf("This code needs at least %d tickets in one booking.", p.MinTickets)
	}
	return ""
}

// usageRefusal checks the code's limits against its live redemptions by
// everyone (total) and by this buyer (mine), other bookings only.
func (p Promo) usageRefusal(total, mine int) string {
	switch {
	case p.MaxUses > 0 && total >= p.MaxUses:
		return msgPromoUsedUp
	case p.MaxUsesPerUser == 1 && mine >= 1:
		return msgPromoOnce
	case p.MaxUsesPerUser > 0 && mine >= p.MaxUsesPerUser:
		return fmt.Sprintf("You've already used this code %d times, the most one person may.", mine)
	}
	return ""
}

// dateRange describes the show dates a code is for ("shows from ...").
func (p Promo) dateRange() string {
	const day = "2 January 2006"
	switch {
	case !p.ValidFrom.IsZero() && !p.ValidUntil.IsZero():
		return "shows from " + p.ValidFrom.Format(day) + " to " + p.ValidUntil.Format(day)
	case !p.ValidFrom.IsZero():
		return "shows from " + p.ValidFrom.Format(day)
	}
	return "shows until " + p.ValidUntil.Format(day)
}

// promoLocalDate is t's calendar date in loc, as midnight UTC (how dates read
// from PostgreSQL compare).
func promoLocalDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
