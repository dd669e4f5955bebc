package booking_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheAPIListsTheMenuSetsTheFoodAndTheTotalChanges(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	popcorn, drink, _ := ab.menu(t, nil)
	ann := ab.buyer(t, "Ann")
	bk := ann.hold(t, "C5")
	checkout := fmt.Sprintf("/api/v1/bookings/%d/checkout", bk.ID)

	var before struct {
		Total int64 `json:"total"`
		Menu  []struct {
			ID    int64 `json:"id"`
			Sizes []struct {
				Name string `json:"name"`
			} `json:"sizes"`
		} `json:"menu"`
	}
	status, raw := ann.call(t, http.MethodGet, checkout, nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &before))
	require.Len(t, before.Menu, 3)
	require.Equal(t, int64(1075), before.Total)

	food := fmt.Sprintf("/api/v1/bookings/%d/food", bk.ID)
	status, raw = ann.call(t, http.MethodPut, food, map[string]any{"items": []map[string]any{
		{"menu_item_id": popcorn.ID, "variant": "Large", "qty": 1}, {"menu_item_id": drink.ID, "qty": 2}}})
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var after struct {
		Total        int64 `json:"total"`
		FoodSubtotal int64 `json:"food_subtotal"`
		FoodTax      int64 `json:"food_tax"`
		Food         []struct {
			Name string `json:"name"`
			Qty  int    `json:"qty"`
		} `json:"food"`
	}
	require.NoError(t, json.Unmarshal(raw, &after))
	require.Equal(t, int64(2395), after.Total)
	require.Equal(t, []int64{1100, 220}, []int64{after.FoodSubtotal, after.FoodTax})
	require.Len(t, after.Food, 2)

	p := ann.problem(t, http.MethodPut, food, map[string]any{"items": []map[string]any{{"menu_item_id": popcorn.ID, "variant": "Huge", "qty": 1}}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["food"], "sizes")
	p = ann.problem(t, http.MethodPut, food, "not an object")
	require.Equal(t, http.StatusBadRequest, p.Status)
	require.Equal(t, int64(2395), ab.bookingTotal(t, bk.ID), "refused changes leave the order as it was")
}
