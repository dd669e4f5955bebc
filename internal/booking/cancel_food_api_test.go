package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

func TestAPICancelFoodLines(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ctx := context.Background()
	_, _, nachos := ab.menu(t, intp(10))
	ada := ab.buyer(t, "Ada")
	held := ada.hold(t, "F3", "F4")
	var userID int64
	require.NoError(t, ab.pool.QueryRow(ctx, "SELECT user_id FROM booking.bookings WHERE id = $1", held.ID).Scan(&userID))
	_, err := ab.svc.SetFood(ctx, userID, held.ID, []booking.FoodChoice{{MenuItemID: nachos.ID, Qty: 2}})
	require.NoError(t, err)
	require.NoError(t, ab.confirm(t, held.ID))
	path := fmt.Sprintf("/api/v1/bookings/%d/cancel-seats", held.ID)

	status, raw := ada.call(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var q struct {
		Allowed bool  `json:"allowed"`
		Refund  int64 `json:"refund"`
		Lines   []struct {
			Line int64 `json:"line"`
			Qty  int   `json:"qty"`
		} `json:"lines"`
		Items []struct {
			Line int64 `json:"line"`
			Qty  int   `json:"qty"`
		} `json:"items"`
	}
	require.NoError(t, json.Unmarshal(raw, &q))
	require.Len(t, q.Lines, 1, "the quote lists the food that can be cancelled")
	line := q.Lines[0].Line

	status, raw = ada.call(t, http.MethodGet, fmt.Sprintf("%s?items=%d:1", path, line), nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &q))
	require.Equal(t, int64(600), q.Refund)
	require.Len(t, q.Items, 1)

	p := ada.problem(t, http.MethodPost, path, map[string]any{})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Equal(t, "nothing_to_cancel", p.Code)
	p = ada.problem(t, http.MethodPost, path, map[string]any{"items": []map[string]any{{"line": line, "qty": 3}}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.NotEmpty(t, p.Fields["items"])

	status, raw = ada.call(t, http.MethodPost, path, map[string]any{"items": []map[string]any{{"line": line, "qty": 1}}})
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var got apiBookingBody
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, "confirmed", got.Status)
	require.Len(t, got.Seats, 2, "the seats stay")
	require.Equal(t, 9, ab.stockOf(t, nachos.ID))
}
