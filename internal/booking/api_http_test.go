package booking_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// apiSetup is the whole app, for the booking API.
func apiSetup(t testing.TB) *testBundle {
	t.Helper()
	return httpSetup(t, apptest.Options{})
}

// apiBuyer is a mobile app signed in as a new customer.
type apiBuyer struct {
	ab    *testBundle
	token string
}

// buyer creates a customer and signs in through POST /api/v1/auth/token.
func (ab *testBundle) buyer(t testing.TB, name string) *apiBuyer {
	t.Helper()
	u := ab.User(t, name, account.Customer)
	anon := &apiBuyer{ab: ab}
	status, body := anon.call(t, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": u.Email, "password": apptest.Password})
	require.Equal(t, http.StatusOK, status, "signed in: %s", body)
	var pair struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal(body, &pair))
	return &apiBuyer{ab: ab, token: pair.AccessToken}
}

// call sends a JSON request (body nil for none) and returns status and body.
func (u *apiBuyer) call(t testing.TB, method, path string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, u.ab.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	if res.StatusCode >= 400 {
		require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"), "errors are problem+json: %s", out)
	}
	return res.StatusCode, out
}

// apiProblem is the problem+json body of an error.
type apiProblem struct {
	Status int               `json:"status"`
	Code   string            `json:"code"`
	Detail string            `json:"detail"`
	Fields map[string]string `json:"fields"`
}

func (u *apiBuyer) problem(t *testing.T, method, path string, body any) apiProblem {
	t.Helper()
	status, raw := u.call(t, method, path, body)
	var p apiProblem
	require.NoError(t, json.Unmarshal(raw, &p), "%s", raw)
	require.Equal(t, status, p.Status)
	return p
}

type apiBookingBody struct {
	ID            int64  `json:"id"`
	Code          string `json:"code"`
	Status        string `json:"status"`
	ShowID        int64  `json:"show_id"`
	HoldExpiresAt string `json:"hold_expires_at"`
	Seats         []struct {
		Label    string `json:"label"`
		Category string `json:"category"`
		Price    int64  `json:"price"`
	} `json:"seats"`
	Subtotal int64  `json:"subtotal"`
	Total    int64  `json:"total"`
	Currency string `json:"currency"`
	Show     *struct {
		MovieTitle string `json:"movie_title"`
		Theater    string `json:"theater"`
		StartsAt   string `json:"starts_at"`
	} `json:"show"`
}

