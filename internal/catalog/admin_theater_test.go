package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// theaterForm is a complete theater form in London.
func theaterForm(name string) url.Values {
	return url.Values{
		"name": {name}, "city": {"london"}, "address": {"1 Leicester Square"}, "latitude": {"51.5103"},
		"longitude": {"-0.1301"}, "time_zone": {"Europe/London"}, "amenities": {"parking", "bar"},
		"trailer_minutes": {"20"}, "cleaning_minutes": {"10"},
	}
}

func TestAdminTheaterCreateRejectsABadTimeZone(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newCity(t, b, "London", "Europe/London", "GBP")

	form := theaterForm("Odeon Luxe")
	form.Set("time_zone", "Mars/Olympus_Mons")
	form.Set("latitude", "north-ish")
	res, body := b.staff(t).Post(t, "/admin/theaters", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `id="time_zone-error"`)
	require.Contains(t, body, "Enter an IANA time zone")
	require.Contains(t, body, "Enter the latitude as a number")
	require.Contains(t, body, `value="Odeon Luxe"`)
	require.Contains(t, body, `value="Mars/Olympus_Mons"`)
	require.Contains(t, body, `value="bar" checked`)
	theaters, err := b.Catalog.Theaters(context.Background(), "")
	require.NoError(t, err)
	require.Empty(t, theaters)

	// Left empty, the time zone is the city's.
	form.Set("time_zone", "")
	form.Set("latitude", "51.5103")
	res, _ = b.staff(t).Post(t, "/admin/theaters", form)
	id := redirectID(t, res, "/admin/theaters/")
	th, err := b.Catalog.Theater(context.Background(), id)
	require.NoError(t, err)
	require.Equal(t, "Europe/London", th.TimeZone)
	require.Equal(t, 20, th.TrailerMinutes)
	require.InDelta(t, 51.5103, *th.Latitude, 1e-9)
	require.ElementsMatch(t, []string{"parking", "bar"}, th.Amenities)
}

func TestAdminTheaterEdit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Picturehouse")

	_, body := b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d/edit", th.ID))
	require.Contains(t, body, `value="Picturehouse"`)
	require.Contains(t, body, `value="parking" checked`)

	form := theaterForm("Picturehouse Central")
	form.Set("latitude", "")
	form.Set("longitude", "")
	form["amenities"] = []string{"hearing_loop"}
	res, _ := b.staff(t).Post(t, fmt.Sprintf("/admin/theaters/%d", th.ID), form)
	require.Equal(t, th.ID, redirectID(t, res, "/admin/theaters/"))
	got, err := b.Catalog.Theater(context.Background(), th.ID)
	require.NoError(t, err)
	require.Equal(t, "Picturehouse Central", got.Name)
	require.Equal(t, []string{"hearing_loop"}, got.Amenities)
	require.Nil(t, got.Latitude)

	form.Set("cleaning_minutes", "500")
	res, body = b.staff(t).Post(t, fmt.Sprintf("/admin/theaters/%d", th.ID), form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Cleaning takes 0-120 minutes.")
	res, _ = b.staff(t).Post(t, "/admin/theaters/999999", form)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestAdminTheaterPageShowsScreensAndPrices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Curzon")
	newScreen(t, b, th.ID, "Screen One", "2D", "IMAX")

	res, body := b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d", th.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Screen One")
	require.Contains(t, body, "50 seats · 5 rows × 10 columns")
	require.Contains(t, body, "<li>IMAX</li>")
	require.Contains(t, body, "£15")
	require.Contains(t, body, "Wheelchair space")
	require.Contains(t, body, "Parking")
}

func TestAdminTheaterListFiltersByCity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTheater(t, b, "London Lux")
	newMumbaiTheater(t, b, "Bandra Talkies")

	_, body := b.staff(t).Get(t, "/admin/theaters")
	require.Contains(t, body, "London Lux")
	require.Contains(t, body, "Bandra Talkies")
	_, body = b.staff(t).Get(t, "/admin/theaters?city=mumbai")
	require.NotContains(t, body, "London Lux")
	require.Contains(t, body, "Bandra Talkies")
	_, body = b.staff(t).Get(t, "/admin/theaters?city=atlantis")
	require.Contains(t, body, "London Lux", "an unknown city shows them all")
}
