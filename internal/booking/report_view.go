package booking

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// reportName names a report in ctx's language.
func reportName(ctx context.Context, k ReportKind) string {
	switch k {
	case ReportTakings:
		return i18n.T(ctx, "Takings")
	case ReportOccupancy:
		return i18n.T(ctx, "Occupancy")
	case ReportTopSellers:
		return i18n.T(ctx, "Top sellers")
	case ReportFood:
		return i18n.T(ctx, "Food and drink")
	case ReportPromos:
		return i18n.T(ctx, "Promos and vouchers")
	case ReportDistributor:
		return i18n.T(ctx, "Distributor return")
	case ReportAfterSale:
		return i18n.T(ctx, "After the sale")
	}
	return string(k)
}

// reportProps lays a report out as the page shows it.
func reportProps(ctx context.Context, r Report, form reportForm) views.ReportsProps {
	p := views.ReportsProps{Values: form.values, Errors: form.errs}
	for _, k := range ReportKinds() {
		p.Reports = append(p.Reports, views.ReportChoice{Value: string(k), Label: reportName(ctx, k)})
	}
	for _, t := range r.Theaters {
		p.Theaters = append(p.Theaters, views.ReportChoice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
	}
	if len(form.errs) > 0 {
		return p
	}
	q := url.Values{"from": {form.values.From}, "to": {form.values.To}}
	if r.Query.TheaterID != 0 {
		q.Set("theater", strconv.FormatInt(r.Query.TheaterID, 10))
	}
	p.CSVHref = "/admin/reports/" + string(r.Query.Kind) + ".csv?" + q.Encode()
	p.Note = i18n.T(ctx, "Counts sales made on these dates, each on its theater's local day; cancelled sales are netted by the refund given.")
	switch r.Query.Kind {
	case ReportOccupancy, ReportDistributor:
		p.Note = i18n.T(ctx, "Counts shows playing on these dates, in each theater's local time.")
	case ReportFood, ReportPromos:
		p.Note = i18n.T(ctx, "Counts sales made on these dates and still confirmed, each on its theater's local day.")
	case ReportAfterSale:
		p.Note = i18n.T(ctx, "Counts what buyers did on these dates with bookings they had already paid for, each on its theater's local day.")
	}
	for i, sh := range reportTables(ctx, r) {
		t := sh.table(ctx)
		if sh.days != nil {
			// The chart goes just above the table holding its figures.
			ch := takingsChart(ctx, *sh.days, "rp-chart-"+strconv.Itoa(i), t.Caption)
			t.Chart = &ch
		}
		p.Tables = append(p.Tables, t)
	}
	return p
}

// takingsChart draws net takings by day as bars, tallest the busiest day,
// with the days named under them: every day when they fit, else every
// few days (fewer on a phone).
func takingsChart(ctx context.Context, t CurrencyTakings, id, tableCaption string) views.ReportChart {
	const barW, gap, height = 20, 4, 100
	n := max(len(t.ByDay), 1)
	ch := views.ReportChart{ID: id, Title: i18n.T(ctx, "Net takings by day ({{.Currency}})", "Currency", t.Currency),
		Width: n * (barW + gap), Height: height}
	var top *TakingsLine
	for i, d := range t.ByDay {
		if top == nil || d.Net() > top.Net() {
			top = &t.ByDay[i]
		}
	}
	// Every wide-th day is named, and every narrow-th (a multiple of
	// wide) on a phone too.
	wide := ceilDiv(n, chartLabelsWide)
	narrow := wide * ceilDiv(ceilDiv(n, chartLabelsNarrow), wide)
	for i, d := range t.ByDay {
		h := 0
		if top.Net() > 0 && d.Net() > 0 {
			h = max(int(d.Net()*height/top.Net()), 1)
		}
		ch.Bars = append(ch.Bars, views.ReportBar{X: i * (barW + gap), Y: height - h, W: barW, H: h,
			Title: d.Label + ": " + i18n.Money(ctx, d.Net(), t.Currency)})
		if i%wide == 0 {
			ch.Labels = append(ch.Labels, views.ReportLabel{Text: dayMonth(ctx, d.Key),
				XPercent: float64(i*(barW+gap)+barW/2) * 100 / float64(ch.Width), WideOnly: i%narrow != 0})
		}
	}
	if len(t.ByDay) == 0 {
		return ch
	}
	ch.Desc = i18n.T(ctx, "One bar for each day from {{.From}} to {{.To}}, as tall as the day's net takings. The figures are in the table {{.Table}} below.",
		"From", t.ByDay[0].Label, "To", t.ByDay[len(t.ByDay)-1].Label, "Table", tableCaption)
	if top.Net() > 0 {
		ch.Desc += " " + i18n.T(ctx, "The busiest day was {{.Day}}, with {{.Amount}}.", "Day", top.Label, "Amount", i18n.Money(ctx, top.Net(), t.Currency))
	}
	return ch
}

// The most day labels a chart shows on a wide screen and on a phone.
const (
	chartLabelsWide   = 16
	chartLabelsNarrow = 6
)

// dayMonth writes an ISO date as a day and a short month in ctx's
// language ("14 Mar", "14 mar", "14 मार्च").
func dayMonth(ctx context.Context, iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return strings.TrimSuffix(i18n.Date(ctx, d), " "+strconv.Itoa(d.Year()))
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