func (u *apiBuyer) hold(t *testing.T, seats ...string) apiBookingBody {
	t.Helper()
	status, raw := u.call(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", u.ab.show.ID), map[string]any{"seats": seats})
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	var b apiBookingBody
	require.NoError(t, json.Unmarshal(raw, &b))
	return b
}

type apiSeatMapBody struct {
	Show struct {
		ID         int64  `json:"id"`
		MovieTitle string `json:"movie_title"`
		Theater    string `json:"theater"`
		Screen     string `json:"screen"`
		StartsAt   string `json:"starts_at"`
		Currency   string `json:"currency"`
	} `json:"show"`
	OnSale    bool `json:"on_sale"`
	Available int  `json:"available"`
	Seats     []struct {
		Label    string `json:"label"`
		Row      int    `json:"row"`
		Col      int    `json:"col"`
		Category string `json:"category"`
		Price    int64  `json:"price"`
		State    string `json:"state"`
	} `json:"seats"`
}

// states maps each seat label of the show's seat map to its state.
func (u *apiBuyer) states(t *testing.T) (apiSeatMapBody, map[string]string) {
	t.Helper()
	status, raw := u.call(t, http.MethodGet, fmt.Sprintf("/api/v1/shows/%d/seats", u.ab.show.ID), nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var m apiSeatMapBody
	require.NoError(t, json.Unmarshal(raw, &m))
	out := map[string]string{}
	for _, s := range m.Seats {
		out[s.Label] = s.State
	}
	return m, out
}

func TestAPISeatMapShowsTheShowAndEverySeat(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	visitor := &apiBuyer{ab: ab}
	m, states := visitor.states(t)
	require.Equal(t, "Hold Tight", m.Show.MovieTitle)
	require.Equal(t, "Test Cinema", m.Show.Theater)
	require.Equal(t, "Screen 1", m.Show.Screen)
	require.Equal(t, "GBP", m.Show.Currency)
	starts, err := time.Parse(time.RFC3339, m.Show.StartsAt)
	require.NoError(t, err)
	require.WithinDuration(t, ab.show.StartsAt, starts, time.Second)
	require.True(t, m.OnSale)
	require.Len(t, m.Seats, 200)
	require.Equal(t, 199, m.Available, "A1 is blocked")
	require.Equal(t, "blocked", states["A1"])
	first, last := m.Seats[0], m.Seats[len(m.Seats)-1]
	require.Equal(t, "A1", first.Label)
	require.Equal(t, []int{0, 0}, []int{first.Row, first.Col})
	require.Equal(t, "J20", last.Label)
	require.Equal(t, []int{9, 19}, []int{last.Row, last.Col})
	require.Equal(t, "premium", last.Category)
	require.Equal(t, int64(1500), last.Price)

	ab.buyer(t, "Ada").hold(t, "F7")
	m, states = visitor.states(t)
	require.Equal(t, "held", states["F7"], "a hold shows at once")
	require.Equal(t, 198, m.Available)

	p := visitor.problem(t, http.MethodGet, "/api/v1/shows/999999/seats", nil)
	require.Equal(t, "not_found", p.Code)
	p = visitor.problem(t, http.MethodGet, "/api/v1/shows/F7/seats", nil)
	require.Equal(t, "not_found", p.Code)
}

func TestAPIHoldIsAllOrNothingAndNamesTheSeatsThatWent(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")

	b := ada.hold(t, "f8", "F7", "J1")
	require.NotZero(t, b.ID)
	require.NotEmpty(t, b.Code)
	require.Equal(t, "held", b.Status)
	require.Equal(t, ab.show.ID, b.ShowID)
	expires, err := time.Parse(time.RFC3339, b.HoldExpiresAt)
	require.NoError(t, err)
	require.WithinDuration(t, time.Now().Add(8*time.Minute), expires, time.Minute)
	require.Len(t, b.Seats, 3)
	require.Equal(t, []string{"F7", "F8", "J1"}, []string{b.Seats[0].Label, b.Seats[1].Label, b.Seats[2].Label})
	require.Equal(t, []int64{1000, 1000, 1500}, []int64{b.Seats[0].Price, b.Seats[1].Price, b.Seats[2].Price})
	require.Equal(t, "premium", b.Seats[2].Category)
	require.Equal(t, int64(3500), b.Subtotal)
	require.Equal(t, "GBP", b.Currency)

	path := fmt.Sprintf("/api/v1/shows/%d/holds", ab.show.ID)
	p := bo.problem(t, http.MethodPost, path, map[string]any{"seats": []string{"F9", "F8", "J1"}})
	require.Equal(t, http.StatusConflict, p.Status)
	require.Equal(t, "seat_taken", p.Code)
	require.Contains(t, p.Detail, "F8, J1")
	require.NotContains(t, p.Detail, "F9")
	_, states := bo.states(t)
	require.Equal(t, "free", states["F9"], "nothing is held when one seat is taken")

	for name, tc := range map[string]struct {
		body any
		want string
	}{
		"none":      {map[string]any{"seats": []string{}}, "Choose at least one seat: tap a seat on the map, or use Best available."},
		"duplicate": {map[string]any{"seats": []string{"B1", "b1"}}, "Seat B1 is chosen twice."},
		"not here":  {map[string]any{"seats": []string{"B1", "Z9"}}, "not in this screen"},
		"garbage":   {map[string]any{"seats": []string{"'; DROP"}}, "is not a seat"},
	} {
		p := bo.problem(t, http.MethodPost, path, tc.body)
		require.Equal(t, http.StatusUnprocessableEntity, p.Status, name)
		require.Equal(t, "invalid", p.Code, name)
		require.Contains(t, p.Fields["seats"], tc.want, name)
	}
	p = bo.problem(t, http.MethodPost, path, "F9")
	require.Equal(t, http.StatusBadRequest, p.Status, "not an object")
	p = bo.problem(t, http.MethodPost, "/api/v1/shows/999999/holds", map[string]any{"seats": []string{"B2"}})
	require.Equal(t, "not_found", p.Code)
	p = (&apiBuyer{ab: ab}).problem(t, http.MethodPost, path, map[string]any{"seats": []string{"B2"}})
	require.Equal(t, http.StatusUnauthorized, p.Status, "holding needs a signed-in buyer")
	require.Equal(t, "token_invalid", p.Code)

	_, err = ab.catalog.CancelShow(context.Background(), ab.show.ID)
	require.NoError(t, err)
	p = bo.problem(t, http.MethodPost, path, map[string]any{"seats": []string{"B1"}})
	require.Equal(t, "not_on_sale", p.Code)
	require.Zero(t, ab.invariantViolations(t))
}

func TestAPIBuyersSeeAndReleaseOnlyTheirOwnBookings(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "E5", "E6")

	status, raw := ada.call(t, http.MethodGet, "/api/v1/bookings", nil)
	require.Equal(t, http.StatusOK, status)
	var list struct {
		Items []apiBookingBody `json:"items"`
	}
	require.NoError(t, json.Unmarshal(raw, &list))
	require.Len(t, list.Items, 1)
	require.Equal(t, held.Code, list.Items[0].Code)
	require.Len(t, list.Items[0].Seats, 2)
	require.Equal(t, "Hold Tight", list.Items[0].Show.MovieTitle)

	status, raw = bo.call(t, http.MethodGet, "/api/v1/bookings", nil)
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"items":[]}`, string(raw), "Bo has no bookings")

	one := fmt.Sprintf("/api/v1/bookings/%d", held.ID)
	status, raw = ada.call(t, http.MethodGet, one, nil)
	require.Equal(t, http.StatusOK, status)
	var got apiBookingBody
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, int64(2000), got.Subtotal)
	require.Equal(t, "Test Cinema", got.Show.Theater)
	require.Equal(t, "not_found", bo.problem(t, http.MethodGet, one, nil).Code, "another buyer's booking does not exist for Bo")
	require.Equal(t, "not_found", ada.problem(t, http.MethodGet, "/api/v1/bookings/nope", nil).Code)

	release := fmt.Sprintf("/api/v1/holds/%d", held.ID)
	require.Equal(t, "not_found", bo.problem(t, http.MethodDelete, release, nil).Code)
	_, states := ada.states(t)
	require.Equal(t, "held", states["E5"], "Bo could not release Ada's seats")

	status, _ = ada.call(t, http.MethodDelete, release, nil)
	require.Equal(t, http.StatusNoContent, status)
	_, states = ada.states(t)
	require.Equal(t, "free", states["E5"], "released seats are on sale again at once")
	status, _ = ada.call(t, http.MethodDelete, release, nil)
	require.Equal(t, http.StatusNoContent, status, "releasing twice is harmless")
	status, raw = ada.call(t, http.MethodGet, "/api/v1/bookings", nil)
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"items":[]}`, string(raw), "a released hold is gone from the list")

	paid := ada.hold(t, "G1")
	require.NoError(t, pg.InTx(context.Background(), ab.pool, func(ctx context.Context, tx pgx.Tx) error { return ab.svc.Confirm(ctx, tx, paid.ID) }))
	p := ada.problem(t, http.MethodDelete, fmt.Sprintf("/api/v1/holds/%d", paid.ID), nil)
	require.Equal(t, http.StatusConflict, p.Status, "a paid booking is not a hold")
	_, states = ada.states(t)
	require.Equal(t, "booked", states["G1"])
	require.Zero(t, ab.invariantViolations(t))
}

