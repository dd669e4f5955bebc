package booking_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

// TestAClerkSellsAnAdultAndAChildWithFoodForCashAndEveryReprintShowsItAll
// sells 1 Adult (10.00) and 1 Child (60%: 6.00), a large popcorn (6.00 +
// 20% tax) and nachos (5.00 + 20% tax): 29.20, paid with 50.00.
func TestAClerkSellsAnAdultAndAChildWithFoodForCashAndEveryReprintShowsItAll(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	tt.familyTypes(t, "PG")
	popcorn, _, nachos := tt.menu(t, intp(5))
	clerk := clerkWithTill(t, tt, "Clara")

	res, page := clerk.Get(t, "/admin/counter/shows/"+strconv.FormatInt(tt.show.ID, 10))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, `name="count_CHILD"`)
	require.Contains(t, page, fmt.Sprintf(`name="food_%d_2"`, popcorn.ID), "the large popcorn")

	res, _ = sell(t, clerk, tt.show.ID, url.Values{"seats": {"F5", "F6"}, "count_ADULT": {"1"}, "count_CHILD": {"1"},
		fmt.Sprintf("food_%d_2", popcorn.ID): {"1"}, fmt.Sprintf("food_%d", nachos.ID): {"1"},
		"method": {"cash"}, "tendered": {"50.00"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	printed := res.Header.Get("Location")
	require.NotContains(t, printed, "tendered", "the cash handed over is kept with the sale, not in the link")

	var total, tendered, change int64
	var seller string
	require.NoError(t, tt.pool.QueryRow(context.Background(), `SELECT total_minor, tendered_minor, change_minor, seller_name
		FROM booking.bookings WHERE channel = 'counter'`).Scan(&total, &tendered, &change, &seller))
	require.Equal(t, []int64{2920, 5000, 2080}, []int64{total, tendered, change})
	require.Equal(t, "Clara", seller)
	require.Equal(t, 4, tt.stockOf(t, nachos.ID), "the nachos' stock is taken with the sale")

	manager := tt.staffAt(t, "Manager", "theater_manager", tt.chainA, tt.show.TheaterID)
	for _, br := range []*testBrowser{clerk, manager} {
		res, page = br.Get(t, printed)
		require.Equal(t, http.StatusOK, res.StatusCode)
		page = html.UnescapeString(page)
		require.Regexp(t, `F5 \(Standard\) · Adult</td><td>[^<]*10\.00`, page)
		require.Regexp(t, `F6 \(Standard\) · Child</td><td>[^<]*6\.00`, page)
		require.Contains(t, page, "Photo ID or school card showing age", "the child ticket says what proof the door asks for")
		require.Contains(t, page, "1 × Popcorn (Large)")
		require.Contains(t, page, "1 × Nachos")
		require.Regexp(t, `Tax</th><td>[^<]*2\.20`, page)
		require.Regexp(t, `<strong>[^<]*29\.20</strong>`, page)
		require.Regexp(t, `data-change>[^<]*20\.80`, page)
		require.Contains(t, page, "Served by Clara", "the seller, whoever reprints")
		require.Contains(t, page, "data-pickup", "the food's pickup code")
	}

	till, err := tt.svc.OpenTillOf(context.Background(), clerk.id)
	require.NoError(t, err)
	sum, err := tt.svc.TillSummary(context.Background(), till.ID)
	require.NoError(t, err)
	require.Equal(t, []booking.MethodTotal{{Method: "cash", Count: 1, Amount: 2920}}, sum.Takings, "the food is in the till's takings")
	require.Equal(t, int64(12920), sum.ExpectedCash)
}

func TestTheCounterSellsNoChildTicketForAnEighteenFilm(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	tt.familyTypes(t, "18")
	clerk := clerkWithTill(t, tt, "Clerk")

	_, page := clerk.Get(t, "/admin/counter/shows/"+strconv.FormatInt(tt.show.ID, 10))
	require.NotContains(t, page, `name="count_CHILD"`)
	res, page := sell(t, clerk, tt.show.ID, url.Values{"seats": {"F5", "F6"}, "count_ADULT": {"1"}, "count_CHILD": {"1"}, "method": {"card"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "That ticket type is not sold for this show.")
	require.NotContains(t, tt.seatOwners(t), "F5", "nothing is sold")

	res, _ = sell(t, clerk, tt.show.ID, url.Values{"seats": {"F5", "F6"}, "method": {"card"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "no counts: both seats Adult")
	var types string
	require.NoError(t, tt.pool.QueryRow(context.Background(), `SELECT string_agg(ticket_type_code || ' ' || price_minor, ', ' ORDER BY seat)
		FROM booking.booking_seats s JOIN booking.bookings b ON b.id = s.booking_id WHERE b.channel = 'counter'`).Scan(&types))
	require.Equal(t, "ADULT 1000, ADULT 1000", types)
}

func TestFoodSoldOutAtTheCounterSellsNothing(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	_, _, nachos := tt.menu(t, intp(1))
	clerk := clerkWithTill(t, tt, "Clerk")

	res, page := sell(t, clerk, tt.show.ID, url.Values{"seats": {"G1"}, fmt.Sprintf("food_%d", nachos.ID): {"2"}, "method": {"card"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, html.UnescapeString(page), "Nachos has sold out (1 left)")
	require.NotContains(t, tt.seatOwners(t), "G1")
	require.Equal(t, 1, tt.stockOf(t, nachos.ID))
}

func TestACancelledShowsCounterSalesAreOwedAndPaidOutFromTheClerksTill(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	ctx := context.Background()
	cash, err := tt.svc.SellAtCounter(ctx, clerk.id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{"H1", "H2"},
		Method: booking.PayCash, SellerName: "Clerk"})
	require.NoError(t, err)
	card, err := tt.svc.SellAtCounter(ctx, clerk.id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{"H3"}, Method: booking.PayCard})
	require.NoError(t, err)

	tt.Work(t)
	_, err = tt.catalog.CancelShow(ctx, tt.show.ID)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return tt.statusOf(t, cash.ID) == "cancelled" && tt.statusOf(t, card.ID) == "cancelled" },
		time.Minute, 20*time.Millisecond, "the show's cancellation job cancels the counter sales")
	require.Equal(t, "cancelled", tt.statusOf(t, tt.idA), "the online sale is cancelled too")

	res, page := clerk.Get(t, "/admin/counter")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Refunds owed")
	require.Contains(t, page, `data-owed="`+cash.Code+`"`)
	require.Contains(t, page, `data-owed="`+card.Code+`"`)
	require.NotContains(t, page, `data-owed="`+tt.atA+`"`, "an online sale is refunded by its payment provider")

	res, _ = clerk.Post(t, "/admin/counter/refunds/"+cash.Code+"/pay", url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = clerk.Post(t, "/admin/counter/refunds/"+cash.Code+"/pay", url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "paid out once")
	_, page = clerk.Get(t, "/admin/counter")
	require.NotContains(t, page, `data-owed="`+cash.Code+`"`)
	require.Contains(t, page, `data-owed="`+card.Code+`"`)

	till, err := tt.svc.OpenTillOf(ctx, clerk.id)
	require.NoError(t, err)
	sum, err := tt.svc.TillSummary(ctx, till.ID)
	require.NoError(t, err)
	require.Equal(t, []booking.MethodTotal{{Method: "cash", Count: 1, Amount: 2000}}, sum.Refunds)
	require.Equal(t, int64(10000), sum.ExpectedCash, "float 100 + 20 taken - 20 given back")

	elsewhere := tt.staffAt(t, "Elsewhere", "box_office", tt.chainB, tt.other.TheaterID)
	res, _ = elsewhere.Post(t, "/admin/till/open", url.Values{"theater": {strconv.FormatInt(tt.other.TheaterID, 10)}, "float": {"10"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = elsewhere.Post(t, "/admin/counter/refunds/"+card.Code+"/pay", url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another theater's clerk cannot pay it out")
}
