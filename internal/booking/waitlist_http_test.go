package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

func TestAPIJoinSeeLeaveAndListTheWaitlist(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	path := fmt.Sprintf("/api/v1/shows/%d/waitlist", ab.show.ID)
	require.Equal(t, "not_sold_out", ada.problem(t, http.MethodPost, path, map[string]any{"seats": 2}).Code)
	ab.sellOut(t, "C5")

	p := ada.problem(t, http.MethodPost, path, map[string]any{"seats": 0})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.NotEmpty(t, p.Fields["seats"])
	status, raw := ada.call(t, http.MethodPost, path, map[string]any{"seats": 2, "together": true, "max_price": 1200})
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	var e struct {
		State    string `json:"state"`
		Position *int   `json:"position"`
		MaxPrice *int64 `json:"max_price"`
	}
	require.NoError(t, json.Unmarshal(raw, &e))
	require.Equal(t, "waiting", e.State)
	require.Equal(t, 1, *e.Position)
	require.Equal(t, int64(1200), *e.MaxPrice)
	var follows int
	require.NoError(t, ab.pool.QueryRow(context.Background(), `SELECT count(*) FROM recommend.events
		WHERE movie_id = $1 AND kind = 'follow'`, ab.show.MovieID).Scan(&follows))
	require.Equal(t, 1, follows, "recommendations learn that Ada wants to see the movie")
	require.Equal(t, "already_waiting", ada.problem(t, http.MethodPost, path, map[string]any{"seats": 1}).Code)

	status, raw = bo.call(t, http.MethodPost, path, map[string]any{"seats": 1})
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &e))
	require.Equal(t, 2, *e.Position)

	status, raw = ada.call(t, http.MethodGet, "/api/v1/me/waitlist", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var mine struct {
		Entries []struct {
			ShowID int64 `json:"show_id"`
		} `json:"entries"`
	}
	require.NoError(t, json.Unmarshal(raw, &mine))
	require.Len(t, mine.Entries, 1)
	require.Equal(t, ab.show.ID, mine.Entries[0].ShowID)

	status, _ = ada.call(t, http.MethodDelete, path, nil)
	require.Equal(t, http.StatusNoContent, status)
	require.Equal(t, "not_found", ada.problem(t, http.MethodGet, path, nil).Code)
	status, raw = bo.call(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &e))
	require.Equal(t, 1, *e.Position, "Ada left: Bo is first")
}

func TestABuyerJoinsFromTheSoldOutMapGetsTheOfferPageAndOnlyTheTheatersStaffSeeTheLine(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	ctx := context.Background()
	sold := tt.sellOut(t, "C5")
	bee, cy := tt.browser(t, "Bee", account.Customer), tt.browser(t, "Cy", account.Customer)
	wl := fmt.Sprintf("/shows/%d/waitlist", tt.show.ID)
	_, page := bee.Get(t, fmt.Sprintf("/shows/%d/seats", tt.show.ID))
	require.Contains(t, page, `href="`+wl+`"`, "the sold-out map leads to the waitlist")

	res, page := bee.Post(t, wl, url.Values{"seats": {"11"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Choose between 1 and 10 seats.")
	res, page = bee.Post(t, wl, url.Values{"seats": {"1"}, "max_price": {"12.x"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Enter an amount like 12.50")
	res, _ = bee.Post(t, wl, url.Values{"seats": {"1"}, "max_price": {"20"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, page = bee.Get(t, wl)
	require.Contains(t, page, "Number 1 in line")
	_, page = bee.Get(t, "/account/bookings")
	require.Contains(t, page, "Waiting for seats", "My bookings lists the place in line")
	require.Contains(t, page, "Number 1 in line")
	require.Contains(t, page, `href="`+wl+`"`)

	_, err := tt.svc.Cancel(ctx, sold["C5"].UserID, sold["C5"].ID)
	require.NoError(t, err)
	_, err = tt.svc.MatchWaitlist(ctx, tt.show.ID)
	require.NoError(t, err)
	e := tt.entry(t, bee.id)
	offer := "/waitlist/offers/" + strconv.FormatInt(e.ID, 10)
	res, page = bee.Get(t, offer)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "C5")
	require.Contains(t, page, "data-deadline=")
	require.Contains(t, page, fmt.Sprintf(`href="/bookings/%d/checkout"`, e.OfferBookingID))
	res, _ = cy.Get(t, offer)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another buyer's offer")
	_, page = bee.Get(t, "/account/bookings")
	require.Contains(t, page, "Seats held for you until", "My bookings leads to the seats held")
	require.Contains(t, page, `href="`+offer+`"`)
	_, page = cy.Get(t, "/account/bookings")
	require.NotContains(t, page, "Waiting for seats")

	staffPath := fmt.Sprintf("/admin/shows/%d/waitlist", tt.show.ID)
	here := tt.staffAt(t, "Here", "theater_manager", tt.chainA, tt.show.TheaterID)
	res, page = here.Get(t, staffPath)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "#"+strconv.FormatInt(bee.id, 10))
	_, page = here.Get(t, fmt.Sprintf("/admin/shows/%d/occupancy", tt.show.ID))
	require.Contains(t, page, `href="`+staffPath+`"`)
	elsewhere := tt.staffAt(t, "Elsewhere", "theater_manager", tt.chainB, tt.other.TheaterID)
	res, page = elsewhere.Get(t, staffPath)
	require.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, res.StatusCode)
	require.NotContains(t, page, "#"+strconv.FormatInt(bee.id, 10))
	res, _ = cy.Get(t, staffPath)
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	res, _ = bee.Post(t, offer+"/decline", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "expired", tt.status(t, e.OfferBookingID), "declined: the seat is free again")
}
