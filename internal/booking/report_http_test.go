package booking_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// reportFixture is twoTheatersSetup plus, at theater A, a sale cancelled
// with a partial refund and a cash sale at the counter.
type reportFixture struct {
	*twoTheaters
	cancelledID, counterID int64
	dates                  url.Values
}

func reportSetup(t *testing.T) *reportFixture {
	t.Helper()
	tt := twoTheatersSetup(t)
	f := &reportFixture{twoTheaters: tt}
	ctx := context.Background()
	cancelled := tt.sold(t, tt.buyer.id, tt.show, "E6", "E7")
	f.cancelledID = cancelled.ID
	_, err := tt.pool.Exec(ctx, `UPDATE booking.bookings SET status = 'cancelled', cancelled_at = now(), refund_minor = 1500 WHERE id = $1`, cancelled.ID)
	require.NoError(t, err)
	_, err = tt.pool.Exec(ctx, `UPDATE booking.booking_seats SET live = false WHERE booking_id = $1`, cancelled.ID)
	require.NoError(t, err)
	_, err = tt.pool.Exec(ctx, `UPDATE booking.show_seats SET state = 'free', booking_id = NULL WHERE booking_id = $1`, cancelled.ID)
	require.NoError(t, err)

	var till int64
	require.NoError(t, tt.pool.QueryRow(ctx, `INSERT INTO booking.till_sessions (theater_id, user_id, currency, float_minor)
		VALUES ($1, $2, 'GBP', 5000) RETURNING id`, tt.show.TheaterID, tt.buyer.id).Scan(&till))
	require.NoError(t, tt.pool.QueryRow(ctx, `INSERT INTO booking.bookings (code, show_id, theater_id, status, hold_expires_at, currency,
		subtotal_minor, total_minor, confirmed_at, channel, payment_method, till_session_id, promo_code, discount_minor)
		VALUES ('CTR-001', $1, $2, 'confirmed', now(), 'GBP', 1000, 800, now(), 'counter', 'cash', $3, '=HYPERLINK("x")', 200)
		RETURNING id`, tt.show.ID, tt.show.TheaterID, till).Scan(&f.counterID))
	_, err = tt.pool.Exec(ctx, `INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor) VALUES ($1, $2, 'E8', 'standard', 1000)`,
		f.counterID, tt.show.ID)
	require.NoError(t, err)
	_, err = tt.pool.Exec(ctx, `UPDATE booking.show_seats SET state = 'booked', booking_id = $1 WHERE show_id = $2 AND seat = 'E8'`, f.counterID, tt.show.ID)
	require.NoError(t, err)

	today := time.Now().UTC()
	f.dates = url.Values{"from": {today.AddDate(0, 0, -1).Format(time.DateOnly)}, "to": {today.AddDate(0, 0, 3).Format(time.DateOnly)}}
	return f
}

// reportCSV downloads a report and returns its rows keyed by section and
// item (the header under "header").
func reportCSV(t *testing.T, br *testBrowser, name string, q url.Values) map[string][]string {
	t.Helper()
	res, body := br.Get(t, "/admin/reports/"+name+".csv?"+q.Encode())
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.Equal(t, "text/csv; charset=utf-8", res.Header.Get("Content-Type"))
	require.Contains(t, res.Header.Get("Content-Disposition"), `attachment; filename="marquee-`+name+`-`)
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	require.NoError(t, err)
	out := map[string][]string{"header": recs[0]}
	for _, r := range recs[1:] {
		out[r[0]+"|"+r[2]] = r[3:]
	}
	return out
}

func TestAManagerSeesTheirTheatersTakingsNetOfRefundsByPaymentMethod(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	res, page := manager.Get(t, "/admin/reports?"+f.dates.Encode())
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, `<title id="rp-chart-0-title">Net takings by day (GBP)</title>`, "a chart of takings by day")

	rows := reportCSV(t, manager, "takings", f.dates)
	require.Equal(t, []string{"Section", "Currency", "Item", "Bookings", "Admissions", "Tickets", "Discounts", "Booking fees",
		"Ticket tax", "Food and drink", "Food tax", "Paid", "Refunds", "Food refunds", "Tickets net", "Food net", "Net"}, rows["header"])
	online, cash := rows["Takings by payment|Online"], rows["Takings by payment|Counter · cash"]
	require.NotNil(t, online, "online sales")
	require.NotNil(t, cash, "the counter's cash sale")
	t.Logf("online: %v; cash: %v; total: %v", online, cash, rows["Takings by payment|Total"])
	require.Equal(t, []string{"1", "1", "10.00", "2.00", "0.00", "0.00", "0.00", "0.00", "8.00", "0.00", "0.00", "8.00", "0.00", "8.00"}, cash)
	require.Equal(t, []string{"2", "1", "30.00", "0.00", "2.25", "0.00", "0.00", "0.00", "32.25", "15.00", "0.00", "17.25", "0.00", "17.25"}[1:], online[1:])
	require.Equal(t, "2", online[0], "the confirmed sale and the cancelled one")
	require.Equal(t, []string{"3", "2", "40.00", "2.00", "2.25", "0.00", "0.00", "0.00", "40.25", "15.00", "0.00", "25.25", "0.00", "25.25"}, rows["Takings by payment|Total"],
		"net is paid less the refund actually given")
	_, elsewhere := rows["Takings by film|Elsewhere"]
	require.False(t, elsewhere, "another theater's sales are left out")
}

