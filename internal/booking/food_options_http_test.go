package booking_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

func TestABuyerPicksAFlavourAndExtrasAtCheckoutWithoutJavaScript(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	popcorn := cb.popcornWithOptions(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5")

	_, body := ann.Get(t, checkoutURL(bk.ID))
	body = html.UnescapeString(body)
	for _, want := range []string{"Popcorn: Flavour", "Choose one", "Choose up to 2", `type="radio"`, "Sweet", "+£0.30",
		"Extra butter", "+£0.50", `class="co-food__pic co-food__pic--none" aria-hidden="true">P<`} {
		require.Contains(t, body, want)
	}

	opt := func(g int) string { return fmt.Sprintf("opt_%d_%d", popcorn.ID, g) }
	res, _ := ann.Post(t, fmt.Sprintf("/bookings/%d/food", bk.ID), url.Values{
		fmt.Sprintf("food_%d_1", popcorn.ID): {"2"}, opt(0): {"Sweet"}, opt(1): {"Extra butter", "Caramel drizzle"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	// Ticket 10.00 + fee 0.75; two tubs at 6.00 + 0.30 + 0.50 + 0.75 = 7.55, 15.10 + 20% = 18.12.
	require.Equal(t, int64(1075+1510+302), cb.bookingTotal(t, bk.ID))
	_, body = ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, html.UnescapeString(body), "Popcorn (Large) — Flavour: Sweet, Extra butter, Caramel drizzle")

	res, body = ann.Post(t, fmt.Sprintf("/bookings/%d/food", bk.ID), url.Values{
		fmt.Sprintf("food_%d_1", popcorn.ID): {"1"}, opt(0): {"Sweet", "Mixed"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, html.UnescapeString(body), "Pick the options each item asks for")
	require.Equal(t, int64(1075+1510+302), cb.bookingTotal(t, bk.ID), "a refused change leaves the order as it was")
}

func TestTheAPIOffersOptionGroupsAndTakesTheChosenOptions(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	popcorn := ab.popcornWithOptions(t)
	ann := ab.buyer(t, "Ann")
	bk := ann.hold(t, "C5")

	var co struct {
		Menu []struct {
			ID           int64  `json:"id"`
			Picture      string `json:"picture_url"`
			OptionGroups []struct {
				Name    string `json:"name"`
				Min     int    `json:"min"`
				Max     int    `json:"max"`
				Options []struct {
					Name  string `json:"name"`
					Price int64  `json:"price"`
				} `json:"options"`
			} `json:"option_groups"`
		} `json:"menu"`
	}
	status, raw := ann.call(t, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d/checkout", bk.ID), nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &co))
	require.Len(t, co.Menu, 1)
	require.Len(t, co.Menu[0].OptionGroups, 2)
	require.Equal(t, "Flavour", co.Menu[0].OptionGroups[0].Name)
	require.Equal(t, []int{1, 1}, []int{co.Menu[0].OptionGroups[0].Min, co.Menu[0].OptionGroups[0].Max})
	require.Equal(t, int64(30), co.Menu[0].OptionGroups[0].Options[1].Price)

	food := fmt.Sprintf("/api/v1/bookings/%d/food", bk.ID)
	status, raw = ann.call(t, http.MethodPut, food, map[string]any{"items": []map[string]any{{"menu_item_id": popcorn.ID,
		"variant": "Medium", "qty": 1, "options": map[string][]string{"Flavour": {"Mixed"}, "Extras": {"Extra butter"}}}}})
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var after struct {
		FoodSubtotal int64 `json:"food_subtotal"`
		Food         []struct {
			Unit    int64    `json:"unit"`
			Options []string `json:"options"`
		} `json:"food"`
	}
	require.NoError(t, json.Unmarshal(raw, &after))
	require.Equal(t, int64(500), after.FoodSubtotal)
	require.Equal(t, []string{"Flavour: Mixed", "Extra butter"}, after.Food[0].Options)

	p := ann.problem(t, http.MethodPut, food, map[string]any{"items": []map[string]any{{"menu_item_id": popcorn.ID,
		"variant": "Medium", "qty": 1}}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["food"], "Pick the options")
}
