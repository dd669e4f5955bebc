package booking

import (
	"context"
	"strconv"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// reportSheet is one table of a report, laid out once for the page and
// the CSV file: Section names it, Currency is its money's ("" when it has
// none), Head names the columns after the first (Item).
type reportSheet struct {
	section, currency, item string
	head                    []string
	rows                    []reportLine
	foot                    *reportLine
	meter                   bool
	// days is the currency's takings when the sheet is its takings by
	// day, which the page draws as a chart too.
	days *CurrencyTakings
}

// reportLine is a row: its first cell, the other cells, and its
// occupancy (percent) when the sheet draws meters.
type reportLine struct {
	item  string
	cells []reportCell
	pct   float64
}

// reportCell is text, a count or an amount of money in minor units.
type reportCell struct {
	text    string
	n       int64
	kind    int // 0 text, 1 count, 2 money, 3 percent
	percent float64
}

func cellCount(n int64) reportCell     { return reportCell{n: n, kind: 1} }
func cellMoney(n int64) reportCell     { return reportCell{n: n, kind: 2} }
func cellText(s string) reportCell     { return reportCell{text: s} }
func cellPercent(p float64) reportCell { return reportCell{percent: p, kind: 3} }

// show is the cell as the page prints it, in ctx's language.
func (c reportCell) show(ctx context.Context, currency string) string {
	switch c.kind {
	case 1:
		return i18n.Number(ctx, c.n)
	case 2:
		return i18n.Money(ctx, c.n, currency)
	case 3:
		return strconv.FormatFloat(c.percent, 'f', 1, 64) + "%"
	}
	return c.text
}

// table is the sheet as the page shows it.
func (s reportSheet) table(ctx context.Context) views.ReportTable {
	t := views.ReportTable{Caption: s.section, Head: append([]string{s.item}, s.head...), HasMeter: s.meter, TextCols: 1}
	for _, r := range s.rows[:min(len(s.rows), 1)] {
		for _, c := range r.cells {
			if c.kind != 0 {
				break
			}
			t.TextCols++
		}
	}
	if s.currency != "" {
		t.Caption += " (" + s.currency + ")"
	}
	line := func(l reportLine) []string {
		out := []string{l.item}
		for _, c := range l.cells {
			out = append(out, c.show(ctx, s.currency))
		}
		return out
	}
	for _, l := range s.rows {
		t.Rows = append(t.Rows, views.ReportRow{Cells: line(l), Meter: l.pct})
	}
	if s.foot != nil {
		t.Foot = line(*s.foot)
	}
	return t
}

// reportTables lays out the part of r its query asked for.
func reportTables(ctx context.Context, r Report) []reportSheet {
	var out []reportSheet
	switch r.Query.Kind {
	case ReportTakings:
		out = takingsSheets(ctx, r.Takings)
	case ReportTopSellers:
		for _, ts := range r.TopSellers {
			s := reportSheet{section: i18n.T(ctx, "Top sellers"), currency: ts.Currency, item: i18n.T(ctx, "Film"),
				head: []string{i18n.T(ctx, "Rank"), i18n.T(ctx, "Admissions"), i18n.T(ctx, "Tickets after discounts")}}
			for i, f := range ts.Films {
				s.rows = append(s.rows, reportLine{item: f.Label, cells: []reportCell{cellCount(int64(i + 1)), cellCount(f.Admissions), cellMoney(f.KeptTickets)}})
			}
			out = append(out, s)
		}
	case ReportPromos:
		out = promoSheets(ctx, r.Promos, r.Vouchers)
	case ReportFood:
		out = foodSheets(ctx, r.Food)
	case ReportOccupancy:
		if len(r.Occupancy.Shows) == 0 {
			return nil
		}
		head := []string{i18n.T(ctx, "Seats sold"), i18n.T(ctx, "Seats"), i18n.T(ctx, "Occupancy")}
		line := func(o OccupancyLine) reportLine {
			return reportLine{item: o.Label, cells: []reportCell{cellCount(o.Sold), cellCount(o.Capacity), cellPercent(o.Percent())}, pct: o.Percent()}
		}
		total := line(r.Occupancy.Total)
		total.item = i18n.T(ctx, "Average occupancy")
		for _, part := range []struct {
			section, item string
			lines         []OccupancyLine
		}{
			{i18n.T(ctx, "Occupancy by screen"), i18n.T(ctx, "Screen"), r.Occupancy.Screens},
			{i18n.T(ctx, "Occupancy by show"), i18n.T(ctx, "Show"), r.Occupancy.Shows},
		} {
			s := reportSheet{section: part.section, item: part.item, head: head, foot: &total, meter: true}
			for _, o := range part.lines {
				s.rows = append(s.rows, line(o))
			}
			out = append(out, s)
		}
	case ReportAfterSale:
		out = afterSaleSheets(ctx, r.AfterSale)
	case ReportDistributor:
		for _, f := range r.Distributor {
			s := reportSheet{section: i18n.T(ctx, "Distributor return: {{.Film}}", "Film", f.Title), currency: f.Currency,
				item: i18n.T(ctx, "Date"), head: []string{i18n.T(ctx, "Time"), i18n.T(ctx, "Theater"), i18n.T(ctx, "Screen"),
					i18n.T(ctx, "Admissions"), i18n.T(ctx, "Box-office gross")},
				foot: &reportLine{item: i18n.T(ctx, "Total"), cells: []reportCell{cellText(""), cellText(""), cellText(""), cellCount(f.Admissions), cellMoney(f.Gross)}}}
			for _, sh := range f.Shows {
				s.rows = append(s.rows, reportLine{item: sh.StartsAt.Format("2006-01-02"), cells: []reportCell{cellText(sh.StartsAt.Format("15:04")),
					cellText(sh.Theater), cellText(sh.Screen), cellCount(sh.Admissions), cellMoney(sh.Gross)}})
			}
			out = append(out, s)
		}
	}
	return out
}
