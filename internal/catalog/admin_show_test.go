package catalog_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

// showForm is a valid schedule form for movie on screen at 18:00 London
// time on Friday 14 March 2031 (two days after the test clock).
func showForm(movieID, screenID int64) url.Values {
	return url.Values{"movie": {fmt.Sprint(movieID)}, "screen": {fmt.Sprint(screenID)}, "date": {"2031-03-14"},
		"time": {"18:00"}, "format": {"2D"}, "language": {"English"}}
}

// afterRedirect follows a 303 as the staff browser (the flash message
// lives in the session) and returns the next page, unescaped.
func afterRedirect(t *testing.T, b *testBundle, res *http.Response) string {
	t.Helper()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	next, body := b.staff(t).Get(t, res.Header.Get("Location"))
	require.Equal(t, http.StatusOK, next.StatusCode)
	return html.UnescapeString(body)
}

// showCount counts the shows in the database, cancelled ones included.
func showCount(t *testing.T, b *testBundle) int {
	t.Helper()
	var n int
	require.NoError(t, b.Pool.QueryRow(context.Background(), "SELECT count(*) FROM catalog.shows").Scan(&n))
	return n
}

func TestAdminSchedulesOneShowFromTheForm(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")

	res, body := b.staff(t).Get(t, "/admin/shows/new")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `<optgroup label="Odeon Test · London">`)
	require.Contains(t, body, "Screen 1 · 2D · 50 seats")

	form := showForm(m.ID, sc.ID)
	form.Set("price_standard", "12.50")
	res, _ = b.staff(t).Post(t, "/admin/shows", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Regexp(t, fmt.Sprintf(`^/admin/shows\?date=2031-03-14&show=(\d+)&theater=%d#show-(\d+)$`, th.ID), res.Header.Get("Location"))
	page := afterRedirect(t, b, res)
	require.Contains(t, page, "Scheduled show #")
	require.Contains(t, page, "Long Night")
	require.Contains(t, page, "18:00")
	require.Contains(t, page, "GMT")
	require.Contains(t, page, "Standard £12.50", "the override")
	require.Contains(t, page, "Premium £15", "the theater's price rule")

	london, _ := time.LoadLocation("Europe/London")
	shows, err := b.Catalog.AdminShows(context.Background(), catalog.ShowFilter{From: b.now, Until: b.now.AddDate(0, 0, 7)})
	require.NoError(t, err)
	require.Len(t, shows, 1)
	require.Equal(t, time.Date(2031, 3, 14, 18, 0, 0, 0, london), shows[0].StartsAt.In(london))
	require.Equal(t, int64(1250), shows[0].Prices[catalog.Standard])
}

func TestAdminScheduleFormKeepsInputWhenInvalid(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1", "2D")
	m := newMovie(t, b, "Long Night")

	form := showForm(m.ID, sc.ID)
	form.Set("time", "")
	form.Set("price_premium", "twelve")
	res, body := b.staff(t).Post(t, "/admin/shows", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the start time, like 18:45.")
	require.Contains(t, body, "Enter the premium price as an amount like 12.50.")
	require.Contains(t, body, `value="2031-03-14"`, "the date typed is kept")
	require.Contains(t, body, `value="twelve"`, "the bad price is kept to correct")
	require.Contains(t, body, fmt.Sprintf(`<option value="%d" selected>Long Night</option>`, m.ID))

	// The service's own checks come back the same way.
	form = showForm(m.ID, sc.ID)
	form.Set("format", "IMAX")
	res, body = b.staff(t).Post(t, "/admin/shows", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Screen 1 cannot play IMAX; it plays 2D.")
	require.Contains(t, body, `<option value="IMAX" selected>IMAX</option>`)
	require.Equal(t, 0, showCount(t, b))
}

func TestAdminScheduleOverlapNamesTheBlockingShow(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	london, _ := time.LoadLocation("Europe/London")
	blocker := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 14, 18, 30, 0, 0, london))

	res, body := b.staff(t).Post(t, "/admin/shows", showForm(m.ID, sc.ID))
	require.Equal(t, http.StatusConflict, res.StatusCode)
	body = html.UnescapeString(body)
	require.Contains(t, body, "Screen 1, Fri 14 Mar 18:00 — blocked by 'Long Night' 18:30–21:00")
	require.Contains(t, body, fmt.Sprintf(`href="/admin/shows?date=2031-03-14&show=%d&theater=%d#show-%d">show #%d</a>`, blocker.ID, th.ID, blocker.ID, blocker.ID))
	require.Contains(t, body, `value="18:00"`, "the input is kept")
	require.Equal(t, 1, showCount(t, b))
}

func TestAdminBulkSchedulesAllOrNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	s1 := newScreen(t, b, th.ID, "Screen 1")
	s2 := newScreen(t, b, th.ID, "Screen 2")
	m := newMovie(t, b, "Long Night")
	bulk := url.Values{"movie": {fmt.Sprint(m.ID)}, "screens": {fmt.Sprint(s1.ID), fmt.Sprint(s2.ID)},
		"first_day": {"2031-03-14"}, "last_day": {"2031-03-15"}, "times": {"10:30, 14:00"},
		"format": {"2D"}, "language": {"English"}}

	res, _ := b.staff(t).Post(t, "/admin/shows/bulk", bulk)
	page := afterRedirect(t, b, res)
	require.Contains(t, page, "Scheduled 8 shows.")
	require.Equal(t, 8, showCount(t, b))

	// A second run, also in Mumbai, clashes with one show already on screen
	// 2: that clash is named, with its theater and blocker, and none of the
	// eight is added.
	london, _ := time.LoadLocation("Europe/London")
	blocker := newShow(t, b, m.ID, s2.ID, time.Date(2031, 3, 16, 18, 0, 0, 0, london))
	audi := newScreen(t, b, newMumbaiTheater(t, b, "Regal Test").ID, "Audi 1")
	bulk.Add("screens", fmt.Sprint(audi.ID))
	bulk.Set("first_day", "2031-03-16")
	bulk.Set("last_day", "2031-03-17")
	bulk.Set("times", "17:00, 21:00")
	res, body := b.staff(t).Post(t, "/admin/shows/bulk", bulk)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	body = html.UnescapeString(body)
	require.Contains(t, body, "Odeon Test · Screen 2, Sun 16 Mar 17:00 — blocked by 'Long Night' 18:00–20:30")
	require.Contains(t, body, fmt.Sprintf("show #%d</a>", blocker.ID))
	require.NotContains(t, body, "Screen 1, Sun 16 Mar 17:00", "screen 1 is free then")
	require.Contains(t, body, `value="17:00, 21:00"`, "the times are kept")
	require.Contains(t, body, fmt.Sprintf(`value="%d" checked`, s2.ID), "the screens stay ticked")
	require.Contains(t, body, "Nothing was scheduled: 1 clash with shows already on the screen.")
	require.Equal(t, 9, showCount(t, b), "nothing half-created")

	// A form without screens or times is sent back, not half-scheduled.
	bulk.Del("screens")
	bulk.Set("times", "")
	res, body = b.staff(t).Post(t, "/admin/shows/bulk", bulk)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose at least one screen.")
	require.Contains(t, body, "Enter at least one start time, like 10:30.")
}

func TestAdminCancelsAShowOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	show := newShow(t, b, m.ID, sc.ID, b.now.Add(48*time.Hour))
	require.NoError(t, b.Catalog.SetAvailability(ctx, show.ID, 38))
	path := fmt.Sprintf("/admin/shows/%d/cancel", show.ID)

	res, body := b.staff(t).Get(t, path)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Cancel this show?")
	require.Contains(t, body, "12 seats are already sold or held.")
	require.Equal(t, catalog.Scheduled, mustShow(t, b, show.ID).Status, "looking is not cancelling")

	res, _ = b.staff(t).Post(t, path, nil)
	page := afterRedirect(t, b, res)
	require.Contains(t, page, fmt.Sprintf("Cancelled show #%d: Long Night on Screen 1", show.ID))
	require.Contains(t, page, `badge--danger">Cancelled</span>`)
	require.Equal(t, catalog.Cancelled, mustShow(t, b, show.ID).Status)

	res, body = b.staff(t).Post(t, path, nil)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body, "This show was already cancelled; nothing changed.")

	res, _ = b.staff(t).Get(t, "/admin/shows/999999/cancel")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = b.staff(t).Get(t, "/admin/shows/nope/cancel")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestAdminOverridesAShowsPrices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	show := newShow(t, b, m.ID, sc.ID, b.now.Add(48*time.Hour))
	path := fmt.Sprintf("/admin/shows/%d/prices", show.ID)

	res, body := b.staff(t).Get(t, path)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `name="price_standard" type="text" inputmode="decimal" autocomplete="off" placeholder="0.00" value="10.00"`)
	require.Contains(t, body, `value="15.00"`)
	require.NotContains(t, body, "price_recliner", "the screen has no recliners")

	res, body = b.staff(t).Post(t, path, url.Values{"price_standard": {"11"}, "price_premium": {"-3"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the premium price as an amount like 12.50.")
	require.Contains(t, body, `value="11"`)
	require.Equal(t, int64(1000), mustShow(t, b, show.ID).Prices[catalog.Standard], "nothing saved")

	res, _ = b.staff(t).Post(t, path, url.Values{"price_standard": {"11"}, "price_premium": {"16.5"}})
	page := afterRedirect(t, b, res)
	require.Contains(t, page, fmt.Sprintf("Saved the prices of show #%d", show.ID))
	require.Contains(t, page, "Standard £11")
	require.Contains(t, page, "Premium £16.50")
	got := mustShow(t, b, show.ID).Prices
	require.Equal(t, int64(1100), got[catalog.Standard])
	require.Equal(t, int64(1650), got[catalog.Premium])
}

func TestAdminShowListFiltersByTheaterAndDay(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := newTheater(t, b, "Odeon Test")
	z := newMumbaiTheater(t, b, "Regal Test")
	sa := newScreen(t, b, a.ID, "Screen 1")
	sz := newScreen(t, b, z.ID, "Audi 1")
	m := newMovie(t, b, "Long Night")
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	// 01:00 on the 14th in Mumbai is still the 13th in UTC.
	late := newShow(t, b, m.ID, sz.ID, time.Date(2031, 3, 14, 1, 0, 0, 0, kolkata))
	london := newShow(t, b, m.ID, sa.ID, b.now.Add(48*time.Hour))

	_, body := b.staff(t).Get(t, fmt.Sprintf("/admin/shows?theater=%d&date=2031-03-14", z.ID))
	require.Contains(t, body, fmt.Sprintf(`id="show-%d"`, late.ID))
	require.Contains(t, body, "01:00")
	require.Contains(t, body, "IST")
	require.Contains(t, body, "₹250")
	require.NotContains(t, body, fmt.Sprintf(`id="show-%d"`, london.ID), "another theater's show")

	_, body = b.staff(t).Get(t, "/admin/shows?date=2031-03-14")
	require.Contains(t, body, fmt.Sprintf(`id="show-%d"`, late.ID), "Mumbai's 14th with every theater listed")
	require.Contains(t, body, fmt.Sprintf(`id="show-%d"`, london.ID), "and London's")
	require.Contains(t, html.UnescapeString(body), "Friday 14 March 2031")
	require.Contains(t, html.UnescapeString(body), "Each theater's local day and time")
	require.NotContains(t, body, "UTC")
	_, body = b.staff(t).Get(t, "/admin/shows?date=2031-03-13")
	require.NotContains(t, body, fmt.Sprintf(`id="show-%d"`, late.ID), "the 13th in UTC is not Mumbai's 13th")

	res, _ := b.staff(t).Get(t, "/admin/shows?date=14-03-2031")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	res, _ = b.staff(t).Get(t, "/admin/shows?theater=x")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}

func mustShow(t *testing.T, b *testBundle, id int64) catalog.Show {
	t.Helper()
	s, err := b.Catalog.Show(context.Background(), id)
	require.NoError(t, err)
	return s
}
