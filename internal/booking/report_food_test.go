package booking_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
)

// addFood puts qty of an item on a paid booking as checkout would: a
// line copied from the menu, its price and tax added to the total.
func addFood(t *testing.T, pool *pgxpool.Pool, bookingID, itemID int64, name, variant string, qty, unit, tax int64) {
	t.Helper()
	ctx := context.Background()
	_, err := pool.Exec(ctx, `INSERT INTO booking.booking_items (booking_id, menu_item_id, name, variant, qty, unit_price_minor, tax_minor)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, bookingID, itemID, name, variant, qty, unit, tax)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE booking.bookings SET total_minor = total_minor + $2 WHERE id = $1`, bookingID, qty*unit+tax)
	require.NoError(t, err)
}

func TestTakingsShowTicketsAndFoodApartWithTheRefundSplitInProportion(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	addFood(t, f.pool, f.idA, 1, "Popcorn", "Large", 2, 450, 90)   // 10.75 of tickets + 9.90 of food
	addFood(t, f.pool, f.cancelledID, 2, "Nachos", "", 1, 500, 50) // 21.50 + 5.50 = 27.00, 15.00 refunded
	// Nachos ordered later for the paid booking: an order of its own.
	var addon int64
	require.NoError(t, f.pool.QueryRow(context.Background(), `INSERT INTO booking.bookings (code, show_id, theater_id, status, hold_expires_at,
		currency, subtotal_minor, total_minor, confirmed_at) VALUES ('ADD-001', $1, $2, 'confirmed', now(), 'GBP', 0, 0, now()) RETURNING id`,
		f.show.ID, f.show.TheaterID).Scan(&addon))
	_, err := f.pool.Exec(context.Background(), `INSERT INTO booking.food_addons (booking_id, parent_id) VALUES ($1, $2)`, addon, f.idA)
	require.NoError(t, err)
	addFood(t, f.pool, addon, 2, "Nachos", "", 1, 500, 50)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	rows := reportCSV(t, manager, "takings", f.dates)
	// The refund's food share: 15.00 x 5.50 / 27.00 = 3.0555… -> 3.06.
	require.Equal(t, []string{"2", "1", "30.00", "0.00", "2.25", "0.00", "19.00", "1.90", "53.15", "15.00", "3.06", "20.31", "17.84", "38.15"},
		rows["Takings by payment|Online"], "tickets 32.25 less 11.94 refunded; food 15.40 + 5.50 later, less 3.06; the later order is no booking")
	require.Equal(t, []string{"3", "2", "40.00", "2.00", "2.25", "0.00", "19.00", "1.90", "61.15", "15.00", "3.06", "28.31", "17.84", "46.15"},
		rows["Takings by payment|Total"])
	require.Equal(t, rows["Takings by payment|Total"], rows["Takings by film|Hold Tight"], "every sale was of one film")
}

// foodRows downloads the food report as records keyed by section, item
// and size.
func foodRows(t *testing.T, br *testBrowser, q url.Values) map[string][]string {
	t.Helper()
	res, body := br.Get(t, "/admin/reports/food.csv?"+q.Encode())
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"Section", "Currency", "Item", "Size", "Rank", "Units sold", "Before tax", "Tax", "Gross"}, recs[0])
	out := map[string][]string{}
	for _, r := range recs[1:] {
		out[r[0]+"|"+r[2]+"|"+r[3]] = r[4:]
	}
	return out
}

func TestTheFoodReportRanksEachItemAndSizeAtEachTheater(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	addFood(t, f.pool, f.idA, 1, "Popcorn", "Large", 2, 450, 90)
	addFood(t, f.pool, f.counterID, 3, "Water", "", 3, 150, 0)
	addFood(t, f.pool, f.counterID, 1, "Popcorn", "Medium", 1, 350, 35)
	addFood(t, f.pool, f.cancelledID, 2, "Nachos", "", 1, 500, 50)
	addFood(t, f.pool, f.idB, 9, "Popcorn", "Large", 1, 450, 45)
	var here, there string
	require.NoError(t, f.pool.QueryRow(context.Background(), "SELECT name FROM catalog.theaters WHERE id = $1", f.show.TheaterID).Scan(&here))
	require.NoError(t, f.pool.QueryRow(context.Background(), "SELECT name FROM catalog.theaters WHERE id = $1", f.other.TheaterID).Scan(&there))
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	rows := foodRows(t, manager, f.dates)
	at := "Food and drink at " + here + "|"
	require.Equal(t, map[string][]string{
		at + "Water|":         {"1", "3", "4.50", "0.00", "4.50"},
		at + "Popcorn|Large":  {"2", "2", "9.00", "0.90", "9.90"},
		at + "Popcorn|Medium": {"3", "1", "3.50", "0.35", "3.85"},
		at + "Total|":         {"", "6", "17.00", "1.25", "18.25"},
	}, rows, "the cancelled sale's nachos and the other theater's food are left out")

	_, page := manager.Get(t, "/admin/reports?report=food&"+f.dates.Encode())
	require.Contains(t, page, "Food and drink at "+here+" (GBP)")

	boss := f.browser(t, "Boss", account.Admin)
	rows = foodRows(t, boss, f.dates)
	every := "Food and drink at every theater|"
	require.Equal(t, []string{"1", "3", "13.50", "1.35", "14.85"}, rows[every+"Popcorn|Large"], "both theaters' large popcorn, first on takings")
	require.Equal(t, []string{"2", "3", "4.50", "0.00", "4.50"}, rows[every+"Water|"])
	require.Equal(t, []string{"", "7", "21.50", "1.70", "23.20"}, rows[every+"Total|"])
	require.Equal(t, []string{"1", "1", "4.50", "0.45", "4.95"}, rows["Food and drink at "+there+"|Popcorn|Large"])
}

