package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

func TestAPIExchangeMovesABookingToAnotherShow(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ctx := context.Background()
	later, err := ab.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: ab.show.MovieID, ScreenID: ab.show.ScreenID,
		StartsAt: ab.show.StartsAt.Add(24 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "F3", "F4")
	require.NoError(t, pg.InTx(ctx, ab.pool, func(ctx context.Context, tx pgx.Tx) error { return ab.svc.Confirm(ctx, tx, held.ID) }))
	base := fmt.Sprintf("/api/v1/bookings/%d/exchange", held.ID)
	body := map[string]any{"show_id": later.ID, "seats": []string{"G1", "G2"}}

	status, raw := ada.call(t, http.MethodGet, base+"/shows", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var list struct {
		Shows []struct {
			ID int64 `json:"id"`
		} `json:"shows"`
	}
	require.NoError(t, json.Unmarshal(raw, &list))
	require.Len(t, list.Shows, 1)
	require.Equal(t, later.ID, list.Shows[0].ID)

	require.Equal(t, "not_found", bo.problem(t, http.MethodPost, base, body).Code, "someone else's booking")
	require.Equal(t, "not_found", bo.problem(t, http.MethodGet, base+"/shows", nil).Code)
	require.Equal(t, "same_show", ada.problem(t, http.MethodPost, base, map[string]any{"show_id": ab.show.ID, "seats": []string{"G1", "G2"}}).Code)
	p := ada.problem(t, http.MethodPost, base+"/quote", map[string]any{"show_id": later.ID, "seats": []string{"G1"}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status, "one seat for a booking of two")
	require.NotEmpty(t, p.Fields["seats"])
	status, raw = ada.call(t, http.MethodPost, base, map[string]any{"show_id": later.ID, "seats": []string{"J1", "J2"}})
	require.Equal(t, http.StatusAccepted, status, "dearer seats wait for the difference: %s", raw)
	var dear struct {
		Quote struct {
			Due int64 `json:"due"`
		} `json:"quote"`
		Payment struct {
			BookingID int64 `json:"booking_id"`
			Amount    int64 `json:"amount"`
		} `json:"payment"`
	}
	require.NoError(t, json.Unmarshal(raw, &dear))
	require.Positive(t, dear.Quote.Due)
	require.Equal(t, dear.Quote.Due, dear.Payment.Amount)
	require.NotEqual(t, held.ID, dear.Payment.BookingID, "the difference is paid apart")
	_, err = ab.svc.Hold(ctx, 99, later.ID, []string{"H1"})
	require.NoError(t, err)
	require.Equal(t, "seat_taken", ada.problem(t, http.MethodPost, base, map[string]any{"show_id": later.ID, "seats": []string{"H1", "H2"}}).Code)

	status, raw = ada.call(t, http.MethodPost, base+"/quote", body)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var q struct {
		Allowed    bool     `json:"allowed"`
		Seats      []string `json:"seats"`
		Difference int64    `json:"difference"`
	}
	require.NoError(t, json.Unmarshal(raw, &q))
	require.True(t, q.Allowed)
	require.Equal(t, []string{"G1", "G2"}, q.Seats)
	require.Zero(t, q.Difference)

	for range 2 { // the second time is a retry: the same answer
		status, raw = ada.call(t, http.MethodPost, base, body)
		require.Equal(t, http.StatusOK, status, "%s", raw)
		var got apiBookingBody
		require.NoError(t, json.Unmarshal(raw, &got))
		require.Equal(t, later.ID, got.ShowID)
		require.Equal(t, "confirmed", got.Status)
		require.Len(t, got.Seats, 2)
		require.Equal(t, "G1", got.Seats[0].Label)
	}
	require.Zero(t, ab.invariantViolations(t))
}

func TestBuyerChangesShowFromTheBookingPage(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	buyer := sb.browser(t, "Ada", account.Customer)
	bk := sb.sold(t, buyer.id, sb.show, "G4", "G5")
	page := fmt.Sprintf("/bookings/%d", bk.ID)
	list := page + "/exchange"
	seats := fmt.Sprintf("%s/%d", list, sb.later.ID)

	_, body := buyer.Get(t, page)
	require.Contains(t, body, `href="`+list+`"`, "the booking page offers to change show")
	res, body := buyer.Get(t, list)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `href="`+seats+`"`, "the later show is offered")
	res, body = buyer.Get(t, seats)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `value="F1"`, "the new show's seat map")

	stranger := sb.browser(t, "Eve", account.Customer)
	res, _ = stranger.Get(t, list)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "only the buyer sees the shows")
	res, _ = stranger.Post(t, seats, url.Values{"seats": {"F1", "F2"}, "confirm": {"1"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "only the buyer may move it")

	res, body = buyer.Post(t, seats, url.Values{"seats": {"F1"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose as many seats as your booking has")
	res, body = buyer.Post(t, seats, url.Values{"seats": {"F1", "F2"}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Yes, move my booking to these seats")
	require.Len(t, sb.seatOwners(t), 2, "a quote changes nothing")

	res, _ = buyer.Post(t, seats, url.Values{"seats": {"F1", "F2"}, "confirm": {"1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = buyer.Get(t, page)
	require.Contains(t, body, "is moved to")
	require.Contains(t, body, "F1")
	require.Empty(t, sb.seatOwners(t), "the old seats are back on sale")

	sb.clock.advance(sb.later.StartsAt.Sub(sb.clock.now()) - time.Hour) // an hour before the new show
	_, body = buyer.Get(t, page)
	require.NotContains(t, body, `href="`+list+`"`, "no Change show after the cut-off")
	res, _ = buyer.Get(t, list)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "back to the booking")
	_, body = buyer.Get(t, page)
	require.Contains(t, body, "can no longer be moved to another show")
}
