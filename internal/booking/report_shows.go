package booking

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// OccupancyLine is the seats sold of a show or screen out of those on
// sale (blocked seats left out).
type OccupancyLine struct {
	Label          string
	Sold, Capacity int64
}

// Percent is the share of seats sold, 0 to 100 (0 with no seats).
func (o OccupancyLine) Percent() float64 {
	if o.Capacity == 0 {
		return 0
	}
	return float64(o.Sold) * 100 / float64(o.Capacity)
}

// OccupancyReport is occupancy per show (by start) and per screen;
// Total's Percent is the average occupancy over every seat.
type OccupancyReport struct {
	Shows, Screens []OccupancyLine
	Total          OccupancyLine
}

// reportOccupancy counts the seats of the shows playing on q's dates in
// one query.
func (s *Service) reportOccupancy(ctx context.Context, q ReportQuery, shows []catalog.AdminShow) (OccupancyReport, error) {
	shows = slices.DeleteFunc(slices.Clone(shows), func(sh catalog.AdminShow) bool { return !playsOn(q, sh) })
	ids := make([]int64, len(shows))
	for i, sh := range shows {
		ids[i] = sh.ID
	}
	rows, err := s.q.ReportShowSeats(ctx, s.pool, ids)
	if err != nil {
		return OccupancyReport{}, fmt.Errorf("seats of %d shows: %w", len(ids), err)
	}
	seats := make(map[int64]bookingdb.ReportShowSeatsRow, len(rows))
	for _, r := range rows {
		seats[r.ShowID] = r
	}
	var out OccupancyReport
	screens := map[int64]*OccupancyLine{}
	for _, sh := range shows {
		r, ok := seats[sh.ID]
		if !ok { // never opened for sale: nothing sold yet
			r.Capacity = int64(sh.SeatsTotal)
		}
		local := sh.StartsAt.In(sh.Location())
		out.Shows = append(out.Shows, OccupancyLine{Label: sh.MovieTitle + " · " + sh.TheaterName + " · " + sh.ScreenName +
			" · " + i18n.Date(ctx, local) + " " + i18n.Time(ctx, local), Sold: r.Sold, Capacity: r.Capacity})
		sc := screens[sh.ScreenID]
		if sc == nil {
			sc = &OccupancyLine{Label: sh.TheaterName + " · " + sh.ScreenName}
			screens[sh.ScreenID] = sc
		}
		sc.Sold, sc.Capacity = sc.Sold+r.Sold, sc.Capacity+r.Capacity
		out.Total.Sold, out.Total.Capacity = out.Total.Sold+r.Sold, out.Total.Capacity+r.Capacity
	}
	for _, sc := range screens {
		out.Screens = append(out.Screens, *sc)
	}
	slices.SortFunc(out.Screens, func(a, b OccupancyLine) int { return cmp.Compare(a.Label, b.Label) })
	return out, nil
}

// DistributorFilm is a film's return to its distributor in one currency:
// every show of it on the dates with its admissions and box-office gross
// (seat prices, without booking fees or tax), and the film's totals.
type DistributorFilm struct {
	Title, Currency   string
	Shows             []DistributorShow
	Admissions, Gross int64
}

// DistributorShow is one show of a distributor return. StartsAt is in the
// theater's time zone.
type DistributorShow struct {
	StartsAt          time.Time
	Theater, Screen   string
	Admissions, Gross int64
}

// reportDistributor sums the confirmed seats of the shows playing on q's
// dates in one query and groups them by film.
func (s *Service) reportDistributor(ctx context.Context, q ReportQuery, shows []catalog.AdminShow) ([]DistributorFilm, error) {
	shows = slices.DeleteFunc(slices.Clone(shows), func(sh catalog.AdminShow) bool { return !playsOn(q, sh) })
	ids := make([]int64, len(shows))
	for i, sh := range shows {
		ids[i] = sh.ID
	}
	rows, err := s.q.ReportShowAdmissions(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("admissions of %d shows: %w", len(ids), err)
	}
	sold := make(map[int64]bookingdb.ReportShowAdmissionsRow, len(rows))
	for _, r := range rows {
		sold[r.ShowID] = r
	}
	type key struct {
		movie    int64
		currency string
	}
	var order []key
	films := map[key]*DistributorFilm{}
	for _, sh := range shows { // by start
		r := sold[sh.ID]
		k := key{sh.MovieID, sh.Currency}
		f := films[k]
		if f == nil {
			f = &DistributorFilm{Title: sh.MovieTitle, Currency: sh.Currency}
			films[k], order = f, append(order, k)
		}
		f.Shows = append(f.Shows, DistributorShow{StartsAt: sh.StartsAt.In(sh.Location()), Theater: sh.TheaterName,
			Screen: sh.ScreenName, Admissions: r.Admissions, Gross: r.GrossMinor})
		f.Admissions, f.Gross = f.Admissions+r.Admissions, f.Gross+r.GrossMinor
	}
	out := make([]DistributorFilm, 0, len(order))
	for _, k := range order {
		out = append(out, *films[k])
	}
	slices.SortStableFunc(out, func(a, b DistributorFilm) int {
		return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.Currency, b.Currency))
	})
	return out, nil
}

// PromoLine is one promo code's use on sales still confirmed, in one
// currency: how many bookings, the discount given and what they paid.
type PromoLine struct {
	Currency, Code            string
	Bookings, Discount, Total int64
}

// reportPromos sums promo code use in one query.
func (s *Service) reportPromos(ctx context.Context, w reportWindow) ([]PromoLine, error) {
	rows, err := s.q.ReportPromos(ctx, s.pool, bookingdb.ReportPromosParams{Zones: w.zones, TheaterIds: w.ids,
		FromTime: w.from, UntilTime: w.until, FromDay: w.q.From, ToDay: w.q.To})
	if err != nil {
		return nil, fmt.Errorf("promo use at theaters %v: %w", w.ids, err)
	}
	out := make([]PromoLine, len(rows))
	for i, r := range rows {
		out[i] = PromoLine{Currency: r.Currency, Code: r.PromoCode, Bookings: r.Bookings, Discount: r.DiscountMinor, Total: r.TotalMinor}
	}
	return out, nil
}
