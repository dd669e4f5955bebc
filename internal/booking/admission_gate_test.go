package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

func TestABuyerNotYetAdmittedIsSentToTheWaitingPage(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{withRoom: true, onSaleIn: time.Hour})
	br, _ := gb.customer(t, "Early")
	seats := fmt.Sprintf("/shows/%d/seats?seats=F7", gb.show.ID)

	res, _ := br.Get(t, seats)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.Regexp(t, `^/waiting/\d+$`, loc.Path)
	require.Equal(t, seats, loc.Query().Get("next"), "back to the same map, seats ticked, once admitted")

	res, _ = gb.holdForm(t, br, gb.show.ID, "F7")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Contains(t, res.Header.Get("Location"), loc.Path)
	require.Empty(t, gb.seatOwners(t), "nothing held")

	res, body := br.Get(t, loc.String())
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "You&#39;re in the queue")
	require.Contains(t, body, `data-position>1<`)
	require.Contains(t, body, "Tickets go on sale")
}

func TestAnAdmittedBuyerHoldsSeats(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{withRoom: true, onSaleIn: time.Minute})
	br, _ := gb.customer(t, "Patient")
	res, _ := br.Get(t, fmt.Sprintf("/shows/%d/seats", gb.show.ID))
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "queued before the on-sale")
	waiting := res.Header.Get("Location")

	gb.clock.advance(time.Minute)
	res, _ = br.Get(t, waiting)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the waiting page lets them through")
	require.Equal(t, fmt.Sprintf("/shows/%d/seats", gb.show.ID), res.Header.Get("Location"))
	res, _ = br.Get(t, res.Header.Get("Location"))
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = gb.holdForm(t, br, gb.show.ID, "F7", "F8")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Contains(t, res.Header.Get("Location"), "/checkout")
	require.Len(t, gb.seatOwners(t), 2)
}

func TestTheAPIAnswersABuyerInTheQueueWithWaitingRoomAndRetryAfter(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{withRoom: true, onSaleIn: 30 * time.Second})
	first, second := gb.apiToken(t, "Ann"), gb.apiToken(t, "Ben")
	gb.apiHold(t, first, gb.show.ID, "F7")

	res, body := gb.apiHold(t, second, gb.show.ID, "F8")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	p := readProblem(t, res, body)
	require.Equal(t, "waiting_room", p.Code)
	require.Equal(t, 2, p.Position)
	require.Equal(t, 31, p.WaitSeconds, "the on-sale, then one slot at 60 a minute")
	require.Equal(t, 31, retryAfter(t, res))
	require.Empty(t, gb.seatOwners(t))

	gb.clock.advance(31 * time.Second)
	res, body = gb.apiHold(t, second, gb.show.ID, "F8")
	require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
}

func TestAShowWithoutARoomSellsAsUsual(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{})
	res, body := gb.apiHold(t, gb.apiToken(t, "Cleo"), gb.show.ID, "F7")
	require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
}

func TestHoldsBeyondTheRatePerAccountAreRefused(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{perAccount: 2})
	token := gb.apiToken(t, "Hasty")
	for _, seat := range []string{"F7", "F8"} {
		res, body := gb.apiHold(t, token, gb.show.ID, seat)
		require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
	}
	res, body := gb.apiHold(t, token, gb.show.ID, "F9")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.Equal(t, "hold_rate_account", readProblem(t, res, body).Code)
	require.Equal(t, 30, retryAfter(t, res), "one hold comes back every 30 s at 2 a minute")

	br, _ := gb.customer(t, "Clicky")
	for range 2 {
		gb.holdForm(t, br, gb.show.ID, "H1")
	}
	res, page := gb.holdForm(t, br, gb.show.ID, "H1")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "the map again, with the reason")
	require.Contains(t, page, "times in the last minute")
}

func TestHoldsBeyondTheRatePerAddressAreRefused(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{perIP: 2})
	for i, name := range []string{"One", "Two"} {
		res, body := gb.apiHold(t, gb.apiToken(t, name), gb.show.ID, fmt.Sprintf("F%d", i+7))
		require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
	}
	res, body := gb.apiHold(t, gb.apiToken(t, "Three"), gb.show.ID, "F9")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.Equal(t, "hold_rate_ip", readProblem(t, res, body).Code)
	require.Positive(t, retryAfter(t, res))
}

func TestABuyerHoldsUnpaidSeatsForAtMostNShowsAtOnce(t *testing.T) {
	t.Parallel()
	gb := gateSetup(t, gateOptions{maxUnpaidHolds: 1})
	ctx := context.Background()
	later, err := gb.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: gb.show.MovieID, ScreenID: gb.show.ScreenID,
		StartsAt: gb.show.StartsAt.Add(24 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	token := gb.apiToken(t, "Hoarder")

	res, body := gb.apiHold(t, token, gb.show.ID, "F7")
	require.Equal(t, http.StatusCreated, res.StatusCode, "%s", body)
	res, body = gb.apiHold(t, token, later.ID, "F7")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	p := readProblem(t, res, body)
	require.Equal(t, "too_many_holds", p.Code)
	require.Contains(t, p.Detail, "release them")
	res, body = gb.apiHold(t, token, gb.show.ID, "F8")
	require.Equal(t, http.StatusCreated, res.StatusCode, "a new choice on the same show replaces the hold: %s", body)

	br, _ := gb.customer(t, "Browser")
	gb.holdForm(t, br, gb.show.ID, "H1")
	res, page := gb.holdForm(t, br, later.ID, "H1")
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.Contains(t, page, "other shows")
}
