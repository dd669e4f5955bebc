package booking

import (
	"context"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// takingsSheets lays out each currency's takings by day, payment, film,
// show and screen: tickets and food apart, each net of its share of
// refunds.
func takingsSheets(ctx context.Context, takings []CurrencyTakings) []reportSheet {
	head := []string{i18n.T(ctx, "Bookings"), i18n.T(ctx, "Admissions"), i18n.T(ctx, "Tickets"), i18n.T(ctx, "Discounts"),
		i18n.T(ctx, "Booking fees"), i18n.T(ctx, "Ticket tax"), i18n.T(ctx, "Food and drink"), i18n.T(ctx, "Food tax"),
		i18n.T(ctx, "Paid"), i18n.T(ctx, "Refunds"), i18n.T(ctx, "Food refunds"), i18n.T(ctx, "Tickets net"),
		i18n.T(ctx, "Food net"), i18n.T(ctx, "Net")}
	cells := func(t Takings) []reportCell {
		return []reportCell{cellCount(t.Bookings), cellCount(t.Admissions), cellMoney(t.Tickets), cellMoney(t.Discounts),
			cellMoney(t.Fees), cellMoney(t.Tax), cellMoney(t.Food), cellMoney(t.FoodTax), cellMoney(t.Total),
			cellMoney(t.Refunds), cellMoney(t.FoodRefunds), cellMoney(t.TicketsNet()), cellMoney(t.FoodNet()), cellMoney(t.Net())}
	}
	var out []reportSheet
	for _, ct := range takings {
		total := reportLine{item: i18n.T(ctx, "Total"), cells: cells(ct.Total)}
		for _, part := range []struct {
			section, item string
			lines         []TakingsLine
			days          *CurrencyTakings
		}{
			{i18n.T(ctx, "Takings by day"), i18n.T(ctx, "Day"), ct.ByDay, &ct},
			{i18n.T(ctx, "Takings by payment"), i18n.T(ctx, "Payment"), ct.ByPayment, nil},
			{i18n.T(ctx, "Takings by film"), i18n.T(ctx, "Film"), ct.ByFilm, nil},
			{i18n.T(ctx, "Takings by show"), i18n.T(ctx, "Show"), ct.ByShow, nil},
			{i18n.T(ctx, "Takings by screen"), i18n.T(ctx, "Screen"), ct.ByScreen, nil},
		} {
			s := reportSheet{section: part.section, currency: ct.Currency, item: part.item, head: head, foot: &total}
			s.days = part.days
			for _, l := range part.lines {
				s.rows = append(s.rows, reportLine{item: l.Label, cells: cells(l.Takings)})
			}
			out = append(out, s)
		}
	}
	return out
}

// foodSheets lays out food and drink sold: one sheet per currency and
// theater, after one of every theater together when there are several.
func foodSheets(ctx context.Context, food []FoodSold) []reportSheet {
	head := []string{i18n.T(ctx, "Size"), i18n.T(ctx, "Rank"), i18n.T(ctx, "Units sold"), i18n.T(ctx, "Before tax"),
		i18n.T(ctx, "Tax"), i18n.T(ctx, "Gross")}
	var out []reportSheet
	var total *FoodSold
	for i, f := range food {
		if i == 0 || f.Currency != food[i-1].Currency || f.TheaterID != food[i-1].TheaterID {
			section := i18n.T(ctx, "Food and drink at every theater")
			if f.TheaterID != 0 {
				section = i18n.T(ctx, "Food and drink at {{.Theater}}", "Theater", f.Theater)
			}
			total = &FoodSold{}
			out = append(out, reportSheet{section: section, currency: f.Currency, item: i18n.T(ctx, "Item"), head: head})
		}
		s := &out[len(out)-1]
		total.Qty, total.Sales, total.Tax = total.Qty+f.Qty, total.Sales+f.Sales, total.Tax+f.Tax
		s.rows = append(s.rows, reportLine{item: f.Item, cells: []reportCell{cellText(f.Variant), cellCount(int64(len(s.rows) + 1)),
			cellCount(f.Qty), cellMoney(f.Sales), cellMoney(f.Tax), cellMoney(f.Gross())}})
		s.foot = &reportLine{item: i18n.T(ctx, "Total"), cells: []reportCell{cellText(""), cellText(""), cellCount(total.Qty),
			cellMoney(total.Sales), cellMoney(total.Tax), cellMoney(total.Gross())}}
	}
	return out
}

// promoSheets lays out promo code use and, beside it, voucher use by
// prefix and by reference, per currency.
func promoSheets(ctx context.Context, promos []PromoLine, vouchers []VoucherLine) []reportSheet {
	head := []string{i18n.T(ctx, "Bookings"), i18n.T(ctx, "Discount given"), i18n.T(ctx, "Paid")}
	var out []reportSheet
	at := map[string]int{}
	sheet := func(section, currency, item string) *reportSheet {
		key := section + "|" + currency
		i, ok := at[key]
		if !ok {
			i, at[key] = len(out), len(out)
			out = append(out, reportSheet{section: section, currency: currency, item: item, head: head})
		}
		return &out[i]
	}
	for _, p := range promos {
		s := sheet(i18n.T(ctx, "Promo codes"), p.Currency, i18n.T(ctx, "Code"))
		s.rows = append(s.rows, reportLine{item: p.Code, cells: []reportCell{cellCount(p.Bookings), cellMoney(p.Discount), cellMoney(p.Total)}})
	}
	byCurrency := map[string][]VoucherLine{}
	var currencies []string
	for _, v := range vouchers {
		if byCurrency[v.Currency] == nil {
			currencies = append(currencies, v.Currency)
		}
		byCurrency[v.Currency] = append(byCurrency[v.Currency], v)
	}
	for _, cur := range currencies {
		var total VoucherLine
		for _, part := range []struct {
			section, item string
			lines         []VoucherLine
		}{
			{i18n.T(ctx, "Vouchers by prefix"), i18n.T(ctx, "Prefix"), vouchersByPrefix(byCurrency[cur])},
			{i18n.T(ctx, "Vouchers by reference"), i18n.T(ctx, "Voucher reference"), byCurrency[cur]},
		} {
			s := sheet(part.section, cur, part.item)
			total = VoucherLine{}
			for _, v := range part.lines {
				item := v.Ref
				if item == "" {
					item = i18n.T(ctx, "No prefix")
				}
				s.rows = append(s.rows, reportLine{item: item, cells: []reportCell{cellCount(v.Bookings), cellMoney(v.Discount), cellMoney(v.Total)}})
				total.Bookings, total.Discount, total.Total = total.Bookings+v.Bookings, total.Discount+v.Discount, total.Total+v.Total
			}
			s.foot = &reportLine{item: i18n.T(ctx, "Total"), cells: []reportCell{cellCount(total.Bookings), cellMoney(total.Discount), cellMoney(total.Total)}}
		}
	}
	return out
}
