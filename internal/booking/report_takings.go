package booking

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// Takings are the sums of some sales in one currency, tickets and food
// apart. Tickets is the seats' prices, Discounts, Fees and Tax the
// tickets' own; Food is food and drink before its FoodTax; Total what
// buyers paid (Tickets - Discounts + Fees + Tax + Food + FoodTax);
// Refunds what cancelled sales gave back, FoodRefunds the food's share of
// it (the refund split in proportion to each sale's total: see the
// ReportTakings query).
type Takings struct {
	Bookings, Admissions                          int64
	Tickets, Discounts, Fees, Tax, Total, Refunds int64
	Food, FoodTax, FoodRefunds                    int64
	// KeptTickets is ticket money (after discounts) of sales still
	// confirmed: what top sellers rank by.
	KeptTickets int64
}

// Net is what the sales brought in once refunds are given back.
func (t Takings) Net() int64 { return t.Total - t.Refunds }

// FoodNet is what food and drink brought in (with its tax) once its
// share of refunds is given back.
func (t Takings) FoodNet() int64 { return t.Food + t.FoodTax - t.FoodRefunds }

// TicketsNet is what the tickets (with fees and tax) brought in once
// their share of refunds is given back: Net less FoodNet.
func (t Takings) TicketsNet() int64 { return t.Net() - t.FoodNet() }

func (t *Takings) add(r bookingdb.ReportTakingsRow) {
	t.Bookings += r.Bookings
	t.Admissions += r.Admissions
	t.Tickets += r.TicketsMinor
	t.Discounts += r.DiscountMinor
	t.Fees += r.FeeMinor
	t.Tax += r.TaxMinor
	t.Total += r.TotalMinor
	t.Refunds += r.RefundMinor
	t.Food += r.FoodMinor
	t.FoodTax += r.FoodTaxMinor
	t.FoodRefunds += r.FoodRefundMinor
	t.KeptTickets += r.KeptTicketsMinor
}

// TakingsLine is one line of a breakdown: Key is stable (an ISO date, an
// id, "counter/cash"), Label what people read.
type TakingsLine struct {
	Key, Label string
	Takings
}

// CurrencyTakings are the takings in one currency, in total and broken
// down by local day of sale (ByDay has every day of the range, sales or
// not), film, show, screen and payment method with channel.
type CurrencyTakings struct {
	Currency                                   string
	Total                                      Takings
	ByDay, ByFilm, ByShow, ByScreen, ByPayment []TakingsLine
}

// reportTakings sums the sales in one query and names the shows sold in
// one more.
func (s *Service) reportTakings(ctx context.Context, w reportWindow) ([]CurrencyTakings, error) {
	rows, err := s.q.ReportTakings(ctx, s.pool, bookingdb.ReportTakingsParams{Zones: w.zones, TheaterIds: w.ids,
		FromTime: w.from, UntilTime: w.until, FromDay: w.q.From, ToDay: w.q.To})
	if err != nil {
		return nil, fmt.Errorf("takings of theaters %v: %w", w.ids, err)
	}
	var showIDs []int64
	for _, r := range rows {
		if !slices.Contains(showIDs, r.ShowID) {
			showIDs = append(showIDs, r.ShowID)
		}
	}
	shows, err := s.shows.ShowsForAdmin(ctx, showIDs)
	if err != nil {
		return nil, fmt.Errorf("shows sold for a takings report: %w", err)
	}
	return takingsByCurrency(ctx, w.q, rows, shows), nil
}