// TestAPIBuyersRacingForTheSameSeatsGetThemOnce: eight apps ask for the
// same two seats at the same moment; exactly one gets them, the others
// hear seat_taken.
func TestAPIBuyersRacingForTheSameSeatsGetThemOnce(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	buyers := make([]*apiBuyer, 8)
	for i := range buyers {
		buyers[i] = ab.buyer(t, fmt.Sprintf("Racer%d", i))
	}
	path := fmt.Sprintf("/api/v1/shows/%d/holds", ab.show.ID)
	statuses := make([]int, len(buyers))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, u := range buyers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, _ := http.NewRequest(http.MethodPost, ab.URL+path, strings.NewReader(`{"seats":["H10","H11"]}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+u.token)
			if res, err := http.DefaultClient.Do(req); err == nil {
				statuses[i] = res.StatusCode
				res.Body.Close()
			}
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, s := range statuses {
		if s == http.StatusCreated {
			won++
		} else {
			require.Equal(t, http.StatusConflict, s)
		}
	}
	require.Equal(t, 1, won)
	require.Len(t, ab.seatOwners(t), 2)
	require.Zero(t, ab.invariantViolations(t))
}

func TestAPICancelWithinPolicy(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "F3")
	cancel := fmt.Sprintf("/api/v1/bookings/%d/cancel", held.ID)
	require.Equal(t, http.StatusConflict, ada.problem(t, http.MethodPost, cancel, nil).Status, "an unpaid hold is released, not cancelled")

	require.NoError(t, pg.InTx(context.Background(), ab.pool, func(ctx context.Context, tx pgx.Tx) error { return ab.svc.Confirm(ctx, tx, held.ID) }))
	require.Equal(t, "not_found", bo.problem(t, http.MethodPost, cancel, nil).Code)
	status, raw := ada.call(t, http.MethodPost, cancel, nil)
	require.Equal(t, http.StatusOK, status)
	var got apiBookingBody
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, "cancelled", got.Status)
	_, states := ada.states(t)
	require.Equal(t, "free", states["F3"], "the seat is on sale again")
	require.Equal(t, http.StatusConflict, ada.problem(t, http.MethodPost, cancel, nil).Status, "cancelling twice")
}
