package catalog_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

// newHonoluluTheater makes a theater in Honolulu (UTC-10), where the test
// clock's Wednesday 09:00 UTC is still Tuesday 23:00.
func newHonoluluTheater(t *testing.T, b *testBundle, name string) catalog.Theater {
	t.Helper()
	newCity(t, b, "Honolulu", "Pacific/Honolulu", "USD")
	th, err := b.Catalog.CreateTheater(context.Background(), catalog.TheaterInput{Name: name, CitySlug: "honolulu",
		Address: "1 Kalakaua Avenue", TimeZone: "Pacific/Honolulu", TrailerMinutes: 15, CleaningMinutes: 15})
	require.NoError(t, err)
	for _, cat := range []catalog.Category{catalog.Standard, catalog.Premium} {
		require.NoError(t, b.Catalog.SetPriceRule(context.Background(), catalog.PriceRule{TheaterID: th.ID,
			Category: cat, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 15_00}))
	}
	return th
}

func TestDashboardPagesTheatersAndShowsOnlyTheNextShowsOfEach(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovie(t, b, "Long Night")
	londonTZ, _ := time.LoadLocation("Europe/London")
	// Seven theaters, "Theater A" to "Theater G"; A has seven shows today.
	var first catalog.Theater
	for i := range 7 {
		th := newTheater(t, b, fmt.Sprintf("Theater %c", 'A'+i))
		if i == 0 {
			first = th
		}
	}
	var shows []catalog.Show
	for i := range 7 {
		sc := newScreen(t, b, first.ID, fmt.Sprintf("Screen %d", i+1))
		shows = append(shows, newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 10+i, 0, 0, 0, londonTZ)))
	}

	_, body := b.staff(t).Get(t, "/admin")
	body = html.UnescapeString(body)
	require.Contains(t, body, "Theaters 1–6 of 7")
	require.Equal(t, 6, count(body, `class="card dash-theater"`), "six theaters a page")
	require.NotContains(t, body, "Theater G")
	require.Equal(t, 4, count(body, `class="dash-show"`), "the next four of Theater A's shows, not all seven")
	require.Contains(t, body, "7 shows today")
	require.Contains(t, body, fmt.Sprintf(`href="/admin/shows?date=2031-03-12&theater=%d">All 7 shows today`, first.ID))
	require.Contains(t, body, fmt.Sprintf(`#show-%d">10:00</a>`, shows[0].ID))
	require.NotContains(t, body, fmt.Sprintf(`#show-%d"`, shows[4].ID))
	require.Contains(t, body, `<a class="pager__page" href="/admin?page=1" aria-current="page"`)
	require.Contains(t, body, `href="/admin?page=2" rel="next"`, "a plain link to the next page")

	_, body = b.staff(t).Get(t, "/admin?page=2")
	body = html.UnescapeString(body)
	require.Contains(t, body, "Theaters 7–7 of 7")
	require.Contains(t, body, "Theater G")
	require.NotContains(t, body, "Theater A")
	require.Contains(t, body, `href="/admin?page=1" rel="prev"`)
	require.Contains(t, body, `dash-stat__value">7</span>`, "the day's totals stay those of every theater")

	_, body = b.staff(t).Get(t, "/admin?page=9")
	require.Contains(t, html.UnescapeString(body), "Theaters 7–7 of 7", "a page past the end shows the last")
	for _, bad := range []string{"0", "x", "-1"} {
		res, _ := b.staff(t).Get(t, "/admin?page="+bad)
		require.Equal(t, http.StatusBadRequest, res.StatusCode, "page=%s", bad)
	}
}

func TestDashboardDaysAreEachTheatersLocalDate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovie(t, b, "Long Night")
	hono := newHonoluluTheater(t, b, "Waikiki Test")
	sc := newScreen(t, b, hono.ID, "Screen 1")
	honolulu, _ := time.LoadLocation("Pacific/Honolulu")
	// It is Tuesday 23:00 in Honolulu: its today holds a morning show (20:00
	// UTC on Tuesday, over by now) and a late one; Wednesday's is tomorrow.
	morning := newShow(t, b, m.ID, newScreen(t, b, hono.ID, "Screen 2").ID, time.Date(2031, 3, 13, 10, 0, 0, 0, honolulu))
	_, err := b.Pool.Exec(context.Background(), `UPDATE catalog.shows SET starts_at = starts_at - interval '2 days',
		ends_at = ends_at - interval '2 days' WHERE id = $1`, morning.ID) // the past cannot be scheduled
	require.NoError(t, err)
	tuesday := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 11, 23, 30, 0, 0, honolulu))
	wednesday := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 18, 0, 0, 0, honolulu))

	_, body := b.staff(t).Get(t, "/admin")
	body = html.UnescapeString(body)
	require.Contains(t, body, "Tuesday 11 March · 23:00 HST", "the theater's own date and time")
	require.NotContains(t, body, "UTC")
	require.Contains(t, body, "2 shows today", "both of Tuesday's, the one over too")
	require.Equal(t, 1, count(body, `class="dash-show"`), "only the late show is still to finish")
	require.Contains(t, body, fmt.Sprintf(`href="/admin/shows?date=2031-03-11&show=%d&theater=%d#show-%d">23:30</a>`, tuesday.ID, hono.ID, tuesday.ID))
	require.NotContains(t, body, fmt.Sprintf(`#show-%d"`, wednesday.ID), "tomorrow in Honolulu")
}
