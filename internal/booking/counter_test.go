package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/check"
)

// clerkWithTill signs in a box office clerk of theater A and opens their
// till with a float of 100.00.
func clerkWithTill(t *testing.T, tt *twoTheaters, name string) *testBrowser {
	t.Helper()
	clerk := tt.staffAt(t, name, "box_office", tt.chainA, tt.show.TheaterID)
	res, _ := clerk.Post(t, "/admin/till/open", url.Values{"theater": {strconv.FormatInt(tt.show.TheaterID, 10)}, "float": {"100.00"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	return clerk
}

func sell(t *testing.T, br *testBrowser, showID int64, form url.Values) (*http.Response, string) {
	t.Helper()
	return br.Post(t, "/admin/counter/shows/"+strconv.FormatInt(showID, 10)+"/sell", form)
}

func seatIsBooked(body, seat string) bool {
	return regexp.MustCompile(`data-state="booked"[^>]*>\s*<input[^>]*value="` + seat + `"`).MatchString(body)
}

func TestAClerkSellsTwoSeatsForCashAndEveryMapSeesThemTaken(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")

	res, body := clerk.Get(t, "/admin/counter")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Hold Tight")

	tt.Start(t) // the live seat map hub
	stream := tt.seatmapSubscribe(t)
	stream.next(t, "the first snapshot", func(map[string]string) bool { return true })
	res, _ = sell(t, clerk, tt.show.ID, url.Values{"seats": {"F5", "F6"}, "method": {"cash"}, "tendered": {"50.00"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	ev := stream.next(t, "F5 and F6 sold", func(ev map[string]string) bool { return ev["F5"] == "booked" })
	require.Equal(t, "booked", ev["F6"], "an open seat map hears of the counter sale")
	printed := res.Header.Get("Location")
	res, body = clerk.Get(t, printed)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Seat F5")
	require.Contains(t, body, "Seat F6")
	require.Contains(t, body, "30.00", "the change from 50.00 for two 10.00 seats")

	_, page := tt.buyer.Get(t, "/shows/"+strconv.FormatInt(tt.show.ID, 10)+"/seats")
	require.True(t, seatIsBooked(page, "F5"), "the public seat map shows F5 sold")
	require.True(t, seatIsBooked(page, "F6"))
	_, api := tt.buyer.Get(t, "/api/v1/shows/"+strconv.FormatInt(tt.show.ID, 10)+"/seats")
	require.Regexp(t, `"F5"[^}]*"booked"|"booked"[^}]*"F5"`, api)
}

func TestSellingASeatSomeoneHoldsOnlineIsRefusedNamingItAndSellsNothing(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	_, err := tt.svc.Hold(context.Background(), tt.buyer.id, tt.show.ID, []string{"G7"})
	require.NoError(t, err)

	res, body := sell(t, clerk, tt.show.ID, url.Values{"seats": {"G6", "G7"}, "method": {"card"}})
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body, "Already taken: G7")
	var n int
	require.NoError(t, tt.pool.QueryRow(context.Background(), "SELECT count(*) FROM booking.bookings WHERE channel = 'counter'").Scan(&n))
	require.Zero(t, n)
	require.NotContains(t, tt.seatOwners(t), "G6")
}

func TestTwoClerksRacingForOneSeatSellItOnce(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	a := clerkWithTill(t, tt, "ClerkA")
	b := clerkWithTill(t, tt, "ClerkB")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, id := range []int64{a.id, b.id} {
		wg.Go(func() {
			_, errs[i] = tt.svc.SellAtCounter(context.Background(), id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{"H9"}, Method: booking.PayCard})
		})
	}
	wg.Wait()
	sold := 0
	for _, err := range errs {
		if err == nil {
			sold++
		} else {
			require.ErrorIs(t, err, booking.ErrSeatTaken)
		}
	}
	require.Equal(t, 1, sold)
	require.Zero(t, tt.invariantViolations(t))
}

func TestCashUpShowsTheVariance(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	_, err := tt.svc.SellAtCounter(context.Background(), clerk.id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{"B1", "B2"}, Method: booking.PayCash})
	require.NoError(t, err)
	_, err = tt.svc.SellAtCounter(context.Background(), clerk.id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{"B3"}, Method: booking.PayCard})
	require.NoError(t, err)

	sum, err := tt.svc.CloseTill(context.Background(), clerk.id, 11500, "one fiver short")
	require.NoError(t, err)
	require.Equal(t, int64(12000), sum.ExpectedCash, "float 100 + cash 20; the card sale is not cash")
	require.Equal(t, int64(-500), *sum.Variance)
	res, body := clerk.Get(t, "/admin/till/"+strconv.FormatInt(sum.ID, 10))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Regexp(t, `data-variance>[^<]*5\.00`, body)
}

func TestAClerkOfOneTheaterCannotSellAtAnothersShowAndDoorStaffCannotSell(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	res, _ := sell(t, clerk, tt.other.ID, url.Values{"seats": {"C5"}, "method": {"cash"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = clerk.Get(t, "/admin/counter/shows/"+strconv.FormatInt(tt.other.ID, 10))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	door := tt.staffAt(t, "Door", "door", tt.chainA, tt.show.TheaterID)
	res, _ = door.Get(t, "/admin/counter")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = sell(t, door, tt.show.ID, url.Values{"seats": {"C5"}, "method": {"cash"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)
}

func TestAVoucherSaleNeedsItsReference(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	res, body := sell(t, clerk, tt.show.ID, url.Values{"seats": {"D4"}, "method": {"voucher"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the voucher")
	require.NotContains(t, tt.seatOwners(t), "D4")

	res, body = sell(t, clerk, tt.show.ID, url.Values{"seats": {"D4"}, "method": {"cash"}, "tendered": {"5.00"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "less than the total due")
	require.NotContains(t, tt.seatOwners(t), "D4", "too little cash sells nothing")
}

func TestAManagerCancelsACounterSaleAndTheTillShowsTheRefund(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	r, err := tt.svc.SellAtCounter(context.Background(), clerk.id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{"E8"}, Method: booking.PayCash})
	require.NoError(t, err)
	manager := tt.staffAt(t, "Manager", "theater_manager", tt.chainA, tt.show.TheaterID)

	res, body := manager.Get(t, "/admin/bookings/"+r.Code)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Sold at the box office")
	require.Contains(t, body, "Paid at the counter: Cash")

	res, body = manager.Post(t, "/admin/bookings/"+r.Code+"/cancel", url.Values{"refund": {"10.00"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "no till open: the refund has nowhere to come from")
	require.Contains(t, body, "open your till")

	res, _ = manager.Post(t, "/admin/till/open", url.Values{"theater": {strconv.FormatInt(tt.show.TheaterID, 10)}, "float": {"50"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = manager.Post(t, "/admin/bookings/"+r.Code+"/cancel", url.Values{"refund": {"10.00"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	till, err := tt.svc.OpenTillOf(context.Background(), manager.id)
	require.NoError(t, err)
	sum, err := tt.svc.TillSummary(context.Background(), till.ID)
	require.NoError(t, err)
	require.Equal(t, []booking.MethodTotal{{Method: "cash", Count: 1, Amount: 1000}}, sum.Refunds)
	require.Equal(t, int64(4000), sum.ExpectedCash, "float 50 less the 10 cash refund")
	require.NotContains(t, tt.seatOwners(t), "E8")
	var payments int
	require.NoError(t, tt.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.refunds").Scan(&payments))
	require.Zero(t, payments, "no provider refund for a counter sale")
}

func TestTheInvariantsHoldAfterCounterSales(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	var sold []int64
	for _, seat := range []string{"J1", "J2"} {
		r, err := tt.svc.SellAtCounter(context.Background(), clerk.id, booking.CounterSale{ShowID: tt.show.ID, Seats: []string{seat}, Method: booking.PayCard})
		require.NoError(t, err)
		sold = append(sold, r.ID)
	}
	findings, err := check.Run(context.Background(), tt.pool, check.Options{Grace: 1})
	require.NoError(t, err)
	// The bundle's online bookings are confirmed without a payment module;
	// the counter sales must not be among the findings.
	for _, f := range findings {
		for _, id := range sold {
			require.NotContains(t, f.Detail, fmt.Sprintf("booking %d ", id))
		}
		require.NotEqual(t, check.SeatSoldTwice, f.Invariant)
		require.NotEqual(t, check.SeatMapAgrees, f.Invariant)
	}
}

func TestAManagerSeesTheirTheatersTillsAndAnotherTheatersManagerDoesNot(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	sum, err := tt.svc.CloseTill(context.Background(), clerk.id, 9000, "")
	require.NoError(t, err)
	tillPath := "/admin/till/" + strconv.FormatInt(sum.ID, 10)

	manager := tt.staffAt(t, "Manager", "theater_manager", tt.chainA, tt.show.TheaterID)
	res, body := manager.Get(t, "/admin/tills")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, tillPath)
	require.Contains(t, body, "till-short", "a till 10.00 short is marked")
	res, _ = manager.Get(t, tillPath)
	require.Equal(t, http.StatusOK, res.StatusCode)

	elsewhere := tt.staffAt(t, "Elsewhere", "theater_manager", tt.chainB, tt.other.TheaterID)
	res, body = elsewhere.Get(t, "/admin/tills")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotContains(t, body, tillPath)
	res, _ = elsewhere.Get(t, tillPath)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = elsewhere.Post(t, "/admin/till/open", url.Values{"theater": {strconv.FormatInt(tt.show.TheaterID, 10)}, "float": {"10"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "no till at a theater the staff member may not sell at")
	res, _ = clerk.Get(t, "/admin/tills")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "box office staff do not manage")
}

func TestTheCounterSendsAClerkWithoutATillToOpenOne(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := tt.staffAt(t, "Clerk", "box_office", tt.chainA, tt.show.TheaterID)
	res, _ := clerk.Get(t, "/admin/counter")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/admin/till", res.Header.Get("Location"))
	res, body := clerk.Post(t, "/admin/till/open", url.Values{"theater": {strconv.FormatInt(tt.show.TheaterID, 10)}, "float": {"lots"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the opening float")
}