func TestVoucherUseShowsByPrefixAndByReferenceBesidePromoCodes(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	ctx := context.Background()
	clerk := f.staffAt(t, "Clerk", "box_office", f.chainA, f.show.TheaterID)
	_, err := f.svc.OpenTill(ctx, clerk.id, f.show.TheaterID, 2000, "GBP")
	require.NoError(t, err)
	for ref, seats := range map[string][]string{"gift-0042": {"F1"}, "GIFT0043": {"F2", "F3"}, "ODN-7": {"F4"}, "7781": {"F5"}} {
		_, err = f.svc.SellAtCounter(ctx, clerk.id, booking.CounterSale{ShowID: f.show.ID, Seats: seats, Method: booking.PayVoucher, VoucherRef: ref})
		require.NoError(t, err)
	}
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	rows := reportCSV(t, manager, "promos", f.dates)
	require.Equal(t, []string{"2", "0.00", "30.00"}, rows["Vouchers by prefix|GIFT"], "gift-0042 and GIFT0043, three seats at 10.00")
	require.Equal(t, []string{"1", "0.00", "10.00"}, rows["Vouchers by prefix|ODN"])
	require.Equal(t, []string{"1", "0.00", "10.00"}, rows["Vouchers by prefix|No prefix"])
	require.Equal(t, []string{"4", "0.00", "50.00"}, rows["Vouchers by prefix|Total"])
	require.Equal(t, []string{"1", "0.00", "20.00"}, rows["Vouchers by reference|GIFT0043"])
	require.Equal(t, []string{"4", "0.00", "50.00"}, rows["Vouchers by reference|Total"])
	require.Equal(t, []string{"1", "2.00", "8.00"}, rows[`Promo codes|'=HYPERLINK("x")`], "promo codes beside them")
}

func TestAReportFileWithBadParametersAnswersAProblemNotAPage(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)
	for path, want := range map[string]struct {
		status      int
		code, field string
	}{
		"takings.csv?from=2031-13-01&to=2031-01-01":                       {http.StatusUnprocessableEntity, "invalid", "from"},
		"takings.csv?from=2030-01-01&to=2031-03-01":                       {http.StatusUnprocessableEntity, "invalid", "to"},
		"food.csv?from=2031-03-10&to=2031-03-01":                          {http.StatusUnprocessableEntity, "invalid", "to"},
		"promos.csv?theater=riverside":                                    {http.StatusUnprocessableEntity, "invalid", "theater"},
		"takings.csv?theater=" + strconv.FormatInt(f.other.TheaterID, 10): {http.StatusNotFound, "not_found", ""},
		"takings.csv?theater=999999999":                                   {http.StatusNotFound, "not_found", ""},
		"nonsense.csv":                                                    {http.StatusNotFound, "not_found", ""},
		"takings.xlsx":                                                    {http.StatusNotFound, "not_found", ""},
	} {
		res, body := manager.Get(t, "/admin/reports/"+path)
		require.Equal(t, want.status, res.StatusCode, path)
		require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"), path)
		var p struct {
			Code   string            `json:"code"`
			Detail string            `json:"detail"`
			Fields map[string]string `json:"fields"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &p), path)
		require.Equal(t, want.code, p.Code, path)
		require.NotEmpty(t, p.Detail, path)
		if want.field != "" {
			require.NotEmpty(t, p.Fields[want.field], path)
		}
	}
}

func TestTheTakingsChartNamesItsDaysFewerOnAPhone(t *testing.T) {
	t.Parallel()
	f := reportSetup(t)
	manager := f.staffAt(t, "Manager", "theater_manager", f.chainA, f.show.TheaterID)

	_, page := manager.Get(t, "/admin/reports?"+f.dates.Encode())
	require.Equal(t, 5, strings.Count(page, `class="rp-chart__day"`), "five days, each named")
	require.NotContains(t, page, "rp-chart__day--wide")
	require.Contains(t, page, `aria-labelledby="rp-chart-0-title rp-chart-0-desc"`)
	require.Contains(t, page, `<desc id="rp-chart-0-desc">One bar for each day from`)
	require.Contains(t, page, "The figures are in the table Takings by day (GBP) below. The busiest day was")
	chart := page[strings.Index(page, `<figure class="card rp-chart"`):]
	require.Less(t, strings.Index(chart, "</figure>"), strings.Index(chart, "<caption>Takings by day (GBP)</caption>"),
		"the chart stands just above its table")

	today := time.Now().UTC()
	q := url.Values{"from": {today.AddDate(0, 0, -56).Format(time.DateOnly)}, "to": {today.AddDate(0, 0, 3).Format(time.DateOnly)}} // 60 days
	_, page = manager.Get(t, "/admin/reports?"+q.Encode())
	require.Equal(t, 5, strings.Count(page, `class="rp-chart__day"`), "every 12th day on a phone")
	require.Equal(t, 10, strings.Count(page, `class="rp-chart__day rp-chart__day--wide"`), "and every 4th on a wider screen")
}
