package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

// findRule returns the theater's rule for category, days and time.
func findRule(t *testing.T, b *testBundle, theaterID int64, c catalog.Category, days, time string) (catalog.PriceRule, bool) {
	t.Helper()
	rules, err := b.Catalog.PriceRules(context.Background(), theaterID)
	require.NoError(t, err)
	for _, r := range rules {
		if r.Category == c && r.DayKind == days && r.Daypart == time {
			return r, true
		}
	}
	return catalog.PriceRule{}, false
}

func TestAdminPriceRuleAddReplaceDelete(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Everyman")
	path := fmt.Sprintf("/admin/theaters/%d/prices", th.ID)
	form := url.Values{"category": {"premium"}, "day_kind": {"weekend"}, "daypart": {"evening"}, "amount": {"18.50"}}

	res, _ := b.staff(t).Post(t, path, form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, fmt.Sprintf("/admin/theaters/%d#prices", th.ID), res.Header.Get("Location"))
	r, ok := findRule(t, b, th.ID, catalog.Premium, catalog.Weekend, catalog.Evening)
	require.True(t, ok)
	require.Equal(t, int64(1850), r.Amount)
	_, body := b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d", th.ID))
	require.Contains(t, body, "£18.50")

	// Same category, days and time: the price is replaced, not added.
	before, err := b.Catalog.PriceRules(context.Background(), th.ID)
	require.NoError(t, err)
	form.Set("amount", "1,020.5")
	res, _ = b.staff(t).Post(t, path, form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	after, err := b.Catalog.PriceRules(context.Background(), th.ID)
	require.NoError(t, err)
	require.Len(t, after, len(before))
	r, _ = findRule(t, b, th.ID, catalog.Premium, catalog.Weekend, catalog.Evening)
	require.Equal(t, int64(102050), r.Amount)

	for _, bad := range []string{"twelve", "12.505", "-3", ""} {
		form.Set("amount", bad)
		res, body = b.staff(t).Post(t, path, form)
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, bad)
		require.Contains(t, body, "Enter the price as a number such as 12.50.", bad)
		require.Contains(t, body, fmt.Sprintf(`value="%s"`, bad), "kept as typed")
		require.Contains(t, body, `<option value="weekend" selected>`)
	}
	form.Set("amount", "200000")
	res, body = b.staff(t).Post(t, path, form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter a price between 0 and 100,000.")
	form.Set("amount", "9")
	form.Set("daypart", "midnight")
	res, _ = b.staff(t).Post(t, path, form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)

	res, _ = b.staff(t).Post(t, fmt.Sprintf("%s/%d/delete", path, r.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, ok = findRule(t, b, th.ID, catalog.Premium, catalog.Weekend, catalog.Evening)
	require.False(t, ok)
	_, body = b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d", th.ID))
	require.NotContains(t, body, "£1,020.50")
}

func TestAdminTheaterPageWarnsAboutUnpricedSeats(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Lounge")
	l, err := catalog.NewLayout(2, 4)
	require.NoError(t, err)
	l.Rows[1].Cells = "rrrr"
	_, err = b.Catalog.CreateScreen(context.Background(), th.ID, catalog.ScreenInput{Name: "Gold", Formats: []string{"2D"}, Layout: l})
	require.NoError(t, err)

	_, body := b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d", th.ID))
	require.Contains(t, body, "No all-day price for: <strong>Recliner</strong>")

	// A weekday-only price still leaves weekends unpriced.
	res, _ := b.staff(t).Post(t, fmt.Sprintf("/admin/theaters/%d/prices", th.ID),
		url.Values{"category": {"recliner"}, "day_kind": {"weekday"}, "daypart": {"any"}, "amount": {"25"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d", th.ID))
	require.Contains(t, body, "<strong>Recliner</strong>")
	res, _ = b.staff(t).Post(t, fmt.Sprintf("/admin/theaters/%d/prices", th.ID),
		url.Values{"category": {"recliner"}, "day_kind": {"weekend"}, "daypart": {"any"}, "amount": {"30"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d", th.ID))
	require.NotContains(t, body, "No all-day price")
}
