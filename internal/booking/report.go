package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// ReportKind names one manager report.
type ReportKind string

// The manager reports, in the order the page offers them.
const (
	ReportTakings     ReportKind = "takings"
	ReportOccupancy   ReportKind = "occupancy"
	ReportTopSellers  ReportKind = "top"
	ReportFood        ReportKind = "food"
	ReportPromos      ReportKind = "promos"
	ReportDistributor ReportKind = "distributor"
	ReportAfterSale   ReportKind = "aftersale"
)

// ReportKinds lists every report, in the order the page offers them.
func ReportKinds() []ReportKind {
	return []ReportKind{ReportTakings, ReportOccupancy, ReportTopSellers, ReportFood, ReportPromos, ReportDistributor, ReportAfterSale}
}

// MaxReportDays is the longest range a report covers, so a report's
// queries stay bounded.
const MaxReportDays = 366

// ReportQuery is what a manager asks for: local dates From to To
// (inclusive, each at midnight UTC, read in every theater's own time
// zone), one theater (0: every theater the viewer may manage) and a
// report.
type ReportQuery struct {
	From, To  time.Time
	TheaterID int64
	Kind      ReportKind
}

// Days is how many local days the query covers.
func (q ReportQuery) Days() int { return int(q.To.Sub(q.From).Hours()/24) + 1 }

// Report is one report over the theaters a viewer may manage. Only the
// part Query.Kind names is filled; sums are kept per currency, never
// added across currencies.
type Report struct {
	Query ReportQuery
	// Theaters are every theater the viewer may manage (the form's choice).
	Theaters   []catalog.ReportTheater
	Takings    []CurrencyTakings
	Occupancy  OccupancyReport
	TopSellers []TopSellers
	Promos     []PromoLine
	// Vouchers are the counter's voucher sales, beside Promos.
	Vouchers    []VoucherLine
	Food        []FoodSold
	Distributor []DistributorFilm
	AfterSale   []AfterSaleLine
}

// Report builds the report q asks for over the theaters places covers.
// Takings, top sellers, food and drink, promo and voucher use count sales
// made on the dates;
// occupancy and the distributor return count shows playing on them.
// Errors: ErrNotFound when q names a theater places does not cover.
func (s *Service) Report(ctx context.Context, places authz.Filter, q ReportQuery) (Report, error) {
	// A local day lies within a day either side of the same UTC day.
	from, until := q.From.Add(-24*time.Hour), q.To.Add(48*time.Hour)
	ask := catalog.ReportAsk{Places: places, TheaterID: q.TheaterID}
	if q.Kind == ReportOccupancy || q.Kind == ReportDistributor {
		ask.ShowsFrom, ask.ShowsUntil = from, until
	}
	src, err := s.shows.ReportSource(ctx, ask)
	if err != nil {
		return Report{}, fmt.Errorf("report source: %w", err)
	}
	r := Report{Query: q, Theaters: src.Theaters}
	var ids []int64
	var zones []string
	for _, t := range src.Theaters {
		if q.TheaterID == 0 || q.TheaterID == t.ID {
			ids, zones = append(ids, t.ID), append(zones, t.TimeZone)
		}
	}
	if q.TheaterID != 0 && len(ids) == 0 {
		return Report{}, fmt.Errorf("report for theater %d: %w", q.TheaterID, ErrNotFound)
	}
	if len(ids) == 0 {
		return r, nil
	}
	w := reportWindow{q: q, ids: ids, zones: zones, from: from, until: until}
	switch q.Kind {
	case ReportTakings, ReportTopSellers:
		r.Takings, err = s.reportTakings(ctx, w)
		if q.Kind == ReportTopSellers {
			r.TopSellers, r.Takings = topSellers(r.Takings), nil
		}
	case ReportPromos:
		r.Promos, err = s.reportPromos(ctx, w)
		if err == nil {
			r.Vouchers, err = s.reportVouchers(ctx, w)
		}
	case ReportFood:
		r.Food, err = s.reportFood(ctx, w, src.Theaters)
	case ReportOccupancy:
		r.Occupancy, err = s.reportOccupancy(ctx, q, src.Shows)
	case ReportDistributor:
		r.Distributor, err = s.reportDistributor(ctx, q, src.Shows)
	case ReportAfterSale:
		r.AfterSale, err = s.reportAfterSale(ctx, w, src.Theaters)
	}
	if err != nil {
		return Report{}, err
	}
	return r, nil
}

// reportWindow is a query's theaters (with their zones, in step) and the
// UTC instants that bound its local dates.
type reportWindow struct {
	q           ReportQuery
	ids         []int64
	zones       []string
	from, until time.Time
}

// playsOn reports whether a show starts on one of q's local dates at its
// theater.
func playsOn(q ReportQuery, sh catalog.AdminShow) bool {
	local := sh.StartsAt.In(sh.Location())
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(q.From) && !day.After(q.To)
}
