package idempotency_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/idempotency"
)

// TestARetriedHoldThroughTheAPIHoldsTheSeatsOnce: the app's own guard
// (web.Auth.API) honours the key on a real route.
func TestARetriedHoldThroughTheAPIHoldsTheSeatsOnce(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{})
	ada, adaUser := s.APIUser(t, "Ada", account.Customer)
	path := fmt.Sprintf("/api/v1/shows/%d/holds", show.ID)
	seats := map[string]any{"seats": []string{"C4", "C5"}}

	first := ada.Do(t, http.MethodPost, path, seats, idempotency.Header, "hold-c4-c5")
	require.Equal(t, http.StatusCreated, first.Status, "%s", first.Body)
	var held struct {
		ID int64 `json:"id"`
	}
	first.JSON(t, &held)
	require.NotZero(t, held.ID)

	again := ada.Do(t, http.MethodPost, path, seats, idempotency.Header, "hold-c4-c5")
	require.Equal(t, http.StatusCreated, again.Status, "the retry is not told its own seats are taken: %s", again.Body)
	require.Equal(t, first.Body, again.Body, "the same booking")
	require.Equal(t, first.Header.Get("Location"), again.Header.Get("Location"))
	require.Equal(t, "true", again.Header.Get(idempotency.HeaderReplayed))

	reused := ada.Do(t, http.MethodPost, path, map[string]any{"seats": []string{"D4"}}, idempotency.Header, "hold-c4-c5")
	require.Equal(t, "idempotency_key_reused", reused.Problem(t).Code)

	// Another user's identical key is theirs: their hold really runs.
	bob, _ := s.APIUser(t, "Bob", account.Customer)
	taken := bob.Do(t, http.MethodPost, path, seats, idempotency.Header, "hold-c4-c5")
	require.Equal(t, "seat_taken", taken.Problem(t).Code)

	// Two racing retries of a new hold: one booking, one answer.
	var wg sync.WaitGroup
	raced := make([][]byte, 2)
	for i := range raced {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := ada.Do(t, http.MethodPost, path, map[string]any{"seats": []string{"E1", "E2"}}, idempotency.Header, "hold-e1-e2")
			require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
			raced[i] = r.Body
		}()
	}
	wg.Wait()
	require.Equal(t, raced[0], raced[1])

	var bookings, racedSeats int
	require.NoError(t, s.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM booking.bookings WHERE user_id = $1`, adaUser.ID).Scan(&bookings))
	require.Equal(t, 2, bookings, "one booking per key")
	var racedHold struct {
		ID int64 `json:"id"`
	}
	require.NoError(t, json.Unmarshal(raced[0], &racedHold))
	require.NoError(t, s.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM booking.show_seats WHERE booking_id = $1`, racedHold.ID).Scan(&racedSeats))
	require.Equal(t, 2, racedSeats, "E1 and E2, held once")
}