// takingsByCurrency rolls the query's rows up into each breakdown.
func takingsByCurrency(ctx context.Context, q ReportQuery, rows []bookingdb.ReportTakingsRow, shows map[int64]catalog.AdminShow) []CurrencyTakings {
	type sums struct {
		total                                      Takings
		byDay, byFilm, byShow, byScreen, byPayment map[string]*TakingsLine
		showStart                                  map[string]time.Time
	}
	var order []string
	all := map[string]*sums{}
	line := func(m map[string]*TakingsLine, key, label string) *TakingsLine {
		if m[key] == nil {
			m[key] = &TakingsLine{Key: key, Label: label}
		}
		return m[key]
	}
	for _, r := range rows {
		c := all[r.Currency]
		if c == nil {
			c = &sums{byDay: map[string]*TakingsLine{}, byFilm: map[string]*TakingsLine{}, byShow: map[string]*TakingsLine{},
				byScreen: map[string]*TakingsLine{}, byPayment: map[string]*TakingsLine{}, showStart: map[string]time.Time{}}
			all[r.Currency], order = c, append(order, r.Currency)
		}
		c.total.add(r)
		line(c.byDay, r.Day.Format(time.DateOnly), i18n.Date(ctx, r.Day)).add(r)
		sh, ok := shows[r.ShowID]
		if !ok { // a show the catalogue no longer has
			sh = catalog.AdminShow{Show: catalog.Show{ID: r.ShowID}, MovieTitle: i18n.T(ctx, "Unknown show")}
		}
		showKey := strconv.FormatInt(sh.ID, 10)
		c.showStart[showKey] = sh.StartsAt
		line(c.byShow, showKey, sh.MovieTitle+" · "+sh.TheaterName+" · "+sh.ScreenName+" · "+
			i18n.Date(ctx, sh.StartsAt.In(sh.Location()))+" "+i18n.Time(ctx, sh.StartsAt.In(sh.Location()))).add(r)
		line(c.byFilm, strconv.FormatInt(sh.MovieID, 10), sh.MovieTitle).add(r)
		line(c.byScreen, strconv.FormatInt(sh.ScreenID, 10), sh.TheaterName+" · "+sh.ScreenName).add(r)
		line(c.byPayment, r.Channel+"/"+r.PaymentMethod, paymentLabel(ctx, r.Channel, r.PaymentMethod)).add(r)
	}
	out := make([]CurrencyTakings, 0, len(order))
	for _, cur := range order {
		c := all[cur]
		ct := CurrencyTakings{Currency: cur, Total: c.total}
		for d := q.From; !d.After(q.To); d = d.AddDate(0, 0, 1) {
			l := line(c.byDay, d.Format(time.DateOnly), i18n.Date(ctx, d))
			ct.ByDay = append(ct.ByDay, *l)
		}
		ct.ByFilm = sortedLines(c.byFilm, func(a, b TakingsLine) int { return cmp.Compare(b.Net(), a.Net()) })
		ct.ByShow = sortedLines(c.byShow, func(a, b TakingsLine) int { return c.showStart[a.Key].Compare(c.showStart[b.Key]) })
		ct.ByScreen = sortedLines(c.byScreen, func(a, b TakingsLine) int { return cmp.Compare(a.Label, b.Label) })
		ct.ByPayment = sortedLines(c.byPayment, func(a, b TakingsLine) int { return cmp.Compare(paymentOrder(a.Key), paymentOrder(b.Key)) })
		out = append(out, ct)
	}
	slices.SortFunc(out, func(a, b CurrencyTakings) int { return cmp.Compare(a.Currency, b.Currency) })
	return out
}

func sortedLines(m map[string]*TakingsLine, by func(a, b TakingsLine) int) []TakingsLine {
	out := make([]TakingsLine, 0, len(m))
	for _, l := range m {
		out = append(out, *l)
	}
	slices.SortStableFunc(out, func(a, b TakingsLine) int { return cmp.Or(by(a, b), cmp.Compare(a.Key, b.Key)) })
	return out
}

// paymentOrder puts online sales first, then the counter's cash, card
// and vouchers.
func paymentOrder(key string) int {
	return slices.Index([]string{"online/online", "counter/cash", "counter/card", "counter/voucher"}, key)
}

// paymentLabel names how a sale was made and paid, in ctx's language.
func paymentLabel(ctx context.Context, channel, method string) string {
	switch channel + "/" + method {
	case "online/online":
		return i18n.T(ctx, "Online")
	case "counter/cash":
		return i18n.T(ctx, "Counter · cash")
	case "counter/card":
		return i18n.T(ctx, "Counter · card")
	case "counter/voucher":
		return i18n.T(ctx, "Counter · voucher")
	}
	return channel + " · " + method
}

// TopSellers are a currency's films ranked by admissions, then by ticket
// money kept (after discounts and without refunded sales).
type TopSellers struct {
	Currency string
	Films    []TakingsLine
}

func topSellers(ts []CurrencyTakings) []TopSellers {
	out := make([]TopSellers, 0, len(ts))
	for _, t := range ts {
		films := slices.Clone(t.ByFilm)
		slices.SortStableFunc(films, func(a, b TakingsLine) int {
			return cmp.Or(cmp.Compare(b.Admissions, a.Admissions), cmp.Compare(b.KeptTickets, a.KeptTickets), cmp.Compare(a.Label, b.Label))
		})
		out = append(out, TopSellers{Currency: t.Currency, Films: films})
	}
	return out
}
