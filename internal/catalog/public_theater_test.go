package catalog_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestTheaterPageListsShowtimesByMovie(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newMumbaiTheater(t, b, "Orion Bandra")
	sc := newScreen(t, b, th.ID, "Audi 1", "2D", "IMAX")
	m := newMovie(t, b, "The Lantern Keeper")
	show := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 13, 15, 0, 0, time.UTC))

	res, body := b.get(t, "/theaters/"+th.Slug)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "<h1>Orion Bandra</h1>")
	require.Contains(t, body, "14 Hill Road, Bandra")
	require.Contains(t, body, "Recliners", "amenities are shown by their labels")
	require.Contains(t, body, "Food court")
	require.Contains(t, body, "https://www.openstreetmap.org/?mlat=19.05440&amp;mlon=72.83470")
	require.Equal(t, 7, count(body, `class="date-strip__day`))
	require.Contains(t, body, "The Lantern Keeper")
	require.Contains(t, body, `href="/movies/`+m.Slug+`"`)
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, show.ID))
	require.Contains(t, body, "18:45")

	_, body = b.get(t, "/theaters/"+th.Slug+"?date=2031-03-13")
	require.NotContains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, show.ID))
	require.Contains(t, body, "No shows left on Thursday 13 March")

	res, _ = b.get(t, "/theaters/no-such-theater")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestTheaterListFollowsTheChosenCity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTheater(t, b, "Riverside Picturehouse")
	newMumbaiTheater(t, b, "Orion Bandra")

	_, body := b.get(t, "/theaters")
	require.Contains(t, body, "Riverside Picturehouse")
	require.Contains(t, body, "Orion Bandra")
	require.Contains(t, body, `<h2 class="city-heading">London</h2>`, "all cities, grouped")
	require.Contains(t, body, "1 Test Street")
	require.Contains(t, body, "Parking")

	_, body = b.get(t, "/theaters", cityCookie("mumbai")...)
	require.Contains(t, body, "Cinemas in Mumbai")
	require.Contains(t, body, "Orion Bandra")
	require.NotContains(t, body, "Riverside Picturehouse")
}
