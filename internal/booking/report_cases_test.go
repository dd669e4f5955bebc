package booking_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
)

// takingsTotals downloads the takings CSV and returns its "Takings by
// payment" totals by currency.
func takingsTotals(t *testing.T, br *testBrowser, q url.Values) map[string][]string {
	t.Helper()
	res, body := br.Get(t, "/admin/reports/takings.csv?"+q.Encode())
	require.Equal(t, http.StatusOK, res.StatusCode)
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	require.NoError(t, err)
	out := map[string][]string{}
	for _, r := range recs[1:] {
		if r[0] == "Takings by payment" && r[2] == "Total" {
			out[r[1]] = r[3:]
		}
	}
	return out
}

func TestTakingsInTwoCurrenciesAreNeverAddedTogether(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	_, err := f.pool.Exec(context.Background(), "UPDATE booking.bookings SET currency = 'INR' WHERE id = $1", f.idB)
	require.NoError(t, err)
	admin := f.browser(t, "Boss", account.Admin)

	totals := takingsTotals(t, admin, f.dates)
	require.Len(t, totals, 2, "one total per currency")
	require.Equal(t, "25.25", totals["GBP"][13], "theater A's pounds alone")
	require.Equal(t, "1", totals["INR"][0], "theater B's sale in rupees, apart")
	_, page := admin.Get(t, "/admin/reports?"+f.dates.Encode())
	require.Contains(t, page, "Net takings by day (GBP)")
	require.Contains(t, page, "Net takings by day (INR)")
}

func TestASaleFallsOnItsTheatersLocalDay(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	ctx := context.Background()
	// 20:00 UTC on 14 March is 01:30 on 15 March in Kolkata.
	_, err := f.pool.Exec(ctx, "UPDATE catalog.theaters SET time_zone = 'Asia/Kolkata' WHERE id = $1", f.show.TheaterID)
	require.NoError(t, err)
	_, err = f.pool.Exec(ctx, "UPDATE booking.bookings SET created_at = '2031-03-14 20:00:00Z' WHERE id = $1", f.counterID)
	require.NoError(t, err)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	totals := takingsTotals(t, manager, url.Values{"from": {"2031-03-15"}, "to": {"2031-03-15"}})
	require.Equal(t, []string{"1", "1", "10.00", "2.00", "0.00", "0.00", "0.00", "0.00", "8.00", "0.00", "0.00", "8.00", "0.00", "8.00"}, totals["GBP"])
	require.Empty(t, takingsTotals(t, manager, url.Values{"from": {"2031-03-14"}, "to": {"2031-03-14"}}),
		"nothing was sold on 14 March in Kolkata")
	_, page := manager.Get(t, "/admin/reports?from=2031-03-14&to=2031-03-14")
	require.Contains(t, page, "Nothing to report for these dates.")
}

func TestACardSaleAtTheBoxOfficeShowsInTakingsAndOccupancy(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	ctx := context.Background()
	clerk := f.staffAt(t, "Clerk", "box_office", f.chainA, f.show.TheaterID)
	_, err := f.svc.OpenTill(ctx, clerk.id, f.show.TheaterID, 2000, "GBP")
	require.NoError(t, err)
	_, err = f.svc.SellAtCounter(ctx, clerk.id, booking.CounterSale{ShowID: f.show.ID, Seats: []string{"F1", "F2"}, Method: booking.PayCard})
	require.NoError(t, err)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	rows := reportCSV(t, manager, "takings", f.dates)
	card := rows["Takings by payment|Counter · card"]
	require.Equal(t, []string{"1", "2", "20.00", "0.00", "0.00"}, card[:5], "two seats at 10.00, no booking fee at the counter")
	dist := reportCSV(t, manager, "distributor", f.dates)
	require.Equal(t, []string{"", "", "", "4", "40.00"}, dist["Distributor return: Hold Tight|Total"])
}