func TestOccupancyAndTheDistributorReturnCountSeatsOfEachShow(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	admin := f.staffAt(t, "Chief", "chain_admin", f.chainA, 0)
	q := url.Values{"from": f.dates["from"], "to": f.dates["to"]}

	occ := reportCSV(t, admin, "occupancy", q)
	var showRow []string
	for k, v := range occ { // the first show; the later one sold nothing
		if strings.HasPrefix(k, "Occupancy by show|Hold Tight") && v[0] != "0" {
			showRow = v
		}
	}
	require.NotNil(t, showRow)
	t.Logf("occupancy of Hold Tight: %v", showRow)
	require.Equal(t, "2", showRow[0], "E5 online and E8 at the counter; the cancelled seats are free again")
	capacity, err := strconv.Atoi(showRow[1])
	require.NoError(t, err)
	require.Equal(t, strconv.FormatFloat(200/float64(capacity), 'f', 1, 64), showRow[2])

	dist := reportCSV(t, admin, "distributor", q)
	require.Equal(t, []string{"Section", "Currency", "Item", "Time", "Theater", "Screen", "Admissions", "Box-office gross"}, dist["header"])
	total := dist["Distributor return: Hold Tight|Total"]
	require.Equal(t, []string{"", "", "", "2", "20.00"}, total, "two seats at 10.00, no fee or tax")
}

func TestAReportsCSVCellsCannotRunAsFormulas(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)
	rows := reportCSV(t, manager, "promos", f.dates)
	require.Equal(t, []string{"1", "2.00", "8.00"}, rows[`Promo codes|'=HYPERLINK("x")`], "the code is quoted, its figures kept")
}

func TestReportsAreScopedToTheTheatersAManagerRuns(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	q := url.Values{"from": f.dates["from"], "to": f.dates["to"], "theater": {strconv.FormatInt(f.other.TheaterID, 10)}}
	res, _ := manager.Get(t, "/admin/reports?"+q.Encode())
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another theater's report")
	res, _ = manager.Get(t, "/admin/reports/takings.csv?"+q.Encode())
	require.Equal(t, http.StatusNotFound, res.StatusCode, "nor its CSV")

	q.Set("theater", strconv.FormatInt(f.show.TheaterID, 10))
	res, page := manager.Get(t, "/admin/reports?"+q.Encode())
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Hold Tight")
	require.NotContains(t, page, "Elsewhere")

	other := f.staffAt(t, "Riverboss", "chain_admin", f.chainB, 0)
	rows := reportCSV(t, other, "top", f.dates)
	_, ok := rows["Top sellers|Elsewhere"]
	require.True(t, ok, "chain B's admin sees chain B's film")
	_, ok = rows["Top sellers|Hold Tight"]
	require.False(t, ok, "and not chain A's")

	door := f.staffAt(t, "Door", "door", f.chainA, f.show.TheaterID)
	res, _ = door.Get(t, "/admin/reports")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
}

func TestReportDatesAreCheckedWithFieldErrors(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)
	for q, msg := range map[string]string{
		"from=2031-13-01&to=2031-01-01": "Enter a date like 2031-03-14.",
		"from=2031-03-10&to=2031-03-01": "The last day cannot be before the first.",
		"from=2030-01-01&to=2031-03-01": "A report covers at most 366 days.",
		"report=nonsense":               "Choose a report from the list.",
	} {
		res, page := manager.Get(t, "/admin/reports?"+q)
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, q)
		require.Contains(t, page, msg, q)
		require.Contains(t, page, `aria-invalid="true"`, q)
	}
}
