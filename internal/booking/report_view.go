package booking

import (
	"context"
	"net/url"
	"strconv"

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
	case ReportPromos:
		return i18n.T(ctx, "Promo codes")
	case ReportDistributor:
		return i18n.T(ctx, "Distributor return")
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
	if r.Query.Kind == ReportOccupancy || r.Query.Kind == ReportDistributor {
		p.Note = i18n.T(ctx, "Counts shows playing on these dates, in each theater's local time.")
	}
	for _, ch := range reportTables(ctx, r) {
		p.Tables = append(p.Tables, ch.table(ctx))
	}
	if r.Query.Kind == ReportTakings {
		for _, t := range r.Takings {
			p.Charts = append(p.Charts, takingsChart(ctx, t))
		}
	}
	return p
}

// takingsChart draws net takings by day as bars, tallest the busiest day.
func takingsChart(ctx context.Context, t CurrencyTakings) views.ReportChart {
	const barW, gap, height = 20, 4, 100
	ch := views.ReportChart{Title: i18n.T(ctx, "Net takings by day ({{.Currency}})", "Currency", t.Currency),
		Width: max(len(t.ByDay), 1) * (barW + gap), Height: height}
	var top int64
	for _, d := range t.ByDay {
		top = max(top, d.Net())
	}
	for i, d := range t.ByDay {
		h := 0
		if top > 0 && d.Net() > 0 {
			h = max(int(d.Net()*height/top), 1)
		}
		ch.Bars = append(ch.Bars, views.ReportBar{X: i * (barW + gap), Y: height - h, W: barW, H: h,
			Title: d.Label + ": " + i18n.Money(ctx, d.Net(), t.Currency)})
	}
	return ch
}
