package booking_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

// tmsKey makes a staff API key with scopes (limited to theaters when some
// are given) and returns its secret.
func (ab *testBundle) tmsKey(t *testing.T, scopes []string, theaters ...int64) string {
	t.Helper()
	_, secret, err := ab.Account.CreateAPIKey(t.Context(), 0,
		account.NewAPIKey{Name: "Box office", Scopes: scopes, TheaterIDs: theaters}, "127.0.0.1")
	require.NoError(t, err)
	return secret
}

type tmsSeatsBody struct {
	Show struct {
		ID         int64  `json:"id"`
		TheaterID  int64  `json:"theater_id"`
		MovieTitle string `json:"movie_title"`
		Status     string `json:"status"`
	} `json:"show"`
	Counts map[string]int `json:"counts"`
	Seats  []struct {
		Label    string `json:"label"`
		Category string `json:"category"`
		Price    int64  `json:"price"`
		State    string `json:"state"`
	} `json:"seats"`
}

func TestATMSExportsEverySeatOfAShowWithItsState(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ab.buyer(t, "Ann").hold(t, "C5", "C6")
	path := fmt.Sprintf("/api/v1/tms/shows/%d/seats", ab.show.ID)

	r := ab.API(t).Do(t, http.MethodGet, path, nil, "X-API-Key", ab.tmsKey(t, []string{account.ScopeShowsRead}))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var out tmsSeatsBody
	r.JSON(t, &out)
	require.Equal(t, ab.show.ID, out.Show.ID)
	require.Equal(t, ab.show.TheaterID, out.Show.TheaterID)
	require.Equal(t, "Hold Tight", out.Show.MovieTitle)
	require.Equal(t, map[string]int{"total": 200, "free": 197, "held": 2, "booked": 0, "blocked": 1}, out.Counts)
	require.Len(t, out.Seats, 200)
	states := map[string]string{}
	for _, s := range out.Seats {
		states[s.Label] = s.State
		if s.Label == "J1" {
			require.Equal(t, "premium", s.Category)
			require.Equal(t, int64(1500), s.Price)
		}
	}
	require.Equal(t, "held", states["C5"])
	require.Equal(t, "blocked", states["A1"])
	require.Equal(t, "free", states["C7"])
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
}

func TestATMSKeyForOtherTheatersFindsNoShowHere(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	elsewhere := ab.tmsKey(t, []string{account.ScopeShowsRead, account.ScopeBookingsRead}, ab.show.TheaterID+1000)
	here := ab.tmsKey(t, []string{account.ScopeShowsRead}, ab.show.TheaterID)

	for _, p := range []string{"/api/v1/tms/shows/%d/seats", "/api/v1/tms/shows/%d/bookings"} {
		r := ab.API(t).Do(t, http.MethodGet, fmt.Sprintf(p, ab.show.ID), nil, "X-API-Key", elsewhere)
		require.Equal(t, http.StatusNotFound, r.Status, p)
		require.Equal(t, "not_found", r.Problem(t).Code)
	}
	r := ab.API(t).Do(t, http.MethodGet, fmt.Sprintf("/api/v1/tms/shows/%d/seats", ab.show.ID), nil, "X-API-Key", here)
	require.Equal(t, http.StatusOK, r.Status)
	r = ab.API(t).Do(t, http.MethodGet, fmt.Sprintf("/api/v1/tms/shows/%d/bookings", ab.show.ID), nil, "X-API-Key", here)
	require.Equal(t, http.StatusForbidden, r.Status, "no bookings:read")
	require.Equal(t, "insufficient_scope", r.Problem(t).Code)
	r = ab.API(t).Do(t, http.MethodGet, "/api/v1/tms/shows/999999/seats", nil, "X-API-Key", here)
	require.Equal(t, http.StatusNotFound, r.Status)
}

func TestATMSExportsAShowsBookingsAPageAtATime(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ab.buyer(t, "Ann").hold(t, "C5", "C6")
	ab.buyer(t, "Bea").hold(t, "D1")
	ab.buyer(t, "Cal").hold(t, "J10")
	key := ab.tmsKey(t, []string{account.ScopeBookingsRead})
	path := fmt.Sprintf("/api/v1/tms/shows/%d/bookings", ab.show.ID)

	type page struct {
		Items []struct {
			Code   string `json:"code"`
			Status string `json:"status"`
			Seats  []struct {
				Label string `json:"label"`
			} `json:"seats"`
			Total    int64  `json:"total"`
			Currency string `json:"currency"`
		} `json:"items"`
		NextCursor string `json:"next_cursor"`
	}
	r := ab.API(t).Do(t, http.MethodGet, path+"?limit=2", nil, "X-API-Key", key)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "example.com", "no buyer's email")
	var first page
	r.JSON(t, &first)
	require.Len(t, first.Items, 2)
	require.NotEmpty(t, first.NextCursor)
	require.Equal(t, "held", first.Items[0].Status)
	require.Equal(t, []string{"C5", "C6"}, []string{first.Items[0].Seats[0].Label, first.Items[0].Seats[1].Label})
	require.Equal(t, int64(2000), first.Items[0].Total)
	require.Equal(t, "D1", first.Items[1].Seats[0].Label)

	r = ab.API(t).Do(t, http.MethodGet, path+"?limit=2&cursor="+first.NextCursor, nil, "X-API-Key", key)
	require.Equal(t, http.StatusOK, r.Status)
	var second page
	r.JSON(t, &second)
	require.Len(t, second.Items, 1)
	require.Equal(t, "J10", second.Items[0].Seats[0].Label)
	require.Empty(t, second.NextCursor, "the last page")

	r = ab.API(t).Do(t, http.MethodGet, path+"?cursor=not-ours", nil, "X-API-Key", key)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r = ab.API(t).Do(t, http.MethodGet, path+"?limit=500", nil, "X-API-Key", key)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r = ab.API(t).Do(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
}
