package catalog_test

import (
	"fmt"
	"html"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

func TestAdminShowListPagesTheDayAndOpensOnTheChosenShow(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	m := newMovie(t, b, "Long Night")
	londonTZ, _ := time.LoadLocation("Europe/London")
	// 27 shows on Friday 14 March: three screens, nine shows each, 150
	// minutes apart (120 of film, trailers and cleaning).
	var shows []catalog.Show
	for i := range 3 {
		sc := newScreen(t, b, th.ID, fmt.Sprintf("Screen %d", i+1))
		for j := range 9 {
			start := time.Date(2031, 3, 14, 0, i*5, 0, 0, londonTZ).Add(time.Duration(j) * 150 * time.Minute)
			shows = append(shows, newShow(t, b, m.ID, sc.ID, start))
		}
	}
	last := shows[len(shows)-1] // 20:10, the day's last

	list := fmt.Sprintf("/admin/shows?date=2031-03-14&theater=%d", th.ID)
	res, body := b.staff(t).Get(t, list)
	require.Equal(t, http.StatusOK, res.StatusCode)
	body = html.UnescapeString(body)
	require.Contains(t, body, "Shows 1–25 of 27")
	require.Equal(t, 25, count(body, `<tr id="show-`))
	require.NotContains(t, body, fmt.Sprintf(`id="show-%d"`, last.ID))
	next := fmt.Sprintf(`href="/admin/shows?date=2031-03-14&page=2&theater=%d" rel="next"`, th.ID)
	require.Contains(t, body, next, "a plain link to the next page")
	require.Contains(t, body, `aria-current="page" aria-label="Page 1"`)

	_, body = b.staff(t).Get(t, list+"&page=2")
	body = html.UnescapeString(body)
	require.Contains(t, body, "Shows 26–27 of 27")
	require.Equal(t, 2, count(body, `<tr id="show-`))
	require.Contains(t, body, fmt.Sprintf(`id="show-%d"`, last.ID))

	_, body = b.staff(t).Get(t, fmt.Sprintf("%s&show=%d", list, last.ID))
	require.Contains(t, html.UnescapeString(body), "Shows 26–27 of 27", "show= opens the page the show is on")

	res, _ = b.staff(t).Get(t, list+"&page=zero")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	res, _ = b.staff(t).Get(t, list+"&show=x")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}

func TestAdminShowListOpensOnTheLocalDateOfMostTheaters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovie(t, b, "Long Night")
	// 09:00 UTC on Wednesday 12 March: still Tuesday in Honolulu, Wednesday
	// in London and Mumbai.
	hono := newHonoluluTheater(t, b, "Waikiki Test")
	newTheater(t, b, "Odeon Test")
	newMumbaiTheater(t, b, "Regal Test")
	honolulu, _ := time.LoadLocation("Pacific/Honolulu")
	tuesday := newShow(t, b, m.ID, newScreen(t, b, hono.ID, "Screen 1").ID, time.Date(2031, 3, 11, 23, 30, 0, 0, honolulu))

	_, body := b.staff(t).Get(t, "/admin/shows")
	body = html.UnescapeString(body)
	require.Contains(t, body, "Wednesday 12 March 2031")
	require.NotContains(t, body, "UTC")
	require.NotContains(t, body, fmt.Sprintf(`id="show-%d"`, tuesday.ID), "Tuesday's in Honolulu, though Wednesday in UTC")

	_, body = b.staff(t).Get(t, fmt.Sprintf("/admin/shows?theater=%d", hono.ID))
	body = html.UnescapeString(body)
	require.Contains(t, body, "Tuesday 11 March 2031", "the theater's own today")
	require.Contains(t, body, fmt.Sprintf(`id="show-%d"`, tuesday.ID))
	require.Contains(t, body, "23:30")
}
